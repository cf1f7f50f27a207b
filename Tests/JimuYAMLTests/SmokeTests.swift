import Testing
import JimuYAML

@Test func smoke() throws {
    let samples = ["a:\n\tb: 1\n", "a:\n  b: 1\n\tc: 2\n", "a: b: c\n", "- a\n-\tb\n", "a:\n  - b\n\t- c\n", "key:\tvalue\n", "a: [1,\n\t2]\n", "a: |\n\tx\n", "a:\n \tb: 1\n"]
    for s in samples {
        if let e = parseError(s) { print(s.debugDescription, e.kind, e.mark, e.message, e.relatedMark as Any) } else { print(s.debugDescription, "ok") }
    }
}
