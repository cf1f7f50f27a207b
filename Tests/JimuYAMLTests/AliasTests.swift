import JimuYAML
import Testing

/// Aliases share the anchored node (a DAG), and their expansion is bounded.
@Suite struct AliasTests {
    @Test func anAliasIsTheAnchoredNode() throws {
        let document = try parse("base: &b\n  x: 1\nuse: *b\nlist: [*b, &s v, *s]\n")
        let root = try #require(document.root)
        let base = try #require(document.node("base", in: root))
        #expect(document.node("use", in: root) == base)
        let list = try #require(document.node("list", in: root))
        let items = Array(document.items(of: list))
        #expect(items.count == 3)
        #expect(items[0] == base)
        #expect(items[1] == items[2])
        #expect(document.scalar(of: items[2]) == "v")
        // No copy: the node table holds each node once.
        #expect(document.nodeCount == 9)
    }

    @Test func aLaterAnchorWithTheSameNameWins() throws {
        let document = try parse("- &a one\n- &a two\n- *a\n")
        let root = try #require(document.root)
        #expect(document.items(of: root).map { document.scalar(of: $0) } == ["one", "two", "two"])
    }

    @Test func anUndefinedAliasIsAnErrorAtItsPlace() {
        let error = parseError("a: 1\nb: *missing\n")
        #expect(error?.kind == .undefinedAlias)
        #expect(error?.mark == at(2, 4))
        #expect(error?.message == "alias `*missing` has no anchor `&missing` before it")
    }

    @Test func anAliasInsideItsOwnAnchorIsRejected() {
        let error = parseError("&a [1, *a]\n")
        #expect(error?.kind == .aliasExpansion)
        #expect(error?.mark == at(1, 8))
    }

    /// Ten levels of ten aliases each would expand to 10^10 nodes; the reader stops at the
    /// first alias that crosses the limit, long before building anything large.
    @Test func billionLaughsFailsFast() {
        var text = "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 {
            let aliases = Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ")
            text += "l\(level): &l\(level) [\(aliases)]\n"
        }
        let clock = ContinuousClock()
        var error: YAMLError?
        let elapsed = clock.measure { error = parseError(text) }
        #expect(error?.kind == .aliasExpansion)
        // Aliases add 100 nodes on level 1, 1,100 on level 2, then 1,110 each: the 8th
        // alias of level 3 (line 4) crosses 10,000.
        #expect(error?.mark == at(4, 45))
        #expect(elapsed < .seconds(1))
    }

    @Test func theLimitCountsOnlyNodesAddedByAliases() throws {
        // Each *a adds 10 nodes (11 − the alias itself).
        let anchor = "a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n"
        let uses = (0..<10).map { "u\($0): *a\n" }.joined()
        let limits = YAMLLimits(maxAliasExpansion: 100)
        #expect(throws: Never.self) { try parse(anchor + uses, limits: limits) }
        #expect(parseError(anchor + uses + "u10: *a\n", limits: limits)?.kind == .aliasExpansion)
        // Large literal documents are not limited by it.
        let big = (0..<20_000).map { "- \($0)\n" }.joined()
        #expect(throws: Never.self) { try parse(big, limits: limits) }
    }
}
