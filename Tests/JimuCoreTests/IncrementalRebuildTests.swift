import Foundation
@testable import JimuCore
import Testing

/// A rebuild after practice edits merges only the items they touch, takes every other item
/// from the last build's snapshot and cache, and writes the tree and reports the diagnostics
/// of a full build; anything else reads the whole catalog.
@Suite(.serialized) struct IncrementalRebuildTests {
    typealias Workspace = BuildCacheTests.Workspace

    static let items = 37

    /// The tree of `out` equals a build without the cache, and the diagnostics are the same.
    static func expectFullBuildBytes(_ workspace: Workspace, _ out: String = "out", sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let reported = workspace.diagnostics
        try? FileManager.default.removeItem(atPath: workspace.root.path + "/reference")
        try workspace.build(into: "reference", cached: false, errors: true)
        #expect(workspace.diagnostics == reported, sourceLocation: sourceLocation)
        #expect(BuildCacheTests.differences(workspace.tree(out), workspace.tree("reference")) == [], sourceLocation: sourceLocation)
    }

    @Test func practiceEditsMergeOnlyTheirItemsAndWriteTheBytesOfAFullBuild() throws {
        let workspace = try Workspace()
        try workspace.build(into: "out")
        #expect(workspace.itemsMerged == Self.items)
        let edits: [(path: String, change: (String) -> String)] = [
            (BuildCacheTests.practice, BuildCacheTests.cutDown),
            // The standard's promised limit, which the indexes, the figures and the reports show.
            ("localities/330300-wenzhou/birth-medical-certificate.yaml", {
                $0.replacingOccurrences(of: "promised_limit: 3", with: "promised_limit: 1")
            }),
            ("localities/330782-yiwu/gas-connection.yaml", { $0.replacingOccurrences(of: "online_depth: ", with: "# online_depth: ") }),
            // Back as it was: the snapshot of the edit before is brought up to date in turn.
            ("localities/330300-wenzhou/birth-medical-certificate.yaml", {
                $0.replacingOccurrences(of: "promised_limit: 1", with: "promised_limit: 3")
            }),
        ]
        for edit in edits {
            try workspace.edit(edit.path, edit.change)
            try workspace.build(into: "out")
            #expect(workspace.itemsMerged > 0)
            #expect(workspace.itemsMerged < Self.items / 2, "\(edit.path)")
            try Self.expectFullBuildBytes(workspace)
        }
        // Nothing changed: nothing merged, the same tree.
        try workspace.build(into: "out")
        #expect(workspace.itemsMerged == 0)
        try Self.expectFullBuildBytes(workspace)
    }

    @Test func anEditToAnythingButAPracticeReadsTheWholeCatalog() throws {
        let workspace = try Workspace()
        try workspace.build(into: "out")
        try workspace.edit("items/gas-connection.yaml") { $0.replacingOccurrences(of: "statutory_limit: ", with: "statutory_limit: 1") }
        try workspace.build(into: "out")
        #expect(workspace.itemsMerged == Self.items)
        try Self.expectFullBuildBytes(workspace)
    }

    @Test func aFileAddedOrRemovedReadsTheWholeCatalog() throws {
        let workspace = try Workspace()
        try workspace.build(into: "out")
        let added = workspace.catalog + "/localities/331121-qingtian/gas-connection.yaml"
        #expect(!FileManager.default.fileExists(atPath: added))
        try FileManager.default.copyItem(atPath: workspace.catalog + "/localities/330782-yiwu/gas-connection.yaml", toPath: added)
        try workspace.build(into: "out")
        #expect(workspace.itemsMerged == Self.items)
        try Self.expectFullBuildBytes(workspace)

        try FileManager.default.removeItem(atPath: added)
        try workspace.build(into: "out")
        #expect(workspace.itemsMerged == Self.items)
        try Self.expectFullBuildBytes(workspace)
    }

