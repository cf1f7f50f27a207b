import Foundation
@testable import JimuCore
import Testing

/// A rebuild saves what changed in the cache's state as a journal beside the base (the index
/// and snapshot last written whole), reads back the state a whole save would have written,
/// and never applies a journal that is not its base's.
@Suite(.serialized) struct CacheJournalTests {
    typealias Workspace = BuildCacheTests.Workspace

    /// The cache folder's file of `kind` (`index`, `snapshot`, `journal`), if there is one.
    static func file(_ workspace: Workspace, _ kind: String) throws -> String? {
        try FileManager.default.contentsOfDirectory(atPath: workspace.cache).first { $0.hasSuffix("." + kind) }
            .map { workspace.cache + "/" + $0 }
    }

    static func bytes(_ path: String?) -> Data? { path.flatMap { FileManager.default.contents(atPath: $0) } }

    static let otherPractice = "localities/330300-wenzhou/birth-medical-certificate.yaml"

    static func shorterPromise(_ text: String) -> String { text.replacingOccurrences(of: "promised_limit: 3", with: "promised_limit: 2") }

    /// The state of the cache of `out`: its index and snapshot, as a build reads them.
    static func state(_ workspace: Workspace, _ out: String = "out") throws -> (index: BuildCache.StoredIndex, snapshot: CatalogSnapshot) {
        let output = workspace.root.path + "/" + out
        return (
            try #require(BuildCache.read(folder: workspace.cache, outputRoot: output)),
            try #require(BuildCache.readSnapshot(folder: workspace.cache, outputRoot: output))
        )
    }

    /// A snapshot as compared with another build's: without the state it was read as, and
    /// without what depends on when it was taken (the files' identities, which count only
    /// once they are past the clock's tick, and the folders' stamps).
    static func comparable(_ snapshot: CatalogSnapshot) -> CatalogSnapshot {
        var snapshot = snapshot
        snapshot.index = ""
        snapshot.journaled = CatalogSnapshot.Journaled()
        snapshot.folders = nil
        for index in snapshot.files.indices { snapshot.files[index].identity = nil }
        return snapshot
    }

    @Test func aRebuildWritesItsChangesBesideTheBaseAndReadsBackTheStateOfAWholeSave() throws {
        let workspace = try Workspace()
        try workspace.build(into: "out")
        #expect(try Self.file(workspace, "journal") == nil)
        let index = try #require(try Self.file(workspace, "index"))
        let snapshot = try #require(try Self.file(workspace, "snapshot"))
        let base = (index: Self.bytes(index), snapshot: Self.bytes(snapshot))

        // Two edits of two items' practices, one build after each: the second journal holds
        // both builds' changes, as each journal says everything changed since the base.
        try workspace.edit(BuildCacheTests.practice, BuildCacheTests.cutDown)
        try workspace.build(into: "out")
        try workspace.edit(Self.otherPractice, Self.shorterPromise)
        try workspace.build(into: "out")
        #expect(Self.bytes(index) == base.index)
        #expect(Self.bytes(snapshot) == base.snapshot)
        let journal = try #require(Self.bytes(try Self.file(workspace, "journal")))
        let indexSize = try #require(base.index?.count)
        #expect(journal.count * 2 < indexSize, "a journal of \(journal.count) bytes beside an index of \(indexSize)")
        try IncrementalRebuildTests.expectFullBuildBytes(workspace)

        let (state, read) = try Self.state(workspace)
        #expect(state.state != state.base)
        #expect(read.index == state.state)
        // Its files are checked against the disk by `theCacheRecordsEveryOutputFileAsTheRebuildLeftIt`.
        // The units, fragments and snapshot a build from scratch saves whole.
        try FileManager.default.removeItem(atPath: workspace.cache)
        try workspace.build(into: "out")
        #expect(try Self.file(workspace, "journal") == nil)
        let (whole, wholeSnapshot) = try Self.state(workspace)
        #expect(whole.state == whole.base)
        #expect(state.units == whole.units)
        #expect(state.fragments == whole.fragments)
        #expect(Self.comparable(read) == Self.comparable(wholeSnapshot))
    }

