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
        if let first = text.utf8.first, role(first) != .lineStart,
            !text.containsByte(where: { role($0) != .plain && role($0) != .lineStart })
        {
            return text
        }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 8)
        var previous: UInt8 = 0
        for (index, byte) in text.utf8.enumerated() {
            defer { previous = byte }
            switch role(byte) {
            case .plain: out.append(byte)
            case .backslashed:
                out.append(UInt8(ascii: "\\"))
                out.append(byte)
            case .lineStart:
                // Only at the start of a line do these open a list, heading or quote.
                if index == 0 { out.append(UInt8(ascii: "\\")) }
                out.append(byte)
            case .lessThan: out += "&lt;".utf8
            case .ampersand: out += "&amp;".utf8
            case .carriageReturn: out.append(UInt8(ascii: " "))
            // A CR LF pair is one line break, one space.
            case .lineFeed: if previous != UInt8(ascii: "\r") { out.append(UInt8(ascii: " ")) }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// What `escape` does with a byte: the one list of the bytes it changes, which its
    /// fast path and its loop both read.
    private enum Role {
        case plain, backslashed, lineStart, lessThan, ampersand, carriageReturn, lineFeed
    }

    private static func role(_ byte: UInt8) -> Role {
        switch byte {
        case UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "["),
            UInt8(ascii: "]"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            .backslashed
        case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "#"), UInt8(ascii: ">"), UInt8(ascii: "="): .lineStart
        case UInt8(ascii: "<"): .lessThan
        case UInt8(ascii: "&"): .ampersand
        case UInt8(ascii: "\r"): .carriageReturn
        case UInt8(ascii: "\n"): .lineFeed
        default: .plain
        }
    }

    /// A code span for a table cell holding `text` exactly: backslash escapes do not work
    /// inside a code span, so the fence is made longer than any run of backticks in the
    /// text; only `|`, which would end the cell even there, is escaped as GFM tables allow.
    public static func code(_ text: String) -> String {
        let (longest, body) = codeBody(text)
        let fence = String(repeating: "`", count: longest + 1)
        let pad = body.hasPrefix("`") || body.hasSuffix("`") ? " " : ""
        return fence + pad + body + pad + fence
    }

    /// The longest run of backticks in `text`, and `text` with line feeds as spaces and `|`
    /// escaped. ASCII without a carriage return (a source place `file:line:column`) is
    /// counted on bytes, where every byte is a character; anything else by character.
    private static func codeBody(_ text: String) -> (longest: Int, body: String) {
        var longest = 0
        var run = 0
        guard text.utf8.allSatisfy({ $0 < 0x80 && $0 != UInt8(ascii: "\r") }) else {
            for character in text {
                run = character == "`" ? run + 1 : 0
                longest = max(longest, run)
            }
            return (longest, text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "|", with: "\\|"))
        }
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
        return (longest, String(decoding: body, as: UTF8.self))
    }

    /// A table: a header row, a rule, and the rows; cells are escaped by the caller.
    public static func table(_ header: [String], _ rows: [[String]]) -> String {
        var out = "| " + header.joined(separator: " | ") + " |\n"
        out += "|" + header.map { _ in " --- |" }.joined() + "\n"
        for row in rows { out += "| " + row.joined(separator: " | ") + " |\n" }
        return out
    }
}
