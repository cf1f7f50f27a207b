@testable import JimuCore
import Testing

/// Data-element ids: dotted lower-case words, each a letter then letters, digits and `_`.
@Suite struct NameSyntaxTests {
    @Test(arguments: [
        ("mother.id_number", true),
        ("applicant", true),
        ("a.b.c2_x", true),
        (String(repeating: "a", count: 64) + ".b", true),
        (String(repeating: "a", count: 65), false),  // a word of at most 64
        (String(repeating: "ab.", count: 43) + "a", false),  // at most 128 in all
        ("", false),
        (".mother", false),
        ("mother.", false),
        ("mother..name", false),
        ("Mother.name", false),
        ("mother.2nd", false),  // a word starts with a letter
        ("mother._x", false),
        ("mother-name", false),
        ("母亲.name", false),
        ("mother.name ", false),
    ] as [(String, Bool)])
    func elementID(_ text: String, _ valid: Bool) {
        #expect(NameSyntax.isElementID(text) == valid)
    }
}
