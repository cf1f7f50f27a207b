import JimuYAML
import Testing

/// File size and nesting depth are bounded before they can cost memory or stack.
@Suite struct LimitTests {
    @Test func defaults() {
        #expect(YAMLLimits.default.maxFileBytes == 1_048_576)
        #expect(YAMLLimits.default.maxDepth == 64)
        #expect(YAMLLimits.default.maxAliasExpansion == 10_000)
    }

    @Test func fileTooLargeIsRejectedBeforeParsing() {
        let limits = YAMLLimits(maxFileBytes: 10)
        #expect(parseError("a: 1234567", limits: limits) == nil)
        // Invalid YAML too: the size is checked first.
        let error = parseError("a: 12345678: [", limits: limits)
        #expect(error?.kind == .fileTooLarge)
        #expect(error?.mark == at(1, 1))
        #expect(parseError(Array(repeating: UInt8(ascii: "a"), count: 1_048_577))?.kind == .fileTooLarge)
    }

    @Test func depthLimitAtTheNodeThatGoesTooDeep() {
        let deepest = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(parseError(deepest) == nil)
        let tooDeep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        let error = parseError(tooDeep)
        #expect(error?.kind == .depthLimit)
        #expect(error?.mark == at(1, 65))
    }

    @Test func depthCountsBlockCollectionsAndNotScalars() {
        let limits = YAMLLimits(maxDepth: 2)
        #expect(parseError("a:\n  b: c\n", limits: limits) == nil)
        let error = parseError("a:\n  b:\n    - c\n", limits: limits)
        #expect(error?.kind == .depthLimit)
        #expect(error?.mark == at(3, 5))
    }

    @Test func aliasesCannotBuildDeeperTrees() {
        let limits = YAMLLimits(maxDepth: 3)
        #expect(parseError("a: &a [[x]]\n", limits: limits) == nil)
        let error = parseError("a: &a [[x]]\nb: [*a]\n", limits: limits)
        #expect(error?.kind == .depthLimit)
        #expect(error?.mark == at(2, 5))
    }

    @Test func deepInputDoesNotExhaustTheStack() {
        let text = String(repeating: "[", count: 100_000)
        #expect(parseError(text)?.kind == .depthLimit)
    }
}
