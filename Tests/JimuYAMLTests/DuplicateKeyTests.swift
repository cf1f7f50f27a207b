import JimuYAML
import Testing

/// A key twice in one mapping is an error at the second key, pointing back at the first.
@Suite struct DuplicateKeyTests {
    @Test func reportsBothPlaces() {
        let error = parseError("name: a\ncode: b\nname: c\n")
        let expected = YAMLError(
            kind: .duplicateKey, message: "duplicate key `name`", mark: at(3, 1), relatedMark: at(1, 1))
        #expect(error == expected)
    }

    @Test func nestedMappingsAreSeparate() throws {
        let document = try parse("a:\n  name: x\nb:\n  name: y\n")
        #expect(document.root.map(document.count(of:)) == 2)
        let error = parseError("a:\n  name: x\n  名称: y\n  名称: z\n")
        #expect(error?.kind == .duplicateKey)
        #expect(error?.message == "duplicate key `名称`")
        #expect(error?.mark == at(4, 3))
        #expect(error?.relatedMark == at(3, 3))
    }

    @Test func flowMappings() {
        let error = parseError("{a: 1, b: 2, a: 3}")
        #expect(error?.mark == at(1, 14))
        #expect(error?.relatedMark == at(1, 2))
    }

    /// Plain keys that resolve to the same non-string value are the same key; a string key
    /// is compared by its text.
    @Test(arguments: [
        ("1: a\n0x1: b\n", true), ("1: a\n0o1: b\n", true), ("~: a\nnull: b\n", true), ("true: a\nTrue: b\n", true),
        ("1.0: a\n1e0: b\n", true), ("\"a\": 1\na: 2\n", true), ("'x': 1\n\"x\": 2\n", true),
        ("1: a\n\"1\": b\n", false), ("1: a\n1.0: b\n", false), ("no: a\n\"no\": b\n", true),
        ("a: 1\nA: 2\n", false), ("? [a]\n: 1\n? [a]\n: 2\n", false),
    ])
    func keyEquality(text: String, duplicate: Bool) {
        #expect((parseError(text)?.kind == .duplicateKey) == duplicate, "\(text.debugDescription)")
    }

    @Test func anAliasedKeyDuplicatesItsAnchor() {
        let error = parseError("&k key: 1\n*k : 2\n")
        #expect(error?.kind == .duplicateKey)
        #expect(error?.mark == at(2, 1))
    }

    @Test func theFirstDuplicateInDocumentOrderIsReported() {
        let error = parseError("a: 1\na: 2\nb: {x: 1, x: 2}\n")
        #expect(error?.mark == at(2, 1))
    }

    /// A mapping of 100,000 keys is checked in linear time (a quadratic check would take
    /// minutes); the duplicate at the very end is still found.
    @Test func largeMappingsStayLinear() throws {
        var text = ""
        for index in 0..<100_000 { text += "key\(index): \(index)\n" }
        let clock = ContinuousClock()
        let elapsed = try clock.measure {
            let document = try parse(text, limits: YAMLLimits(maxFileBytes: 4_000_000))
            #expect(document.root.map(document.count(of:)) == 100_000)
        }
        #expect(elapsed < .seconds(10))
        text += "key5: again\n"
        let error = parseError(text, limits: YAMLLimits(maxFileBytes: 4_000_000))
        #expect(error?.kind == .duplicateKey)
        #expect(error?.mark == at(100_001, 1))
        #expect(error?.relatedMark == at(6, 1))
    }

    @Test func mergeKeysAreOrdinaryKeys() throws {
        let document = try parse("base: &b {x: 1}\nitem:\n  <<: *b\n  y: 2\n")
        let root = try #require(document.root)
        let item = try #require(document.node("item", in: root))
        #expect(document.entries(of: item).map { document.scalar(of: $0.key) } == ["<<", "y"])
        #expect(parseError("a:\n  <<: 1\n  <<: 2\n")?.kind == .duplicateKey)
    }
}
