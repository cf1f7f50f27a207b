import JimuYAML
import Testing

/// Marks are 1-based and count Unicode scalars, on keys, values and nested nodes alike.
@Suite struct MarkTests {
    static let catalog = """
        name: 出生医学证明
        items:
          - 名称: 值
            code: "A1"
        list: [一, 二]

        """

    @Test func keysAndValuesOfTheTopMapping() throws {
        let document = try parse(Self.catalog)
        let root = try #require(document.root)
        #expect(document.mark(of: root) == at(1, 1))
        #expect(document.keyNode("name", in: root).map(document.mark(of:)) == at(1, 1))
        #expect(document.node("name", in: root).map(document.mark(of:)) == at(1, 7))
        #expect(document.node("name", in: root).map(document.endMark(of:)) == at(1, 13))
        #expect(document.keyNode("items", in: root).map(document.mark(of:)) == at(2, 1))
    }

    @Test func nestedNodesCountChineseCharactersAsOneColumn() throws {
        let document = try parse(Self.catalog)
        let root = try #require(document.root)
        let items = try #require(document.node("items", in: root))
        #expect(document.kind(of: items) == .sequence)
        #expect(document.mark(of: items) == at(3, 3))
        let first = try #require(document.items(of: items).first)
        #expect(document.kind(of: first) == .mapping)
        #expect(document.mark(of: first) == at(3, 5))
        #expect(document.keyNode("名称", in: first).map(document.mark(of:)) == at(3, 5))
        #expect(document.node("名称", in: first).map(document.mark(of:)) == at(3, 9))
        #expect(document.keyNode("code", in: first).map(document.mark(of:)) == at(4, 5))
        // A quoted scalar starts at its opening quote.
        #expect(document.node("code", in: first).map(document.mark(of:)) == at(4, 11))
    }

    @Test func flowCollectionItems() throws {
        let document = try parse(Self.catalog)
        let root = try #require(document.root)
        let list = try #require(document.node("list", in: root))
        #expect(document.mark(of: list) == at(5, 7))
        #expect(document.items(of: list).map(document.mark(of:)) == [at(5, 8), at(5, 11)])
        #expect(document.endMark(of: list) == at(5, 13))
    }

    @Test func crlfLineEndsCountOneLineEach() throws {
        let document = try parse("a: 1\r\nb:\r\n  c: 2\r\n\r\nd: [x,\r\n  y]\r\n")
        let root = try #require(document.root)
        #expect(document.keyNode("b", in: root).map(document.mark(of:)) == at(2, 1))
        let b = try #require(document.node("b", in: root))
        #expect(document.node("c", in: b).map(document.mark(of:)) == at(3, 6))
        let d = try #require(document.node("d", in: root))
        #expect(document.items(of: d).map(document.mark(of:)) == [at(5, 5), at(6, 3)])
        // CR does not leak into values.
        #expect(document.node("c", in: b).flatMap(document.scalar(of:)) == "2")
    }

    @Test func byteOrderMarkDoesNotShiftColumns() throws {
        let document = try YAMLReader.parse([0xEF, 0xBB, 0xBF] + Array("key: value\n".utf8))
        let root = try #require(document.root)
        #expect(document.keyNode("key", in: root).map(document.mark(of:)) == at(1, 1))
        #expect(document.node("key", in: root).map(document.mark(of:)) == at(1, 6))
    }

    @Test func errorColumnsCountChineseCharactersAsOne() {
        let error = parseError("名称: 值: x\n")
        #expect(error?.kind == .syntax)
        #expect(error?.mark == at(1, 6))
    }
}
