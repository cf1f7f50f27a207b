@testable import JimuCore
import Testing

/// How the writer deals the files of a tree out to the cores: runs of one folder, at most
/// 256 files each, folder by folder in turn; the largest files first.
@Suite struct TreeBatchesTests {
    @Test func runsOfOneFolderDealtInTurn() {
        let paths =
            ["manifest.json", "site/index.html"] + (0..<300).map { "site/items/\($0).html" } + ["site/é/a.html", "site/é/b.html"]
            + ["swift/a.swift"]
        let batches = GeneratedTree.batches(paths)
        #expect(batches.flatMap { Array($0) }.sorted() == Array(paths.indices), "every file once")
        for batch in batches {
            #expect(batch.count <= 256)
            #expect(Set(batch.map { GeneratedTree.folder(of: paths[$0]) }).count == 1, "\(batch)")
        }
        // One run from each folder before a second run from any.
        #expect(batches.map { GeneratedTree.folder(of: paths[$0.lowerBound]) } == ["", "site", "site/items", "site/é", "swift", "site/items"])
        #expect(GeneratedTree.folder(of: "manifest.json") == "")
        #expect(GeneratedTree.folder(of: "guides/zh/items/出生.md") == "guides/zh/items")
    }

    @Test func aBatchHoldingAMegabyteFileGoesFirst() {
        let sizes = [10, 3 << 20, 20, 5 << 20, 30]
        let artifacts = sizes.enumerated().map { Artifact(path: "f\($0.offset)", text: String(repeating: "x", count: $0.element)) }
        let batches = (0..<5).map { $0..<($0 + 1) }
        #expect(GeneratedTree.largestFirst(batches, artifacts).map(\.lowerBound) == [3, 1, 0, 2, 4])
    }
}
