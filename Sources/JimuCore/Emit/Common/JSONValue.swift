/// A JSON document built by an emitter, serialised one way only: keys sorted by their UTF-8
/// bytes, two-space indentation, `\n` line ends, numbers in their shortest exact form. Same
/// value, same bytes, on every machine — the ground of Jimu's deterministic output.
public indirect enum JSONValue: Equatable, Sendable, ExpressibleByStringLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByIntegerLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .integer(Int64(value)) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }

    /// A catalog number: whole values as integers, others as the shortest exact decimal.
    public init(_ number: CatalogNumber) {
        if number.value.rounded() == number.value, abs(number.value) < 9.0e15 {
            self = .integer(Int64(number.value))
        } else {
            self = .number(number.value)
        }
    }

    /// The document's text, ending in a newline.
    public func serialized() -> String { String(decoding: utf8(), as: UTF8.self) }

    /// The document's UTF-8, ending in a newline. Written as bytes: schemas and the site's
    /// search index are megabytes of it at province scale.
    public func utf8() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        write(into: &out, indent: 0)
        out.append(UInt8(ascii: "\n"))
        return out
    }

    /// The value's text as it stands `indent` spaces in (its first line not indented).
    func write(into out: inout [UInt8], indent: Int) {
        switch self {
        case .null: out += "null".utf8
        case .bool(let b): out += (b ? "true" : "false").utf8
        case .integer(let i): out += String(i).utf8
        case .number(let d): out += d.description.utf8
        case .string(let s): Self.writeString(s, into: &out)
        case .array(let items):
            if items.isEmpty {
                out += "[]".utf8
                return
            }
            out += "[\n".utf8
            for (index, item) in items.enumerated() {
                out += repeatElement(UInt8(ascii: " "), count: indent + 2)
                item.write(into: &out, indent: indent + 2)
                out += (index == items.count - 1 ? "\n" : ",\n").utf8
            }
            out += repeatElement(UInt8(ascii: " "), count: indent)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            if members.isEmpty {
                out += "{}".utf8
                return
            }
            out += "{\n".utf8
            let keys = members.keys.sorted { $0.precedesInByteOrder($1) }
            for (index, key) in keys.enumerated() {
                out += repeatElement(UInt8(ascii: " "), count: indent + 2)
                Self.writeString(key, into: &out)
                out += ": ".utf8
                members[key]!.write(into: &out, indent: indent + 2)
                out += (index == keys.count - 1 ? "\n" : ",\n").utf8
            }
            out += repeatElement(UInt8(ascii: " "), count: indent)
            out.append(UInt8(ascii: "}"))
        }
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped; U+2028 and
    /// U+2029 too, so the text is also safe inside a JavaScript string.
    static func writeString(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        // Runs of bytes that need no escape are copied whole: schemas and the site's search
        // index are megabytes of strings at province scale.
        text.withUTF8 { bytes in
            var (start, index) = (0, 0)
            while index < bytes.count {
                let byte = bytes[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == 0x7F || byte == 0xE2 else {
                    index += 1
                    continue
                }
                // U+2028 and U+2029 are E2 80 A8 and E2 80 A9; any other E2 starts a character
                // that stays as it is.
                let separator = byte == 0xE2 && index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9)
                if byte == 0xE2 && !separator {
                    index += 1
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                switch byte {
                case UInt8(ascii: "\""): out += "\\\"".utf8
                case UInt8(ascii: "\\"): out += "\\\\".utf8
                case UInt8(ascii: "\n"): out += "\\n".utf8
                case UInt8(ascii: "\r"): out += "\\r".utf8
                case UInt8(ascii: "\t"): out += "\\t".utf8
                case 0xE2: out += (bytes[index + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8
                default:
                    out += "\\u00".utf8
                    out += Manifest.hex(CollectionOfOne(byte)).utf8
                }
                index += separator ? 3 : 1
                start = index
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<bytes.count]))
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Adds or replaces a member of an object; no effect on other values.
    public subscript(key: String) -> JSONValue? {
        get {
            if case .object(let members) = self { return members[key] }
            return nil
        }
        set {
            guard case .object(var members) = self else { return }
            members[key] = newValue
            self = .object(members)
        }
    }
}

extension JSONValue: Decodable {
    /// Reads any JSON document, as `jimu diff` does with generated schemas.
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let b = try? container.decode(Bool.self) {
            self = .bool(b)
        } else if let i = try? container.decode(Int64.self) {
            self = .integer(i)
        } else if let d = try? container.decode(Double.self) {
            self = .number(d)
        } else if let s = try? container.decode(String.self) {
            self = .string(s)
        } else if let a = try? container.decode([JSONValue].self) {
            self = .array(a)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var numberValue: Double? {
        switch self {
        case .integer(let i): Double(i)
        case .number(let d): d
        default: nil
        }
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    public var objectValue: [String: JSONValue]? {
        if case .object(let o) = self { return o }
        return nil
    }
}
