import Foundation
@testable import JimuCore
import Testing

/// Escaping keeps its meaning on its fast paths: text with nothing to escape is returned as
/// it is, and ASCII code spans are counted on bytes.
@Suite struct EscapingTests {
    @Test func textWithNothingToEscapeIsUnchangedAndTheRestIsEscaped() {
        for plain in ["出生登记", "Birth registration", "a-b", "3.5", ""] {
            #expect(Markdown.escape(plain) == plain)
            #expect(HTML.escape(plain) == plain)
        }
        #expect(Markdown.escape("-a") == "\\-a")
        #expect(Markdown.escape("a*b|c") == "a\\*b\\|c")
        #expect(Markdown.escape("a\r\nb\nc") == "a b c")
        #expect(Markdown.escape("<b>&") == "&lt;b>&amp;")
        #expect(HTML.escape("<a href='x'>\"&\"") == "&lt;a href=&#39;x&#39;&gt;&quot;&amp;&quot;")
    }

    @Test func codeSpansHoldTheirTextInATableCell() {
        #expect(Markdown.code("src/a.yaml:1:2") == "`src/a.yaml:1:2`")
        #expect(Markdown.code("a|b\nc") == "`a\\|b c`")
        #expect(Markdown.code("x``y") == "```x``y```")
        #expect(Markdown.code("`x") == "`` `x ``")
        // Beyond ASCII the same rules, counted by character.
        #expect(Markdown.code("é|`") == "`` é\\|` ``")
        #expect(Markdown.code("é``") == "``` é`` ```")
    }

    @Test func jsonStringsEscapeQuotesBackslashesAndControls() {
        var writer = PrettyJSONWriter()
        writer.string("plain 文字")
        writer.string("q\"b\\n\n\u{1}")
        #expect(String(decoding: writer.bytes, as: UTF8.self) == #""plain 文字""q\"b\\n\n\u0001""#)
    }

    /// A document's strings escape quotes, backslashes, controls and the two JavaScript line
    /// breaks, and keep every other character as it is, at the start, middle and end of a
    /// string; they read back as the same text.
    @Test(arguments: [
        ("plain 文字", #""plain 文字""#),
        ("", #""""#),
        ("q\"b\\n\n\r\t\u{1}\u{7F}\u{0}", #""q\"b\\n\n\r\t\u0001\u007f\u0000""#),
        ("\u{2028}a\u{2029}", #""\u2028a\u2029""#),
        ("x\u{2028}", #""x\u2028""#),
        ("\u{2027}€\u{202F}😀", "\"\u{2027}€\u{202F}😀\""),
        ("<\u{1F}>", #""<\u001f>""#),
    ])
    func jsonValueStringsEscapeWhatJSONAndScriptsNeed(_ text: String, _ expected: String) throws {
        let spelt = JSONValue.string(text).serialized()
        #expect(spelt == expected + "\n")
        let read = try JSONDecoder().decode(String.self, from: Data(spelt.utf8))
        #expect(read == text)
    }

    /// A Swift string literal escapes quotes, backslashes, C0 and C1 controls, DEL and the
    /// two Unicode line separators, at the start, middle and end of the text, and keeps every
    /// other character as it is, neighbours of the escaped ones included (U+00A0, U+2027,
    /// U+202A, a combining mark).
    @Test(arguments: [
        ("plain 文字", #""plain 文字""#),
        ("", #""""#),
        ("q\"b\\(x)\n\r\t\u{0}\u{1}\u{1F}\u{7F}", #""q\"b\\(x)\n\r\t\0\u{1}\u{1f}\u{7f}""#),
        ("\u{80}a\u{9F}\u{85}", #""\u{80}a\u{9f}\u{85}""#),
        ("\u{A0}\u{C2}\u{FF}", "\"\u{A0}\u{C2}\u{FF}\""),
        ("\u{2028}a\u{2029}", #""\u{2028}a\u{2029}""#),
        ("x\u{2028}", #""x\u{2028}""#),
        ("\u{2027}\u{202A}€😀e\u{301}", "\"\u{2027}\u{202A}€😀e\u{301}\""),
        ("\r\n", #""\r\n""#),
    ])
    func swiftLiteralsEscapeWhatSwiftSourceNeeds(_ text: String, _ expected: String) {
        #expect(SwiftRenderer.literal(text) == expected)
    }

    /// The literal is read as bytes; its definition is on scalars. Thousands of random texts
    /// of the escaped scalars, their neighbours in UTF-8 and others, against that definition.
    @Test func swiftLiteralsOnBytesAreTheScalarDefinition() {
        func definition(_ text: String) -> String {
            var out = "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": out += #"\""#
                case "\\": out += #"\\"#
                case "\n": out += #"\n"#
                case "\r": out += #"\r"#
                case "\t": out += #"\t"#
                case "\0": out += #"\0"#
                default:
                    if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                        || scalar == "\u{2028}" || scalar == "\u{2029}"
                    {
                        out += "\\u{" + String(scalar.value, radix: 16) + "}"
                    } else {
                        out.unicodeScalars.append(scalar)
                    }
                }
            }
            return out + "\""
        }
        let pool: [Unicode.Scalar] = [
            "a", " ", "\"", "\\", "\n", "\r", "\t", "\0", "\u{1}", "\u{1F}", "\u{7E}", "\u{7F}", "\u{80}", "\u{85}", "\u{9F}",
            "\u{A0}", "\u{C2}", "\u{FF}", "\u{2027}", "\u{2028}", "\u{2029}", "\u{202A}", "\u{E2}", "中", "€", "\u{301}", "😀",
        ]
        var random = FormsRuntimeTests.Seeded(state: 7)
        for _ in 0..<5000 {
            var text = ""
            for _ in 0..<Int(random.next() % 12) { text.unicodeScalars.append(pool[Int(random.next() % UInt64(pool.count))]) }
            #expect(SwiftRenderer.literal(text) == definition(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    /// Numbers and layout are written byte by byte: the same text as `CanonicalJSON`'s.
    @Test func jsonNumbersAndNestingAreCanonicalJSONs() throws {
        let values = [0, 7, 10, -12, 1_000_000, Int.max, Int.min]
        var writer = PrettyJSONWriter()
        writer.beginObject()
        writer.key("empty")
        writer.strings([])
        writer.key("numbers")
        writer.array(values) { $0.int($1) }
        writer.endObject()
        struct Document: Encodable {
            var empty: [String]
            var numbers: [Int]
        }
        // CanonicalJSON ends a document with a line feed; the writer leaves that to its caller.
        let expected = try CanonicalJSON.encode(Document(empty: [], numbers: values))
        #expect(String(decoding: writer.bytes, as: UTF8.self) + "\n" == expected)
    }
}
