import JimuYAML
import Testing

/// libyaml's syntax errors keep its message and place; tab indentation is named as such.
@Suite struct SyntaxErrorTests {
    @Test func libyamlMessageAndPlace() {
        let error = parseError("a: b: c\n")
        let expected = YAMLError(
            kind: .syntax, message: "mapping values are not allowed in this context", mark: at(1, 5))
        #expect(error == expected)
    }

    @Test func contextIsKeptAsRelatedMark() {
        let error = parseError("a: [1, 2\nb: 3\n")
        #expect(error?.kind == .syntax)
        #expect(error?.message.hasPrefix("did not find expected ',' or ']'") == true)
        #expect(error?.relatedMark == at(1, 4))
    }

    @Test(arguments: [
        ("a:\n\tb: 1\n", at(2, 1)),
        ("a:\n  b: 1\n\tc: 2\n", at(3, 1)),
        ("a:\n \tb: 1\n", at(2, 2)),
        ("- a\n-\tb\n", at(2, 2)),
    ])
    func tabIndentation(text: String, mark: YAMLMark) {
        let error = parseError(text)
        #expect(error?.kind == .tabIndentation)
        #expect(error?.message == "tabs are not allowed for indentation")
        #expect(error?.mark == mark)
    }

    @Test func tabsElsewhereAreFine() throws {
        let document = try parse("key:\tvalue\t# comment\nother: \"a\tb\"\n")
        let root = try #require(document.root)
        #expect(document.node("key", in: root).flatMap(document.scalar(of:)) == "value")
    }

    @Test func errorDescriptionIsLineColumnMessage() {
        let error = YAMLError(kind: .syntax, message: "bad", mark: at(3, 7))
        #expect(error.description == "3:7: bad")
    }

    /// No byte sequence may crash the reader: feed it random mutations of documents that
    /// exercise every feature (keys of every type, anchors, aliases, tags, block scalars).
    @Test(arguments: [
        """
        name: 出生医学证明
        list: [a, "b", 'c', {d: *x}]
        block: |
          text
        ? complex
        : &x value
        --- !tag
        """,
        """
        ~: a
        1: &n [1, 0x1, .nan, .inf]
        .nan: *n
        !!int 2: !!str 3
        ? [k]
        : {<<: *n, "q\\0": 'v'}
        x: >-
          folded
        ...
        """,
        "- &a [*a, &b {b: *b}]\n- !!map {}\n- !!seq []\n- ! x\n- \"\\L\\P\\N\\x41\"\n",
    ])
    func arbitraryBytesNeverCrash(seed: String) {
        let original = Array(seed.utf8)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            var bytes = original
            for _ in 0..<Int.random(in: 1...6, using: &generator) {
                let index = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<4, using: &generator) {
                case 0: bytes[index] = UInt8.random(in: 0...255, using: &generator)
                case 1: bytes[index] = Array(" :-?[]{},&*!|>'\"#\t\n".utf8).randomElement(using: &generator) ?? 0x20
                case 2: bytes.remove(at: index)
                default: bytes.insert(bytes[Int.random(in: 0..<bytes.count, using: &generator)], at: index)
                }
                if bytes.isEmpty { bytes = [0x20] }
            }
            do {
                for document in try YAMLReader.parseStream(bytes) {
                    visitEveryNode(of: document)
                }
            } catch {
                #expect(error.mark.line >= 1 && error.mark.column >= 1, "\(error)")
                #expect(!error.message.isEmpty)
            }
        }
    }

    /// Calls every accessor on every node, as a consumer of the tree would.
    private func visitEveryNode(of document: YAMLDocument) {
        guard let root = document.root else { return }
        var stack = [root]
        var visited = Set<YAMLNodeID>()
        while let node = stack.popLast() {
            guard visited.insert(node).inserted else { continue }
            _ = (document.mark(of: node), document.endMark(of: node), document.tag(of: node), document.style(of: node))
            _ = (document.scalar(of: node), document.value(of: node), document.count(of: node))
            for entry in document.entries(of: node) { stack += [entry.key, entry.value] }
            stack += document.items(of: node)
        }
    }
}
