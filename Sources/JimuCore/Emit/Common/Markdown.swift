import Foundation

/// Escaping of editor text for Markdown: a name holding `*`, `|` or `](javascript:` must
/// show as text, in paragraphs and in table cells alike.
public enum Markdown {
    /// Escapes every character with a meaning in CommonMark or GitHub tables, and turns
    /// line breaks into spaces so a value cannot end a table row.
    ///
    /// Every character it escapes is ASCII, so it works on UTF-8 bytes: no grapheme breaking
    /// (a province build escapes millions of values), and a mark that combines with `*` or
    /// `|` cannot hide it from the escaping, as CommonMark reads code points too.
    public static func escape(_ text: String) -> String {
        // Most editor text has nothing to escape: it is returned as it is, not copied.
        if let first = text.utf8.first, !startsLine(first), !text.containsByte(where: isEscaped) {
            return text
        }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 8)
        var previous: UInt8 = 0
        for (index, byte) in text.utf8.enumerated() {
            defer { previous = byte }
            switch byte {
            case UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "["),
                UInt8(ascii: "]"), UInt8(ascii: "|"), UInt8(ascii: "~"):
                out.append(UInt8(ascii: "\\"))
                out.append(byte)
            case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "#"), UInt8(ascii: ">"), UInt8(ascii: "="):
                // Only at the start of a line do these open a list, heading or quote.
                if index == 0 { out.append(UInt8(ascii: "\\")) }
                out.append(byte)
            case UInt8(ascii: "<"): out += "&lt;".utf8
            case UInt8(ascii: "&"): out += "&amp;".utf8
            case UInt8(ascii: "\r"): out.append(UInt8(ascii: " "))
            // A CR LF pair is one line break, one space.
            case UInt8(ascii: "\n"): if previous != UInt8(ascii: "\r") { out.append(UInt8(ascii: " ")) }
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `code` for ASCII text without `\r`, on bytes.
    private static func asciiCode(_ text: String) -> String {
        var longest = 0
        var run = 0
        var body: [UInt8] = []
        body.reserveCapacity(text.utf8.count + 4)
        for byte in text.utf8 {
            run = byte == UInt8(ascii: "`") ? run + 1 : 0
            longest = max(longest, run)
            switch byte {
            case UInt8(ascii: "\n"): body.append(UInt8(ascii: " "))
            case UInt8(ascii: "|"): body += #"\|"#.utf8
            default: body.append(byte)
            }
        }
        let fence = [UInt8](repeating: UInt8(ascii: "`"), count: longest + 1)
        let pad: [UInt8] = body.first == UInt8(ascii: "`") || body.last == UInt8(ascii: "`") ? [UInt8(ascii: " ")] : []
        return String(decoding: fence + pad + body + pad + fence, as: UTF8.self)
    }

    /// The bytes `escape` changes wherever they are.
    private static func isEscaped(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "["), UInt8(ascii: "]"),
            UInt8(ascii: "|"), UInt8(ascii: "~"), UInt8(ascii: "<"), UInt8(ascii: "&"), UInt8(ascii: "\r"), UInt8(ascii: "\n"):
            true
        default: false
        }
    }

    /// The bytes `escape` escapes first on a line.
    private static func startsLine(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "#"), UInt8(ascii: ">"), UInt8(ascii: "="): true
        default: false
        }
    }

    /// A code span for a table cell holding `text` exactly: backslash escapes do not work
    /// inside a code span, so the fence is made longer than any run of backticks in the
    /// text; only `|`, which would end the cell even there, is escaped as GFM tables allow.
    public static func code(_ text: String) -> String {
        // ASCII without a carriage return, such as a source place `file:line:column`: every
        // byte is a character, so the fence and the replacements are counted on bytes.
        if text.utf8.allSatisfy({ $0 < 0x80 && $0 != UInt8(ascii: "\r") }) { return asciiCode(text) }
        var longest = 0
        var run = 0
        for character in text {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let body = text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "|", with: "\\|")
        let pad = body.hasPrefix("`") || body.hasSuffix("`") ? " " : ""
        return fence + pad + body + pad + fence
    }

    /// A table: a header row, a rule, and the rows; cells are escaped by the caller.
    public static func table(_ header: [String], _ rows: [[String]]) -> String {
        var out = "| " + header.joined(separator: " | ") + " |\n"
        out += "|" + header.map { _ in " --- |" }.joined() + "\n"
        for row in rows { out += "| " + row.joined(separator: " | ") + " |\n" }
        return out
    }
}
