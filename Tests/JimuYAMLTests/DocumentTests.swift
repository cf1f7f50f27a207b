import JimuYAML
import Testing

/// Documents, streams and the shape of the tree.
@Suite struct DocumentTests {
    @Test(arguments: ["", "# only a comment\n", "\n\n  \n", "# a\n# b"])
    func noDocumentGivesANilRoot(text: String) throws {
        let document = try parse(text)
        #expect(document.root == nil)
        #expect(document.nodeCount == 0)
        #expect(try YAMLReader.parseStream(Array(text.utf8)).isEmpty)
    }

    @Test func anExplicitEmptyDocumentHasANullRoot() throws {
        let document = try parse("---\n")
        let root = try #require(document.root)
        #expect(document.kind(of: root) == .scalar)
        #expect(document.value(of: root) == .null)
    }

    @Test func aSecondDocumentIsAnErrorAtItsStart() {
        let error = parseError("a: 1\n---\nb: 2\n")
        #expect(error?.kind == .multipleDocuments)
        #expect(error?.mark == at(2, 1))
        #expect(parseError("a: 1\n...\nb: 2\n")?.mark == at(3, 1))
        #expect(parseError("---\na: 1\n...\n") == nil)
    }

    @Test func streamsHoldManyDocuments() throws {
        let documents = try YAMLReader.parseStream(Array("a: 1\n---\n- x\n--- text\n".utf8))
        #expect(documents.count == 3)
        #expect(documents.map { $0.root.map($0.kind(of:)) } == [.mapping, .sequence, .scalar])
        #expect(documents[2].root.flatMap(documents[2].scalar(of:)) == "text")
    }

    @Test func anchorsDoNotCrossDocuments() {
        let error = Result { try YAMLReader.parseStream(Array("- &a x\n---\n- *a\n".utf8)) }
        #expect(throws: YAMLError.self) { try error.get() }
    }

    @Test func accessorsOnTheWrongKindAreEmpty() throws {
        let document = try parse("map: {a: 1}\nseq: [1, 2]\nscalar: x\n")
        let root = try #require(document.root)
        let map = try #require(document.node("map", in: root))
        let seq = try #require(document.node("seq", in: root))
        let scalar = try #require(document.node("scalar", in: root))
        #expect(document.items(of: map).isEmpty)
        #expect(document.entries(of: seq).isEmpty)
        #expect(document.entries(of: scalar).isEmpty && document.items(of: scalar).isEmpty)
        #expect(document.count(of: map) == 1 && document.count(of: seq) == 2 && document.count(of: scalar) == 0)
        #expect(document.scalar(of: map) == nil)
        #expect(document.value(of: seq) == .null)
        #expect(document.tag(of: map) == nil)
    }

    @Test func entriesAndItemsAreIndexedFromZero() throws {
        let document = try parse("m: {a: 1, b: 2, c: 3}\ns: [x, y, z]\n")
        let root = try #require(document.root)
        let m = try #require(document.node("m", in: root))
        let s = try #require(document.node("s", in: root))
        let entries = document.entries(of: m)
        #expect(entries.count == 3)
        #expect(document.scalar(of: entries[1].key) == "b")
        #expect(document.value(of: entries[2].value) == .int(3))
        let items = document.items(of: s)
        #expect(items.indices == 0..<3)
        #expect(document.scalar(of: items[2]) == "z")
        #expect(items.reversed().map { document.scalar(of: $0) } == ["z", "y", "x"])
    }

    @Test func repeatedKeysShareOneString() throws {
        let document = try parse("- {id: 1, 名称: a}\n- {id: 2, 名称: b}\n")
        let root = try #require(document.root)
        let keys = document.items(of: root).flatMap { item in
            document.entries(of: item).map { document.scalar(of: $0.key) }
        }
        #expect(keys == ["id", "名称", "id", "名称"])
    }

    /// Thousands of distinct keys, short and long, repeated across mappings: every key keeps
    /// its own text, however the key table and its cache collide.
    @Test func manyDistinctKeysKeepTheirText() throws {
        let names = (0..<3_000).map { $0 % 3 == 0 ? "k\($0)" : "a-much-longer-key-number-\($0)" }
        let mapping = names.map { "\($0): 1" }.joined(separator: ", ")
        let document = try parse("- {\(mapping)}\n- {\(mapping)}\n")
        let root = try #require(document.root)
        for item in document.items(of: root) {
            #expect(document.entries(of: item).map { document.scalar(of: $0.key) } == names)
        }
        #expect(parseError("{\(mapping), k2997: 2}")?.kind == .duplicateKey)
    }

    /// Keys of every length up to 20 that differ in a single byte are all distinct keys.
    @Test func keysDifferingInOneByteAreDistinct() throws {
        var names: [String] = []
        for length in 1...20 {
            let base = Array(repeating: Character("a"), count: length)
            names.append(String(base))
            for position in 0..<length {
                var variant = base
                variant[position] = "b"
                names.append(String(variant))
            }
        }
        let text = (names + names.reversed()).map { "- {\($0): 1}" }.joined(separator: "\n")
            + "\n- {" + names.map { "\($0): 1" }.joined(separator: ", ") + "}\n"
        let document = try parse(text)
        let root = try #require(document.root)
        let keys = document.items(of: root).flatMap { item in
            document.entries(of: item).map { document.scalar(of: $0.key) ?? "" }
        }
        #expect(keys == names + names.reversed() + names)
    }

    @Test func complexKeysAreNodes() throws {
        let document = try parse("? [a, b]\n: value\n")
        let root = try #require(document.root)
        let entry = try #require(document.entries(of: root).first)
        #expect(document.kind(of: entry.key) == .sequence)
        #expect(document.mark(of: entry.key) == at(1, 3))
    }

    @Test func rawBufferOverloads() throws {
        let bytes = Array("a: 1\n".utf8)
        let document = try bytes.withUnsafeBytes { raw in try YAMLReader.parse(raw) }
        #expect(document.root.map(document.count(of:)) == 1)
        let documents = try bytes.withUnsafeBytes { raw in try YAMLReader.parseStream(raw) }
        #expect(documents.count == 1)
    }
}
