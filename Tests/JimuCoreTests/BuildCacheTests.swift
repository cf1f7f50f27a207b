import Foundation
@testable import JimuCore
import Testing

/// The incremental build cache: a rebuild renders only the units an edit touches, and the
/// tree it writes is byte for byte the tree of a build without the cache.
@Suite(.serialized) struct BuildCacheTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// A scratch folder holding a copy of the embedded catalog, outputs and a cache.
    final class Workspace {
        let root: URL
        var catalog: String { root.path + "/catalog" }
        var cache: String { root.path + "/cache" }
        /// How many fragments the last cached build read back from its old tree.
        var fragmentsReadBack = 0
        /// How many items the last build merged: all of them, unless only practices changed.
        var itemsMerged = 0
        /// What the last build reported.
        var diagnostics: [String] = []
        /// The units the last build rendered (`<scope>\t<unit>`).
        var rendered: [String] = []
        /// How many times the last build listed the catalog.
        var listings: Int { counter.count }
        private let counter = ListingCounter()

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("jimu-cache-test-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: repository.path + "/catalog", toPath: catalog)
        }

        deinit { try? FileManager.default.removeItem(at: root) }

        /// Builds the catalog into `out` (under the workspace) as `jimu build` does, with the
        /// cache unless `cached` is false; the cache's counts when it was used.
        @discardableResult
        func build(into out: String, cached: Bool = true, compiler: String = "jimu test", errors: Bool = false)
            throws -> (reused: Int, rendered: Int)?
        {
            let output = root.path + "/" + out
            let settings = cached ? BuildPipeline.CacheSettings(folder: cache, outputRoot: output, compiler: compiler) : nil
            counter.count = 0
            let result = try BuildPipeline.run(CountingFileSystem(base: LocalFileSystem(root: catalog), counter: counter), cache: settings)
            #expect(errors || !result.hasErrors, "\(result.check.diagnostics.map(\.message))")
            diagnostics = result.check.diagnostics.map { "\($0.location.map(\.description) ?? "-"): \($0.code.rawValue): \($0.message)" }
            itemsMerged = result.standard?.items.count ?? 0
            guard let manifest = result.manifest else { return nil }
            // As `jimu build` does: the save the build began is abandoned when the tree
            // cannot be written.
            let outcome: GeneratedTree.Outcome
            do {
                outcome = try GeneratedTree(root: output).replace(
                    with: result.artifacts, manifest: manifest, spare: result.cache?.spareTree)
            } catch {
                result.cache?.abandonSave()
                throw error
            }
            guard let cache = result.cache else { return nil }
            #expect(cache.save(manifest: manifest, tree: outcome) == nil)
            fragmentsReadBack = cache.reusedFragments
            rendered = cache.rendered
            return cache.counts
        }

        /// Every file under `out`, by relative path.
        func tree(_ out: String) -> [String: Data] {
            let folder = root.path + "/" + out
            var files: [String: Data] = [:]
            let enumerator = FileManager.default.enumerator(atPath: folder)
            while let path = enumerator?.nextObject() as? String {
                var isDirectory: ObjCBool = false
                let exists = FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isDirectory)
                if exists && !isDirectory.boolValue { files[path] = FileManager.default.contents(atPath: folder + "/" + path) }
            }
            return files
        }

        func edit(_ path: String, _ change: (String) -> String) throws {
            let file = catalog + "/" + path
            let text = try String(contentsOfFile: file, encoding: .utf8)
            let changed = change(text)
            #expect(changed != text, "the edit of \(path) changed nothing")
            try changed.write(toFile: file, atomically: true, encoding: .utf8)
        }
    }

    static func differences(_ a: [String: Data], _ b: [String: Data]) -> [String] {
        Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.sorted()
    }

    /// A Wenzhou practice of the newborn item loses fields, conditions and materials: its
    /// item's standard, the bundle holding it and the reports change; nothing else may.
    static let practice = "localities/330300-wenzhou/household-registration-newborn.yaml"

    static func cutDown(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.contains("guardian.") && !$0.contains("出生证编号") && !$0.contains("id_card") }
            .joined(separator: "\n")
    }

    @Test func aRebuildAfterOnePracticeEditRendersOnlyWhatItTouchesAndWritesTheSameBytes() throws {
        let workspace = try Workspace()
        let first = try #require(try workspace.build(into: "out"))
        #expect(first.reused == 0)
        #expect(first.rendered > 100)

        let unchanged = try #require(try workspace.build(into: "out"))
        #expect(unchanged == (reused: first.rendered, rendered: 0))

        try workspace.edit(Self.practice, Self.cutDown)
        let rebuilt = try #require(try workspace.build(into: "out"))
        // One item and the one bundle holding it, in each emitter that renders units
        // (guides in two languages, site, schemas, Swift), or every Swift form when the
        // edit moves a generated name; far fewer than all.
        #expect(rebuilt.rendered >= 2)
        #expect(rebuilt.rendered < first.rendered / 2)
        #expect(rebuilt.reused + rebuilt.rendered == first.rendered)

        try workspace.build(into: "reference", cached: false)
        let reference = workspace.tree("reference")
        #expect(Self.differences(workspace.tree("out"), reference) == [])
        #expect(reference["guides/zh/items/household-registration-newborn.md"] != nil)
    }

    /// The state the rebuild saves records every output file as it is on disk, each once:
    /// the files it kept or linked from the old tree and those it wrote anew alike.
    @Test func theCacheRecordsEveryOutputFileAsTheRebuildLeftIt() throws {
        let workspace = try Workspace()
        try workspace.build(into: "out")
        try workspace.edit(Self.practice, Self.cutDown)
        let rebuilt = try #require(try workspace.build(into: "out"))
        #expect(rebuilt.rendered >= 2 && rebuilt.reused > 0, "kept files and files written anew")

        let out = workspace.root.path + "/out"
        let manifest = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json"))) as? [String: Any])
        let listed = try #require(manifest["files"] as? [String: String])
        // The state as the next build reads it: the index, with the journal the rebuild wrote.
        let index = try #require(BuildCache.read(folder: workspace.cache, outputRoot: out))
        #expect(index.state != index.base, "the rebuild saved a journal")
        let recorded = index.files.mapValues { record in
            let identity = record.identity
            return (sha256: record.sha256, identity: "\(identity.size),\(identity.modifiedSeconds),\(identity.modifiedNanoseconds),\(identity.inode),\(identity.mode)")
        }
        // Every file but the manifest itself, whose record is never needed (it is written anew).
        #expect(Set(recorded.keys) == Set(listed.keys))
        for (path, record) in recorded {
            var info = stat()
            #expect(lstat(out + "/" + path, &info) == 0, "\(path)")
            let onDisk = "\(info.st_size),\(info.st_mtim.tv_sec),\(info.st_mtim.tv_nsec),\(info.st_ino),\(info.st_mode)"
            #expect(record.identity == onDisk, "\(path)")
            #expect(record.sha256 == listed[path], "\(path)")
        }
    }

    /// Each item's merge report is its own file: an edit rewrites the edited item's and the
    /// index, and every other item's report stays the very file it was (linked, not written).
    @Test func anEditRewritesOnlyTheEditedItemsMergeReport() throws {
        let workspace = try Workspace()
        try workspace.build(into: "out")
        try workspace.build(into: "out")
        func inodes() -> [String: UInt64] {
            let folder = workspace.root.path + "/out/reports/merge"
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            return Dictionary(uniqueKeysWithValues: names.compactMap { name in
                var info = stat()
                return lstat(folder + "/" + name, &info) == 0 ? (name, UInt64(info.st_ino)) : nil
            })
        }
        let before = inodes()
        let reports = workspace.tree("out")
        try workspace.edit(Self.practice, Self.cutDown)
        try workspace.build(into: "out")
        let after = inodes()
        let edited = ["household-registration-newborn.json", "household-registration-newborn.md"]
        #expect(before.count > 4 && Set(before.keys) == Set(after.keys))
        #expect(before.filter { !edited.contains($0.key) } == after.filter { !edited.contains($0.key) })
        let now = workspace.tree("out")
        for name in edited {
            #expect(now["reports/merge/" + name] != reports["reports/merge/" + name], "\(name) did not change")
        }
        #expect(now["reports/merge.json"] != reports["reports/merge.json"])
    }

    @Test func aFileEditedByHandIsRenderedAgainNotReused() throws {
        let workspace = try Workspace()
        try workspace.build(into: "out")
        let guide = workspace.root.path + "/out/guides/zh/items/household-registration-newborn.md"
        let original = try #require(FileManager.default.contents(atPath: guide))
        try Data("edited by hand\n".utf8).write(to: URL(fileURLWithPath: guide))

        let counts = try #require(try workspace.build(into: "out"))
        #expect(counts.rendered == 1)
        #expect(FileManager.default.contents(atPath: guide) == original)
    }

    @Test func aDeletedCacheOrAnotherCompilerMeansAFullBuildWithTheSameBytes() throws {
        let workspace = try Workspace()
        let first = try #require(try workspace.build(into: "out"))
        let tree = workspace.tree("out")

        let otherCompiler = try #require(try workspace.build(into: "out", compiler: "jimu other"))
        #expect(otherCompiler == (reused: 0, rendered: first.rendered))

        try FileManager.default.removeItem(atPath: workspace.cache)
        let afterDeletion = try #require(try workspace.build(into: "out", compiler: "jimu other"))
        #expect(afterDeletion == (reused: 0, rendered: first.rendered))
        #expect(Self.differences(workspace.tree("out"), tree) == [])
    }

    @Test func aTreeCheckedOutAgainIsReusedByItsBytes() throws {
        // As in CI: the cache folder restored, the output tree fresh from git (new inodes and
        // times). Each file is then judged by its SHA-256, and an edited one is not reused.
        let workspace = try Workspace()
        let first = try #require(try workspace.build(into: "out"))
        let out = workspace.root.path + "/out"
        try FileManager.default.moveItem(atPath: out, toPath: out + "-moved")
        try FileManager.default.copyItem(atPath: out + "-moved", toPath: out)
        try FileManager.default.removeItem(atPath: out + "-moved")
        let schema = out + "/schemas/items/household-registration-newborn.schema.json"
        let original = try #require(FileManager.default.contents(atPath: schema))
        try Data(original.reversed()).write(to: URL(fileURLWithPath: schema))  // same size, other bytes

        let rebuilt = try #require(try workspace.build(into: "out"))
        #expect(rebuilt == (reused: first.rendered - 1, rendered: 1))
        #expect(FileManager.default.contents(atPath: schema) == original)
    }

    /// Fragments (a form's part of the generated package's example tests) are read back from
    /// the file the last build wrote them into, not stored a second time.
    @Test func aRebuildReadsUnchangedFragmentsBackFromTheOutputTree() throws {
        let workspace = try Workspace()
        // Left by a Jimu that kept fragments in files of their own.
        try FileManager.default.createDirectory(atPath: workspace.cache, withIntermediateDirectories: true)
        try Data("old".utf8).write(to: URL(fileURLWithPath: workspace.cache + "/0.index.1.fragments"))
        try workspace.build(into: "out")
        #expect(workspace.fragmentsReadBack == 0)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: workspace.cache).allSatisfy {
                $0.hasSuffix(".index") || $0.hasSuffix(".snapshot")
            })

        try workspace.build(into: "out")
        let all = workspace.fragmentsReadBack
        #expect(all > 0)
        let before = workspace.tree("out")
        try workspace.edit(Self.practice, Self.cutDown)
        try workspace.build(into: "out")
        // The edited item's example is rendered again; every other form's is read back.
        #expect(workspace.fragmentsReadBack < all)
        #expect(workspace.fragmentsReadBack >= all - 3)
        try workspace.build(into: "reference", cached: false)
        let after = workspace.tree("out")
        #expect(Self.differences(after, workspace.tree("reference")) == [])
        #expect(after["reports/merge.json"] != before["reports/merge.json"])
    }

    /// The file of the generated package that holds every form's example: its fragments.
    static let examples = "swift/Tests/JimuFormsTests/ExampleTests.swift"

    /// A file of fragments changed since it was written (same size, other bytes; or cut
    /// short) is not read back from.
    @Test(arguments: [false, true])
    func aFragmentIsNotReadBackFromAFileChangedSince(cutShort: Bool) throws {
        let workspace = try Workspace()
        try workspace.build(into: "out")
        let report = workspace.root.path + "/out/" + Self.examples
        let bytes = try #require(FileManager.default.contents(atPath: report))
        let changed =
            cutShort
            ? bytes.prefix(bytes.count / 2)
            : Data(String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\"", with: "'").utf8)
        #expect(changed.count == (cutShort ? bytes.count / 2 : bytes.count))
        try changed.write(to: URL(fileURLWithPath: report))
        try workspace.edit(Self.practice, Self.cutDown)
        try workspace.build(into: "out")
        try workspace.build(into: "reference", cached: false)
        #expect(Self.differences(workspace.tree("out"), workspace.tree("reference")) == [])
    }

    @Test func theIndexSnapshotJournalAndSpareTreeOfAnOutputFolderThatIsGoneAreDropped() throws {
        let workspace = try Workspace()
        // The second build into a folder parks its old tree as the spare.
        // And after an edit, each saves its changes as a journal.
        for out in ["gone", "gone", "kept", "kept"] { try workspace.build(into: out) }
        try workspace.edit(Self.practice, Self.cutDown)
        for out in ["gone", "kept"] { try workspace.build(into: out) }
        func entries() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: workspace.cache).map { name in
                for kind in ["index", "journal", "snapshot", "tree"] where name.hasSuffix("." + kind) { return kind }
                return name
            }.sorted()
        }
        #expect(try entries() == ["index", "index", "journal", "journal", "snapshot", "snapshot", "tree", "tree"])
        // Indexes half-saved by killed builds: dropped once their process is gone.
        let halfSaved = ["0.index.2147483646.tmp", "1.index.\(getpid()).tmp"]
        for name in halfSaved {
            let path = workspace.cache + "/" + name
            try Data("jimu-cache 4\n".utf8).write(to: URL(fileURLWithPath: path))
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -7200)], ofItemAtPath: path)
        }
        try FileManager.default.removeItem(atPath: workspace.root.path + "/gone")
        try workspace.build(into: "kept")
        #expect(try entries() == [halfSaved[1], "index", "journal", "snapshot", "tree"])
    }

    /// A province-wide file is rendered again only when the part of the summaries it reads
    /// changed: a practice's promised limit above the standard's changes the merge report,
    /// not the indexes or the bundle report; the tree is a full build's either way.
    @Test func aProvinceWideFileIsRenderedOnlyWhenWhatItReadsChanged() throws {
        let workspace = try Workspace()
        try workspace.build(into: "out")
        let province = ["reports\tprovince:bundle-report", "site\tprovince:site-index", "guides/zh\tprovince:guides-index"]
        let practice = "localities/330300-wenzhou/birth-medical-certificate.yaml"
        try workspace.edit(practice) { $0.replacingOccurrences(of: "promised_limit: 3", with: "promised_limit: 4") }
        let index = try Data(contentsOf: URL(fileURLWithPath: workspace.root.path + "/out/site/index.html"))
        let report = try Data(contentsOf: URL(fileURLWithPath: workspace.root.path + "/out/reports/merge.json"))
        try workspace.build(into: "out")
        #expect(workspace.itemsMerged < IncrementalRebuildTests.items / 2)
        #expect(workspace.rendered.contains("reports\titem:birth-medical-certificate"))
        #expect(province.allSatisfy { !workspace.rendered.contains($0) }, "\(workspace.rendered)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: workspace.root.path + "/out/site/index.html")) == index)
        #expect(try Data(contentsOf: URL(fileURLWithPath: workspace.root.path + "/out/reports/merge.json")) != report)
        try workspace.build(into: "reference", cached: false)
        #expect(Self.differences(workspace.tree("out"), workspace.tree("reference")) == [])

        // An item's name shows in every index: the indexes are rendered again.
        try workspace.edit("items/birth-medical-certificate.yaml") { $0.replacingOccurrences(of: "出生医学证明", with: "出生医学证明（新）") }
        try workspace.build(into: "out")
        #expect(province.dropFirst().allSatisfy(workspace.rendered.contains), "\(workspace.rendered)")
        try FileManager.default.removeItem(atPath: workspace.root.path + "/reference")
        try workspace.build(into: "reference", cached: false)
        #expect(Self.differences(workspace.tree("out"), workspace.tree("reference")) == [])
    }

    /// The index and snapshot a build begins while it writes the tree are dropped when the
    /// tree cannot be written: the cache stays the last build's, with no file left half-made.
    @Test func aWriteThatFailsLeavesTheCacheAsItWas() throws {
        let workspace = try Workspace()
        try workspace.build(into: "out")
        let names = try FileManager.default.contentsOfDirectory(atPath: workspace.cache).sorted()
        let saved = names.filter { !$0.hasSuffix(".tree") }.map { FileManager.default.contents(atPath: workspace.cache + "/" + $0) }
        try workspace.edit(Self.practice, Self.cutDown)
        let out = workspace.root.path + "/out"
        #expect(chmod(out, 0o555) == 0)
        defer { chmod(out, 0o755) }
        #expect(throws: CatalogIOError.self) { try workspace.build(into: "out") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.cache).sorted() == names)
        #expect(names.filter { !$0.hasSuffix(".tree") }.map { FileManager.default.contents(atPath: workspace.cache + "/" + $0) } == saved)
        // And the next build that can write picks up where the last good one left off.
        chmod(out, 0o755)
        let rebuilt = try #require(try workspace.build(into: "out"))
        #expect(rebuilt.reused > 0)
        try workspace.build(into: "reference", cached: false)
        #expect(Self.differences(workspace.tree("out"), workspace.tree("reference")) == [])
    }

    @Test func aSharedFileEditReachesEveryUnit() throws {
        let workspace = try Workspace()
        let first = try #require(try workspace.build(into: "out"))
        // A department's name shows on the pages of every item of the department.
        try workspace.edit("dictionary/departments.yaml") { $0.replacingOccurrences(of: "公安机关", with: "公安机关（测试）") }
        let rebuilt = try #require(try workspace.build(into: "out"))
        #expect(rebuilt == (reused: 0, rendered: first.rendered))
        try workspace.build(into: "reference", cached: false)
        #expect(Self.differences(workspace.tree("out"), workspace.tree("reference")) == [])
    }
}

/// How many times a catalog was listed, from any core.
final class ListingCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var listed = 0

    var count: Int {
        get { lock.withLock { listed } }
        set { lock.withLock { listed = newValue } }
    }
}

/// The catalog on disk, its listings counted.
struct CountingFileSystem: CatalogFileSystem {
    let base: LocalFileSystem
    let counter: ListingCounter

    func listFiles() throws(CatalogIOError) -> [CatalogFileEntry] {
        counter.count += 1
        return try base.listFiles()
    }

    func read(_ path: String, limit: Int) throws(CatalogIOError) -> [UInt8] { try base.read(path, limit: limit) }
    func identities(of paths: [String]) -> [SourceIdentity?] { base.identities(of: paths) }
    var identitiesRead: [String: SourceIdentity] { base.identitiesRead }
    var foldersListed: CatalogFolders? { base.foldersListed }
    func listingUnchanged(_ folders: CatalogFolders, files: () -> [String]) -> (unchanged: Bool, folders: CatalogFolders?) {
        base.listingUnchanged(folders, files: files)
    }
}
