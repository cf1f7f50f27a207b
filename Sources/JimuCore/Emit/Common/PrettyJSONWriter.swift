import Foundation

/// Writes JSON in the layout of `CanonicalJSON` (Foundation's pretty printing: `"key" : value`,
/// two spaces a level, an empty container as `[`, a blank line, `]`) straight into bytes, for
/// documents too large or too many for `Encodable`'s cost: the manifest's 25,000 files and
/// the merge reports at province scale. The caller writes keys in byte order and leaves out absent optionals, as
/// `CanonicalJSON` does; a test holds each such writer to `CanonicalJSON`'s bytes.
struct PrettyJSONWriter {
    private(set) var bytes: [UInt8] = []
    /// How many members each open container has so far.
    private var counts: [Int] = []

    init(capacity: Int = 1024) {
        bytes.reserveCapacity(capacity)
    }

    private var depth: Int { counts.count }

    /// Byte by byte, like every small write here: appending a sequence or an array literal
    /// to `bytes` cost more than the bytes themselves (the merge report writes millions).
    private mutating func indent(_ level: Int) {
        for _ in 0..<(2 * level) { bytes.append(UInt8(ascii: " ")) }
    }

    /// Before a member or an element: the comma after the previous one, a line, the indent.
    private mutating func next() {
        guard let last = counts.indices.last else { return }
        if counts[last] > 0 { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\n"))
        counts[last] += 1
        indent(depth)
    }

    private mutating func close(_ bracket: UInt8) {
        let count = counts.removeLast()
        if count == 0 { bytes.append(UInt8(ascii: "\n")) }
        bytes.append(UInt8(ascii: "\n"))
        indent(depth)
        bytes.append(bracket)
    }

    mutating func beginObject() {
        bytes.append(UInt8(ascii: "{"))
        counts.append(0)
    }

    mutating func endObject() { close(UInt8(ascii: "}")) }

    mutating func beginArray() {
        bytes.append(UInt8(ascii: "["))
        counts.append(0)
    }

    mutating func endArray() { close(UInt8(ascii: "]")) }

    /// The key of the next member of the open object.
    mutating func key(_ name: String) {
        next()
        string(name)
        bytes.append(UInt8(ascii: " "))
        bytes.append(UInt8(ascii: ":"))
        bytes.append(UInt8(ascii: " "))
    }

    /// Before the next element of the open array.
    mutating func element() { next() }

    mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        // Most strings have nothing to escape: copied whole.
        guard text.containsByte(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
            bytes += text.utf8
            bytes.append(UInt8(ascii: "\""))
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x08: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "b")]
            case 0x0C: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "f")]
            case 0x0A: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0..<0x20:
                bytes += "\\u00".utf8
                bytes += Manifest.hex(CollectionOfOne(byte)).utf8
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Its decimal digits, written without a `String` in between.
    mutating func int(_ value: Int) { bytes.appendDecimal(value) }

    mutating func bool(_ value: Bool) { bytes += (value ? "true" : "false").utf8 }

    /// As `JSONEncoder` writes the figure's `Decimal`: its description.
    mutating func figure(_ value: DecimalFigure) { bytes += value.description.utf8 }


    mutating func array<Element>(_ elements: [Element], _ write: (inout PrettyJSONWriter, Element) -> Void) {
        beginArray()
        for element in elements {
            self.element()
            write(&self, element)
        }
        endArray()
    }

    mutating func strings(_ values: [String]) {
        beginArray()
        for value in values {
            element()
            string(value)
        }
        endArray()
    }
}