    /// Files the catalog ignores (a README, an image), wherever they lie among its files,
    /// are passed over as the listing is walked beside the snapshot: adding or removing one
    /// leaves a practice edit's rebuild as small as ever.
    @Test func filesTheCatalogIgnoresKeepARebuildSmall() throws {
        let workspace = try Workspace()
        let ignored = ["README.md", "localities/330782-yiwu/notes.txt", "items/a-picture.png", "zz-last.md"]
        for path in ignored { try Data("not catalog\n".utf8).write(to: URL(fileURLWithPath: workspace.catalog + "/" + path)) }
        try workspace.build(into: "out")
        try workspace.edit(BuildCacheTests.practice, BuildCacheTests.cutDown)
        try workspace.build(into: "out")
        #expect(workspace.itemsMerged > 0 && workspace.itemsMerged < Self.items / 2)
        try Self.expectFullBuildBytes(workspace)

        try FileManager.default.removeItem(atPath: workspace.catalog + "/" + ignored[1])
        try Data("x\n".utf8).write(to: URL(fileURLWithPath: workspace.catalog + "/localities/330300-wenzhou/a.txt"))
        try workspace.edit("localities/330300-wenzhou/birth-medical-certificate.yaml") {
            $0.replacingOccurrences(of: "promised_limit: 3", with: "promised_limit: 1")
        }
        try workspace.build(into: "out")
        #expect(workspace.itemsMerged > 0 && workspace.itemsMerged < Self.items / 2)
        try Self.expectFullBuildBytes(workspace)
    }

    /// An edit that brings a problem is reported as a full build reports it; a catalog with
    /// a warning is read whole until the warning is gone.
    @Test func aProblemAnEditBringsIsReportedAsAFullBuildReportsIt() throws {
        let workspace = try Workspace()
        try workspace.build(into: "out")
        let practice = "localities/330300-wenzhou/birth-medical-certificate.yaml"
        let original = try String(contentsOfFile: workspace.catalog + "/" + practice, encoding: .utf8)
        try workspace.edit(practice) { $0.replacingOccurrences(of: "  - {ref: applicant.mobile}\n", with: "  - {ref: applicant.mobile}\n  - {label: 无此字段}\n") }
        try workspace.build(into: "out")
        #expect(workspace.diagnostics.contains { $0.contains("unresolved-label") }, "\(workspace.diagnostics)")
        #expect(workspace.itemsMerged == Self.items)
        try Self.expectFullBuildBytes(workspace)

        // With the warning still there, an edit elsewhere reads the whole catalog again.
        try workspace.edit("localities/330782-yiwu/gas-connection.yaml") { $0.replacingOccurrences(of: "online_depth: ", with: "# online_depth: ") }
        try workspace.build(into: "out")
        #expect(workspace.itemsMerged == Self.items)
        try Self.expectFullBuildBytes(workspace)

        // An error: nothing is written, and the same errors as a full build.
        try workspace.edit(practice) { _ in original }
        try workspace.build(into: "out")  // no warning left: the snapshot of this build is kept
        #expect(workspace.diagnostics.isEmpty)
        try workspace.edit(practice) { $0.replacingOccurrences(of: "promised_limit: 3", with: "promised_limit: many") }
        let before = workspace.tree("out")
        #expect(try workspace.build(into: "out", errors: true) == nil)
        #expect(workspace.diagnostics.contains { $0.hasPrefix(practice) }, "\(workspace.diagnostics)")
        #expect(BuildCacheTests.differences(workspace.tree("out"), before) == [])
        let reported = workspace.diagnostics
        #expect(try workspace.build(into: "reference", cached: false, errors: true) == nil)
        #expect(workspace.diagnostics == reported)
    }

