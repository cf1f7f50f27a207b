/// Escaping of editor text for HTML: a name holding `<script>` must show as text in an
/// element, in a quoted attribute, in inline SVG and in the JSON of an inline script.
public enum HTML {
    /// Text or a double- or single-quoted attribute value: `&`, `<`, `>`, `"` and `'` become
    /// character references. On UTF-8 bytes, so a combining mark after a quote cannot shield
    /// it (an HTML parser reads code points, not graphemes).
    public static func escape(_ text: String) -> String {
        // Most editor text has nothing to escape: it is returned as it is, not copied.
        guard text.containsByte(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">")
            || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") })
        else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 8)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): out += "&amp;".utf8
            case UInt8(ascii: "<"): out += "&lt;".utf8
            case UInt8(ascii: ">"): out += "&gt;".utf8
            case UInt8(ascii: "\""): out += "&quot;".utf8
            case UInt8(ascii: "'"): out += "&#39;".utf8
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A JSON document to stand inside `<script>`: JSON's own escaping (U+2028 and U+2029
    /// included), and `<`, `>` and `&` as `\u003c` … so no text can close the element or
    /// open a comment. Outside strings JSON has none of these characters.
    public static func scriptJSON(_ value: JSONValue) -> String {
        var out: [UInt8] = []
        appendScriptEscaped(value.utf8(), to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// JSON text made safe inside `<script>` as `scriptJSON` makes it, appended to `out`.
    static func appendScriptEscaped(_ json: [UInt8], to out: inout [UInt8]) {
        json.withUnsafeBufferPointer { bytes in
            var start = 0
            for (index, byte) in bytes.enumerated()
            where byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "&") {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                out += (byte == UInt8(ascii: "<") ? "\\u003c" : byte == UInt8(ascii: ">") ? "\\u003e" : "\\u0026").utf8
                start = index + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<bytes.count]))
        }
    }
}
