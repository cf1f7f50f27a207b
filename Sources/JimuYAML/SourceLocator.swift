/// Answers questions about the raw input that libyaml cannot: the line and column of a byte
/// offset, the text of a line, the first invalid UTF-8 sequence.
///
/// Only used on error paths, so it scans from the start each time rather than keeping a
/// line table that every successful parse would pay for. Line breaks are counted as libyaml
/// counts them (CRLF, CR, LF, NEL, LS, PS), so its marks and ours agree.
struct SourceLocator {
    let bytes: UnsafeBufferPointer<UInt8>

    /// The mark of the character that starts at `offset` (clamped to the input).
    func mark(ofByteOffset offset: Int) -> YAMLMark {
        let end = min(max(offset, 0), bytes.count)
        var line = 1
        var column = 1
        var index = 0
        while index < end {
            let width = breakWidth(at: index)
            if width > 0, index + width <= end {
                line += 1
                column = 1
                index += width
                continue
            }
            // Continuation bytes belong to the character they continue: columns count
            // Unicode scalars, as libyaml does.
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return YAMLMark(line: line, column: column)
    }

    /// The byte range of a 1-based line, without its line break; nil past the end.
    func lineRange(_ line: Int) -> Range<Int>? {
        guard line >= 1 else { return nil }
        var current = 1
        var index = 0
        while current < line {
            guard index < bytes.count else { return nil }
            let width = breakWidth(at: index)
            if width > 0 {
                current += 1
                index += width
            } else {
                index += 1
            }
        }
        var end = index
        while end < bytes.count, breakWidth(at: end) == 0 { end += 1 }
        return index..<end
    }

    /// The place of the first tab in the indentation of `line`, if any.
    ///
    /// Indentation here is the leading blanks together with block indicators followed by a
    /// blank (`- `, `? `, `: `), because in `-\tvalue` the tab indents a compact nested node
    /// just as leading blanks would.
    func tabInIndentation(line: Int) -> YAMLMark? {
        guard let range = lineRange(line) else { return nil }
        var column = 1
        var index = range.lowerBound
        while index < range.upperBound {
            switch bytes[index] {
            case UInt8(ascii: "\t"):
                return YAMLMark(line: line, column: column)
            case UInt8(ascii: " "):
                break
            case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"):
                let next = index + 1 < range.upperBound ? bytes[index + 1] : UInt8(ascii: " ")
                guard next == UInt8(ascii: " ") || next == UInt8(ascii: "\t") else { return nil }
            default:
                return nil
            }
            column += 1
            index += 1
        }
        return nil
    }

    /// The byte offset of the first sequence that is not well-formed UTF-8 (overlong forms,
    /// surrogates and values above U+10FFFF included), or nil when the input is valid.
    func firstInvalidUTF8() -> Int? {
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: return index
            }
            guard index + length <= count else { return index }
            let second = bytes[index + 1]
            guard second >= lower, second <= upper else { return index }
            for offset in 2..<length where bytes[index + offset] & 0xC0 != 0x80 {
                return index
            }
            index += length
        }
        return nil
    }

    /// The width in bytes of the line break at `index`, or 0.
    private func breakWidth(at index: Int) -> Int {
        switch bytes[index] {
        case UInt8(ascii: "\n"):
            return 1
        case UInt8(ascii: "\r"):
            return index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\n") ? 2 : 1
        case 0xC2:
            return index + 1 < bytes.count && bytes[index + 1] == 0x85 ? 2 : 0
        case 0xE2:
            guard index + 2 < bytes.count, bytes[index + 1] == 0x80 else { return 0 }
            return bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9 ? 3 : 0
        default:
            return 0
        }
    }
}
