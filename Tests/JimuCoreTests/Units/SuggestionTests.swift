import JimuCore
import Testing

@Suite struct SuggestionTests {
    @Test(arguments: [
        // (misspelt, candidates, expected)
        ("contact", ["contacts", "conditions", "code"], "contacts"),
        ("statutory_limt", ["statutory_limit", "promised_limit"], "statutory_limit"),
        ("mobil", ["online", "mobile", "counter"], "mobile"),
        ("nmae", ["name", "code"], "name"),  // a swap of neighbours is one edit
        ("heath", ["health", "public_security"], "health"),
        ("cat", ["hat", "bat"], "bat"),  // equally close: the first in sort order
    ] as [(String, [String], String?)])
    func latin(_ name: String, _ candidates: [String], _ expected: String?) {
        #expect(Suggestion.closest(to: name, among: candidates) == expected)
    }

    @Test(arguments: [
        ("母亲名子", ["母亲名字", "母亲姓名", "新生儿姓名"], "母亲名字"),
        ("母亲身分证号", ["父亲身份证号", "母亲身份证号"], "母亲身份证号"),
        ("出生证明书", ["出生证明", "结婚证"], "出生证明"),
    ] as [(String, [String], String?)])
    func chinese(_ name: String, _ candidates: [String], _ expected: String?) {
        // Chinese labels count one edit per character, not per UTF-8 byte.
        #expect(Suggestion.closest(to: name, among: candidates) == expected)
    }

    @Test(arguments: [
        ("xyz", ["name", "code"]),
        ("出生证", ["结婚证"]),  // two of three characters differ: no plausible typo
        ("a", ["abcdef"]),
        ("name", ["name"]),  // the name itself is no suggestion
        ("name", []),
    ] as [(String, [String])])
    func nothingCloseEnough(_ name: String, _ candidates: [String]) {
        #expect(Suggestion.closest(to: name, among: candidates) == nil)
    }

    @Test func theAllowanceGrowsWithLength() {
        // A third of the longer name: two edits in six characters are allowed, three are not.
        #expect(Suggestion.closest(to: "abcxyz", among: ["abcdef"]) == nil)
        #expect(Suggestion.closest(to: "abcdxy", among: ["abcdef"]) == "abcdef")
    }
}