    @Test func aDamagedOrMissingSnapshotMeansAFullFrontEnd() throws {
        let workspace = try Workspace()
        try workspace.build(into: "out")
        let snapshot = try #require(
            try FileManager.default.contentsOfDirectory(atPath: workspace.cache).first { $0.hasSuffix(".snapshot") })
        let path = workspace.cache + "/" + snapshot
        let bytes = try #require(FileManager.default.contents(atPath: path))
        // Cut short, scrambled, empty, and one letter of a path changed (which still decodes).
        var renamed = bytes
        let at = try #require(renamed.firstRange(of: Data("dictionary/".utf8))).lowerBound
        renamed[at] = UInt8(ascii: "D")
        for damaged in [Data(bytes.prefix(bytes.count / 2)), Data(bytes.map { $0 ^ 0x5a }), Data(), renamed] {
            try damaged.write(to: URL(fileURLWithPath: path))
            try workspace.edit(BuildCacheTests.practice) { $0 + "\n# edited\n" }
            try workspace.build(into: "out")
            #expect(workspace.itemsMerged == Self.items)
            try Self.expectFullBuildBytes(workspace)
        }
        try FileManager.default.removeItem(atPath: path)
        try workspace.edit(BuildCacheTests.practice) { $0 + "\n# edited again\n" }
        try workspace.build(into: "out")
        #expect(workspace.itemsMerged == Self.items)
        // And a build by another compiler does not trust this one's snapshot.
        try workspace.edit(BuildCacheTests.practice) { $0 + "\n# and again\n" }
        try workspace.build(into: "out", compiler: "jimu other")
        #expect(workspace.itemsMerged == Self.items)
    }

    /// The snapshot is trusted only beside the index saved with it, which supplies every unit
    /// the rebuild does not merge: with that index gone or replaced, the whole catalog.
    @Test func aSnapshotBesideAnotherIndexOrNoneMeansAFullBuild() throws {
        let workspace = try Workspace()
        try workspace.build(into: "out")
        let index = try #require(try FileManager.default.contentsOfDirectory(atPath: workspace.cache).first { $0.hasSuffix(".index") })
        let path = workspace.cache + "/" + index
        let saved = try #require(FileManager.default.contents(atPath: path))
        // Gone; then another, valid index (of this output, with one unit fewer).
        let lines = String(decoding: saved, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let fewer = lines.filter { !$0.hasPrefix("unit\tsite\titem:power-connection") }.joined(separator: "\n")
        #expect(fewer.utf8.count < saved.count)
        for replacement in [nil, Data(fewer.utf8)] {
            let snapshot = try #require(try FileManager.default.contentsOfDirectory(atPath: workspace.cache).first { $0.hasSuffix(".snapshot") })
            let kept = try #require(FileManager.default.contents(atPath: workspace.cache + "/" + snapshot))
            try workspace.build(into: "out")  // the snapshot and index of this build
            let current = try #require(FileManager.default.contents(atPath: workspace.cache + "/" + snapshot))
            #expect(current.count > 0 && kept.count > 0)
            if let replacement { try replacement.write(to: URL(fileURLWithPath: path)) } else { try FileManager.default.removeItem(atPath: path) }
            try workspace.edit(BuildCacheTests.practice) { $0 + "\n# edited\n" }
            try workspace.build(into: "out")
            #expect(workspace.itemsMerged == Self.items)
            #expect(FileManager.default.fileExists(atPath: workspace.root.path + "/out/site/items/power-connection.html"))
            try Self.expectFullBuildBytes(workspace)
        }
    }

    /// A unit the rebuild did not merge must come from the cache: when its file was changed
    /// by hand, the build reads the whole catalog and renders it again.
    @Test func anUnmergedUnitThatIsNotInTheCacheMeansAFullBuild() throws {
        let workspace = try Workspace()
        try workspace.build(into: "out")
        let page = workspace.root.path + "/out/site/items/power-connection.html"
        let original = try #require(FileManager.default.contents(atPath: page))
        try Data("edited by hand".utf8).write(to: URL(fileURLWithPath: page))
        try workspace.edit(BuildCacheTests.practice, BuildCacheTests.cutDown)
        try workspace.build(into: "out")
        #expect(workspace.itemsMerged == Self.items)
        #expect(FileManager.default.contents(atPath: page) == original)
        try Self.expectFullBuildBytes(workspace)
    }

    /// An item merged only because an edited item names it (a precondition here) is read
    /// from part of the catalog, which lacks the bundles holding it: its pages are never
    /// rendered from there. Missing from the cache, they are rendered by a full build.
    @Test func anItemMergedOnlyToBeLookedUpIsNeverRenderedFromPartOfTheCatalog() throws {
        let workspace = try Workspace()
        try workspace.build(into: "out")
        let page = workspace.root.path + "/out/site/items/birth-medical-certificate.html"
        let original = try #require(FileManager.default.contents(atPath: page))
        #expect(String(decoding: original, as: UTF8.self).contains("bundles/newborn.html"))
        try FileManager.default.removeItem(atPath: page)
        try workspace.edit("localities/330111-hangzhou-fuyang/maternity-benefit.yaml") {
            $0.replacingOccurrences(of: "promised_limit: 5", with: "promised_limit: 4")
        }
        try workspace.build(into: "out")
        #expect(workspace.itemsMerged == Self.items)
        #expect(FileManager.default.contents(atPath: page) == original)
        try Self.expectFullBuildBytes(workspace)
    }

    /// `cp -p` or `rsync -a` over a file in place keeps its size and sets its modification
    /// time back; the change time still moves, and the file is read again.
    @Test func anEditThatKeepsSizeAndModificationTimeIsSeen() throws {
        let workspace = try Workspace()
        // Past the clock's resolution, so the first build records every file's identity.
        Thread.sleep(forTimeInterval: 2.2)
        try workspace.build(into: "out")
        let path = workspace.catalog + "/localities/330300-wenzhou/birth-medical-certificate.yaml"
        var before = stat()
        #expect(stat(path, &before) == 0)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.write(contentsOf: Data(text.replacingOccurrences(of: "promised_limit: 3", with: "promised_limit: 1").utf8))
        try handle.close()
        // The modification time set back to the nanosecond, as `cp -p` does.
        let times = [before.st_atim, before.st_mtim]
        #expect(utimensat(AT_FDCWD, path, times, 0) == 0)
        var after = stat()
        #expect(stat(path, &after) == 0)
        #expect(after.st_mtim.tv_sec == before.st_mtim.tv_sec && after.st_mtim.tv_nsec == before.st_mtim.tv_nsec)
        #expect(after.st_size == before.st_size && after.st_ino == before.st_ino)
        try workspace.build(into: "out")
        #expect(workspace.itemsMerged > 0 && workspace.itemsMerged < Self.items)
        try Self.expectFullBuildBytes(workspace)
    }

    /// While every catalog folder keeps the stamp the last listing took, a rebuild takes the
    /// snapshot's files as its listing: an edit written in place (no folder restamped) is
    /// merged without one, and so is one saved by rename (the restamped folder is listed on
    /// its own). A file added or renamed: the catalog is listed again, as before.
    @Test func unchangedFoldersSpareTheListingAndAFileAddedIsStillSeen() throws {
        let workspace = try Workspace()
        // The copied catalog's folders past the clock's tick, so that their stamps prove something.
        Thread.sleep(forTimeInterval: 0.2)
        try workspace.build(into: "out")
        #expect(workspace.listings == 1)
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: workspace.cache).first { $0.hasSuffix(".snapshot") })
        let snapshot = try #require(CatalogSnapshot.read(workspace.cache + "/" + name))
        let folders = try #require(snapshot.folders)
        #expect(folders.folders.map(\.path).contains("localities/330300-wenzhou"))
        #expect(folders.folders.first?.path == "")

        let practice = workspace.catalog + "/localities/330300-wenzhou/birth-medical-certificate.yaml"
        let text = try String(contentsOfFile: practice, encoding: .utf8)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: practice))
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: Data(text.replacingOccurrences(of: "promised_limit: 3", with: "promised_limit: 1").utf8))
        try handle.close()
        try workspace.build(into: "out")
        #expect(workspace.listings == 0)
        #expect(workspace.itemsMerged > 0 && workspace.itemsMerged < Self.items / 2)
        try Self.expectFullBuildBytes(workspace)

        // Saved by rename, as many editors save: the folder is restamped, listed again on its
        // own and found holding the same names, so the catalog is not listed.
        try workspace.edit("localities/330300-wenzhou/birth-medical-certificate.yaml") {
            $0.replacingOccurrences(of: "promised_limit: 1", with: "promised_limit: 2")
        }
        try workspace.build(into: "out")
        #expect(workspace.listings == 0)
        #expect(workspace.itemsMerged > 0 && workspace.itemsMerged < Self.items / 2)
        try Self.expectFullBuildBytes(workspace)
        // A file the catalog ignores, added: nothing to list or merge.
        Thread.sleep(forTimeInterval: 0.2)
        try workspace.build(into: "out")
        try Data("notes\n".utf8).write(to: URL(fileURLWithPath: workspace.catalog + "/localities/330300-wenzhou/README.md"))
        try workspace.build(into: "out")
        #expect(workspace.listings == 0)
        #expect(workspace.itemsMerged == 0)
        // A practice moved out of its folder: the folder no longer holds its name, so the
        // catalog is listed, and read whole.
        Thread.sleep(forTimeInterval: 0.2)
        try workspace.build(into: "out")
        try FileManager.default.moveItem(
            atPath: workspace.catalog + "/localities/330300-wenzhou/birth-medical-certificate.yaml",
            toPath: workspace.root.path + "/birth-medical-certificate.yaml")
        try workspace.build(into: "out")
        #expect(workspace.listings >= 1)
        #expect(workspace.itemsMerged == Self.items)
        try Self.expectFullBuildBytes(workspace)

        let added = workspace.catalog + "/localities/331121-qingtian/gas-connection.yaml"
        try FileManager.default.copyItem(atPath: workspace.catalog + "/localities/330782-yiwu/gas-connection.yaml", toPath: added)
        try workspace.build(into: "out")
        #expect(workspace.listings >= 1)
        #expect(workspace.itemsMerged == Self.items)
        try Self.expectFullBuildBytes(workspace)

        // A folder added (empty, so no file changes) restamps its parent: listed again.
        Thread.sleep(forTimeInterval: 0.2)
        try workspace.build(into: "out")
        try FileManager.default.createDirectory(atPath: workspace.catalog + "/localities/new-folder", withIntermediateDirectories: false)
        try workspace.build(into: "out")
        #expect(workspace.listings == 1)
        #expect(workspace.itemsMerged == 0)
        try Self.expectFullBuildBytes(workspace)
    }

    /// Where a link leads hangs on folders the walk does not stamp: a catalog with a link is
    /// listed by every rebuild.
    @Test func aCatalogWithALinkIsAlwaysListed() throws {
        let workspace = try Workspace()
        let practice = "localities/330782-yiwu/gas-connection.yaml"
        try FileManager.default.moveItem(atPath: workspace.catalog + "/" + practice, toPath: workspace.catalog + "/.kept.yaml")
        try FileManager.default.createSymbolicLink(
            atPath: workspace.catalog + "/" + practice, withDestinationPath: "../../.kept.yaml")
        Thread.sleep(forTimeInterval: 0.2)
        try workspace.build(into: "out")
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: workspace.cache).first { $0.hasSuffix(".snapshot") })
        #expect(try #require(CatalogSnapshot.read(workspace.cache + "/" + name)).folders == nil)
        try workspace.build(into: "out")
        #expect(workspace.listings == 1)
        #expect(workspace.itemsMerged == 0)
    }

    @Test func theSnapshotReadsBackAsWrittenAndSummarisesTheWholeCatalog() throws {
        let workspace = try Workspace()
        try workspace.build(into: "out")
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: workspace.cache).first { $0.hasSuffix(".snapshot") })
        let snapshot = try #require(CatalogSnapshot.read(workspace.cache + "/" + name))
        var reader = SnapshotReader(snapshot.body)
        var decoded = try CatalogSnapshot(reading: &reader)
        #expect(reader.isAtEnd)
        #expect(decoded.index.isEmpty)  // not part of the body: the index saved beside it
        #expect(snapshot.index.count == 64)
        decoded.index = snapshot.index
        #expect(decoded == snapshot)
        let (check, standard) = try BuildPipeline.standard(LocalFileSystem(root: workspace.catalog))
        let whole = try #require(standard)
        #expect(snapshot.summary == CatalogSummary(whole))
        #expect(snapshot.compiler == "jimu test")
        #expect(snapshot.counts == check.summary)
        #expect(snapshot.files.map(\.path) == check.sources.keys.sorted { $0.precedesInByteOrder($1) })
        #expect(snapshot.files.allSatisfy { $0.sha256 == Manifest.sha256(check.sources[$0.path] ?? []) })
    }

    /// A file changed in the second the build started may change again unseen by its
    /// identity: it is recorded without one, and read again by the next build.
    @Test func aFileChangedAsTheBuildStartedIsHashedAgainNextTime() throws {
        let workspace = try Workspace()
        // The copied catalog's files past the clock's resolution; then one edited just now.
        Thread.sleep(forTimeInterval: 2.2)
        try workspace.edit(BuildCacheTests.practice) { $0 + "\n# now\n" }
        try workspace.build(into: "out")
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: workspace.cache).first { $0.hasSuffix(".snapshot") })
        let snapshot = try #require(CatalogSnapshot.read(workspace.cache + "/" + name))
        #expect(snapshot.file(BuildCacheTests.practice)?.identity == nil)
        #expect(snapshot.file("jimu.yaml")?.identity != nil)
        #expect(snapshot.files.count { $0.identity == nil } == 1)
    }
}
