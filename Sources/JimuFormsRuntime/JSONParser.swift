/// A strict RFC 8259 JSON parser over raw bytes: no Foundation, no intermediate `Data`, one
/// pass. It rejects what Python's `json` and JavaScript's `JSON.parse` reject in the forms'
/// inputs (a BOM, control characters in strings, invalid UTF-8, trailing commas, bare
/// words), so the Swift module and the JSON Schema see the same submissions.
///
/// `parse` builds a `JSONValue` tree; `JSONFormReader` drives the same parser member by
/// member over a submission's top-level object, so both meet the same errors at the same
/// bytes.
public struct JSONParser {
    public struct Failure: Error, Sendable, Equatable {
        public var message: String
        public var offset: Int
    }

    /// Deeper nesting than this fails, rather than exhausting the stack.
    public static let maxDepth = 512

    public static func parse(_ bytes: [UInt8]) throws(Failure) -> JSONValue {
        try bytes.withUnsafeBufferPointer { (buffer) throws(Failure) -> JSONValue in
            var parser = JSONParser(bytes: buffer)
            parser.skipWhitespace()
            let value = try parser.parseValue(depth: 0)
            try parser.expectEnd()
            return value
        }
    }

    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    init(bytes: UnsafeBufferPointer<UInt8>, index: Int = 0) {
        self.bytes = bytes
        self.index = index
    }

    func fail(_ message: String) -> Failure { Failure(message: message, offset: index) }

    @inline(__always)
    mutating func skipWhitespace() {
        while index < bytes.count {
            let b = bytes[index]
            guard b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 else { return }
            index += 1
        }
    }

    /// After the value: only whitespace may follow.
    mutating func expectEnd() throws(Failure) {
        skipWhitespace()
        guard index == bytes.count else { throw fail("unexpected data after the JSON value") }
    }

    /// The byte at `index`, nil at the end.
    var next: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func parseValue(depth: Int) throws(Failure) -> JSONValue {
        guard index < bytes.count else { throw fail("unexpected end of input") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw fail("unexpected character")
        }
    }