    @Test func aJournalOfAnotherBaseOrDamagedIsNotApplied() throws {
        let workspace = try Workspace()
        try workspace.build(into: "out")
        try workspace.edit(BuildCacheTests.practice, BuildCacheTests.cutDown)
        try workspace.build(into: "out")
        let path = try #require(try Self.file(workspace, "journal"))
        let written = try #require(Self.bytes(path))
        let (state, _) = try Self.state(workspace)

        // Damaged: one byte changed. The base is read as it is, and the rebuild after another
        // edit writes the bytes of a full build.
        var damaged = written
        damaged[damaged.count / 2] ^= 0x20
        try damaged.write(to: URL(fileURLWithPath: path))
        let (baseState, baseSnapshot) = try Self.state(workspace)
        #expect(baseState.state == state.base && baseSnapshot.index == state.base)
        try workspace.edit(Self.otherPractice, Self.shorterPromise)
        try workspace.build(into: "out")
        try IncrementalRebuildTests.expectFullBuildBytes(workspace)
        #expect(try Self.state(workspace).index.state != state.base)

        // Of another base: not applied either.
        var foreign = try #require(CacheJournal.read(path))
        foreign.base = String(repeating: "0", count: 64)
        try Data(foreign.file).write(to: URL(fileURLWithPath: path))
        let (unapplied, unappliedSnapshot) = try Self.state(workspace)
        #expect(unapplied.state == unapplied.base && unappliedSnapshot.index == unapplied.base)

        // Of this base, with a change to a place the snapshot does not have: no snapshot,
        // and the rebuild reads the whole catalog.
        var misplaced = foreign
        misplaced.base = unapplied.base
        misplaced.snapshot.files = [unappliedSnapshot.files.count: unappliedSnapshot.files[0]]
        try Data(misplaced.file).write(to: URL(fileURLWithPath: path))
        #expect(BuildCache.readSnapshot(folder: workspace.cache, outputRoot: workspace.root.path + "/out") == nil)
        try workspace.edit(Self.otherPractice) { $0.replacingOccurrences(of: "promised_limit: 2", with: "promised_limit: 1") }
        try workspace.build(into: "out")
        #expect(workspace.itemsMerged == IncrementalRebuildTests.items)
        try IncrementalRebuildTests.expectFullBuildBytes(workspace)
    }

    /// An edit that changes more than a journal holds (a shared file's, which every unit
    /// reads) writes the state whole again, as the new base, and drops the journal.
    @Test func manyChangesWriteTheStateWholeAgain() throws {
        let workspace = try Workspace()
        try workspace.build(into: "out")
        try workspace.edit(BuildCacheTests.practice, BuildCacheTests.cutDown)
        try workspace.build(into: "out")
        #expect(try Self.file(workspace, "journal") != nil)
        let index = try #require(try Self.file(workspace, "index"))
        let before = Self.bytes(index)

        try workspace.edit("dictionary/departments.yaml") { $0.replacingOccurrences(of: "公安机关", with: "公安机关（测试）") }
        try workspace.build(into: "out")
        #expect(try Self.file(workspace, "journal") == nil)
        #expect(Self.bytes(index) != before)
        let (state, snapshot) = try Self.state(workspace)
        #expect(state.state == state.base && snapshot.index == state.base)
        try IncrementalRebuildTests.expectFullBuildBytes(workspace)
        // And the next edit journals against the new base.
        try workspace.edit(Self.otherPractice, Self.shorterPromise)
        try workspace.build(into: "out")
        #expect(try Self.file(workspace, "journal") != nil)
        #expect(try Self.state(workspace).index.base == state.base)
        try IncrementalRebuildTests.expectFullBuildBytes(workspace)
    }

    /// Every kind of change reads back as written: records changed and gone, snapshot places,
    /// the folders by place or whole.
    @Test func aJournalReadsBackAsWritten() throws {
        let identity = FileIdentity(size: 12, modifiedSeconds: 1_700_000_000, modifiedNanoseconds: 5, inode: 77, mode: 0o100644)
        let (_, standard) = try BuildPipeline.standard(LocalFileSystem(root: BuildCacheTests.repository.path + "/catalog"))
        let catalog = try #require(standard)
        let summary = try #require(CatalogSummary(catalog).items.first)
        let item = CatalogSnapshot.Item(summary: summary, preconditions: ["a"], localFields: ["b", "c"])
        let folder = CatalogFolders.Folder(
            path: "localities", stamp: FolderStamp(inode: 9, modified: timespec(tv_sec: 3, tv_nsec: 4), changed: timespec(tv_sec: 5, tv_nsec: 6)))
        for folders: CacheJournal.SnapshotChanges.Folders in [.changed([2: folder]), .whole(CatalogFolders(folders: [folder])), .whole(nil)] {
            var snapshot = CacheJournal.SnapshotChanges(
                counts: CheckSummary(files: 1, items: 2, localities: 3, practices: 4, bundles: 5, diagnostics: []), folders: folders)
            snapshot.files = [7: CatalogSnapshot.File(path: "items/a.yaml", identity: nil, sha256: "ab")]
            snapshot.items = [0: item]
            var journal = CacheJournal(base: String(repeating: "f", count: 64), snapshot: snapshot)
            journal.units = ["site\titem:a": BuildCache.UnitRecord(digest: "d", paths: ["site/a.html", "site/b.html"]), "gone\tunit": nil]
            journal.fragments = ["swift\titem:a": BuildCache.FragmentRecord(digest: "e", path: "swift/t.swift", offset: 10, length: 20)]
            journal.files = ["site/a.html": BuildCache.FileRecord(sha256: "01", identity: identity), "old.html": nil]
            let path = FileManager.default.temporaryDirectory.path + "/jimu-journal-\(UUID().uuidString)"
            defer { try? FileManager.default.removeItem(atPath: path) }
            try Data(journal.file).write(to: URL(fileURLWithPath: path))
            var read = try #require(CacheJournal.read(path))
            #expect(read.name.count == 64)
            read.name = ""
            #expect(read == journal)
            #expect(journal.file == journal.file, "one spelling")
        }
    }
}