    mutating func literal(_ word: StaticString) throws(Failure) {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw fail("unexpected end of input") }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] {
            throw fail("unexpected character")
        }
        index += count
    }

    private mutating func parseObject(depth: Int) throws(Failure) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = []
        if try enterObject(depth: depth) {
            repeat {
                let name = try memberName()
                members.append((text(name), try parseValue(depth: depth)))
            } while try anotherMember()
        }
        return .object(members)
    }

    // An object's syntax in three steps, shared by `parseObject` and `JSONFormReader`, which
    // reads a submission's members one by one: the same errors at the same bytes.

    /// Enters the object at `index` (its `{`): whether it has members (false: `{}` is read).
    @inline(__always)
    mutating func enterObject(depth: Int) throws(Failure) -> Bool {
        guard depth <= Self.maxDepth else { throw fail("nesting deeper than \(Self.maxDepth)") }
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return false
        }
        return true
    }

    /// A member's name and the `:` after it; the parser is then at the member's value.
    @inline(__always)
    mutating func memberName() throws(Failure) -> ScannedString {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw fail("expected a property name") }
        let name = try scanString()
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw fail("expected `:`") }
        index += 1
        skipWhitespace()
        return name
    }

    /// After a member's value: whether another member follows (`,` is read) or the object
    /// ends (`}` is read).
    @inline(__always)
    mutating func anotherMember() throws(Failure) -> Bool {
        skipWhitespace()
        guard index < bytes.count else { throw fail("unexpected end of input") }
        if bytes[index] == UInt8(ascii: ",") {
            index += 1
            return true
        }
        guard bytes[index] == UInt8(ascii: "}") else { throw fail("expected `,` or `}`") }
        index += 1
        return false
    }

    private mutating func parseArray(depth: Int) throws(Failure) -> JSONValue {
        guard depth <= Self.maxDepth else { throw fail("nesting deeper than \(Self.maxDepth)") }
        index += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array(items)
        }
        while true {
            skipWhitespace()
            items.append(try parseValue(depth: depth))
            skipWhitespace()
            guard index < bytes.count else { throw fail("unexpected end of input") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard bytes[index] == UInt8(ascii: "]") else { throw fail("expected `,` or `]`") }
            index += 1
            return .array(items)
        }
    }

    mutating func parseNumber() throws(Failure) -> Double {
        let start = index
        let negative = bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else { throw fail("malformed number") }
        // The digits of the integer and fraction parts as one integer, while they fit.
        var mantissa: Int64 = 0
        var digits = 0
        @inline(__always) func digit(_ b: UInt8) {
            mantissa = mantissa &* 10 &+ Int64(b &- 48)
            digits += 1
        }
        if bytes[index] == UInt8(ascii: "0") {
            digits = 1
            index += 1
        } else {
            while index < bytes.count, isDigit(bytes[index]) {
                digit(bytes[index])
                index += 1
            }
        }
        var integral = true
        var fractionDigits = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            integral = false
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw fail("malformed number") }
            while index < bytes.count, isDigit(bytes[index]) {
                digit(bytes[index])
                fractionDigits += 1
                index += 1
            }
        }
        var exponent = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            integral = false
            index += 1
            var exponentSign = 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                if bytes[index] == UInt8(ascii: "-") { exponentSign = -1 }
                index += 1
            }
            guard index < bytes.count, isDigit(bytes[index]) else { throw fail("malformed number") }
            while index < bytes.count, isDigit(bytes[index]) {
                exponent = min(exponent * 10 + Int(bytes[index] - 48), 100_000)
                index += 1
            }
            exponent *= exponentSign
        }
        // Small integers, the common case, without a text round trip.
        if integral, index - start <= 15 {
            return Double(negative ? -mantissa : mantissa)
        }
        // Few digits and a small power of ten: both are exact doubles, and one division or
        // multiplication rounds correctly, as reading the text does (Clinger's fast path).
        let power = exponent - fractionDigits
        if digits <= 15, abs(power) <= 22 {
            let magnitude = power < 0 ? Double(mantissa) / Self.powersOfTen[-power] : Double(mantissa) * Self.powersOfTen[power]
            return negative ? -magnitude : magnitude
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard let value = Double(text) else { throw fail("malformed number") }
        return value
    }

    /// 10⁰ … 10²², every one an exact double.
    private static let powersOfTen: [Double] = (0...22).map { exponent in
        (0..<exponent).reduce(1.0) { power, _ in power * 10 }
    }

    @inline(__always)
    private func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }

    /// A string as the parser met it: the range of its bytes between the quotes when they
    /// hold no escape (checked to be UTF-8, not yet copied), else its decoded text.
    enum ScannedString {
        case raw(Range<Int>)
        case decoded(String)
    }

    /// The text of a scanned string.
    @inline(__always)
    func text(_ string: ScannedString) -> String {
        switch string {
        case .raw(let range): String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        case .decoded(let text): text
        }
    }

    mutating func parseString() throws(Failure) -> String {
        text(try scanString())
    }

    /// Reads the string at `index` (its opening quote).
    @inline(__always)
    mutating func scanString() throws(Failure) -> ScannedString {
        index += 1
        let start = index
        // Fast path: no escapes; the bytes are checked to be UTF-8 as they are passed, and
        // left where they are. A malformed sequence is passed byte by byte and reported at
        // the closing quote (a control character before it is reported first).
        // The position is kept in a local while scanning, and stored when the scan stops.
        var wellFormed = true
        var i = index
        let count = bytes.count
        while i < count {
            // Eight plain ASCII bytes at a time: no quote, backslash, control character or
            // byte of a multi-byte sequence among them.
            if i + 8 <= count, let base = bytes.baseAddress,
                Self.plainASCII(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
            {
                i += 8
                continue
            }
            let b = bytes[i]
            if b >= 0x80 {
                // The bytes of a multi-byte sequence are never a quote, a backslash or a
                // control character.
                let length = sequenceLength(at: i)
                wellFormed = wellFormed && length > 0
                i += max(length, 1)
                continue
            }
            if b == UInt8(ascii: "\"") {
                index = i + 1
                guard wellFormed else { throw fail("invalid UTF-8 in a string") }
                return .raw(start..<i)
            }
            if b == UInt8(ascii: "\\") { break }
            if b < 0x20 {
                index = i
                throw fail("control character in a string")
            }
            i += 1
        }
        index = i
        return .decoded(try decodeEscapedString(from: start))
    }

    /// Whether eight bytes, read as one word, hold no byte a string's fast path must stop at.
    /// The bit tricks (from "Bit Twiddling Hacks") flag a word with a byte below 0x20, or
    /// equal to `"` or `\`; they never miss one.
    @inline(__always)
    private static func plainASCII(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highs }
        let control = (word &- ones &* 0x20) & ~word & highs
        let special = word & highs | control | hasZeroByte(word ^ (ones &* 0x22)) | hasZeroByte(word ^ (ones &* 0x5C))
        return special == 0
    }

    /// The length of the well-formed UTF-8 sequence of two to four bytes at `start`, 0 when
    /// it is malformed (overlong, a surrogate, beyond U+10FFFF, truncated): what `utf8String`
    /// accepts, one sequence at a time.
    @inline(__always)
    private func sequenceLength(at start: Int) -> Int {
        let lead = bytes[start]
        let count = bytes.count
        @inline(__always) func continuation(_ offset: Int) -> UInt8? {
            start + offset < count && bytes[start + offset] & 0xC0 == 0x80 ? bytes[start + offset] : nil
        }
        switch lead {
        case 0xC2...0xDF:
            return continuation(1) == nil ? 0 : 2
        case 0xE0...0xEF:
            guard let second = continuation(1), continuation(2) != nil else { return 0 }
            if lead == 0xE0 && second < 0xA0 { return 0 }  // overlong
            if lead == 0xED && second >= 0xA0 { return 0 }  // a surrogate
            return 3
        case 0xF0...0xF4:
            guard let second = continuation(1), continuation(2) != nil, continuation(3) != nil else { return 0 }
            if lead == 0xF0 && second < 0x90 { return 0 }  // overlong
            if lead == 0xF4 && second >= 0x90 { return 0 }  // beyond U+10FFFF
            return 4
        default:
            return 0
        }
    }

    /// The rest of a string from `start`, its first byte after the opening quote, once an
    /// escape (or the end of the input) is met at `index`.
    private mutating func decodeEscapedString(from start: Int) throws(Failure) -> String {
        var scalars = String.UnicodeScalarView()
        guard let prefix = Self.utf8String(UnsafeBufferPointer(rebasing: bytes[start..<index])) else {
            throw fail("invalid UTF-8 in a string")
        }
        scalars.append(contentsOf: prefix.unicodeScalars)
        var runStart = index
        func flush(_ end: Int) throws(Failure) {
            guard end > runStart else { return }
            guard let run = Self.utf8String(UnsafeBufferPointer(rebasing: bytes[runStart..<end])) else {
                throw fail("invalid UTF-8 in a string")
            }
            scalars.append(contentsOf: run.unicodeScalars)
        }
        while index < bytes.count {
            let b = bytes[index]
            if b == UInt8(ascii: "\"") {
                try flush(index)
                index += 1
                return String(scalars)
            }
            guard b >= 0x20 else { throw fail("control character in a string") }
            if b != UInt8(ascii: "\\") {
                index += 1
                continue
            }
            try flush(index)
            index += 1
            guard index < bytes.count else { throw fail("unexpected end of input") }
            let escape = bytes[index]
            index += 1
            switch escape {
            case UInt8(ascii: "\""): scalars.append("\"")
            case UInt8(ascii: "\\"): scalars.append("\\")
            case UInt8(ascii: "/"): scalars.append("/")
            case UInt8(ascii: "b"): scalars.append("\u{08}")
            case UInt8(ascii: "f"): scalars.append("\u{0C}")
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "u"):
                let unit = try hex4()
                if (0xD800...0xDBFF).contains(unit), index + 6 <= bytes.count, bytes[index] == UInt8(ascii: "\\"),
                    bytes[index + 1] == UInt8(ascii: "u")
                {
                    let save = index
                    index += 2
                    let low = try hex4()
                    if (0xDC00...0xDFFF).contains(low) {
                        let value = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                        scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
                    } else {
                        scalars.append("\u{FFFD}")
                        index = save
                    }
                } else {
                    // A lone surrogate cannot be held by a Swift string: U+FFFD takes its
                    // place, one character as it was.
                    scalars.append(Unicode.Scalar(unit) ?? "\u{FFFD}")
                }
            default:
                throw fail("invalid escape in a string")
            }
            runStart = index
        }
        throw fail("unterminated string")
    }

    /// The text of well-formed UTF-8 bytes, nil for anything else (overlong forms,
    /// surrogates, truncated sequences): checked here, so the copy needs no repair pass.
    static func utf8String(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                i += 1
                continue
            }
            let length: Int
            var minimum: UInt32
            var value: UInt32
            switch b {
            case 0xC2...0xDF: length = 2; value = UInt32(b & 0x1F); minimum = 0x80
            case 0xE0...0xEF: length = 3; value = UInt32(b & 0x0F); minimum = 0x800
            case 0xF0...0xF4: length = 4; value = UInt32(b & 0x07); minimum = 0x10000
            default: return nil
            }
            guard i + length <= n else { return nil }
            for k in 1..<length {
                let c = bytes[i + k]
                guard c & 0xC0 == 0x80 else { return nil }
                value = value << 6 | UInt32(c & 0x3F)
            }
            guard value >= minimum, value <= 0x10FFFF, !(0xD800...0xDFFF).contains(value) else { return nil }
            i += length
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        guard index + 4 <= bytes.count else { throw fail("malformed \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[index]
            let digit: UInt32
            switch b {
            case 48...57: digit = UInt32(b - 48)
            case 65...70: digit = UInt32(b - 55)
            case 97...102: digit = UInt32(b - 87)
            default: throw fail("malformed \\u escape")
            }
            value = value * 16 + digit
            index += 1
        }
        return value
    }
}
