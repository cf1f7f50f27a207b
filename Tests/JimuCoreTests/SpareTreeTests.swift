import Foundation
@testable import JimuCore
import Testing

/// The old output tree parked as a spare and brought up to date by the next build: the new
/// tree is the same whatever the spare holds, and the tree being replaced is never touched
/// before the switch, even where the spare shares its files.
@Suite struct SpareTreeTests {
    /// A scratch folder with an output folder and a place to park its spare.
    final class Folder {
        let root: String
        var out: String { root + "/out" }
        var spare: String { root + "/cache/out.tree" }

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("jimu-spare-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        }

        deinit { try? FileManager.default.removeItem(atPath: root) }

        /// Writes `files` as the new tree: text to render, or nil for a file the build
        /// found unchanged (linked from the old tree).
        @discardableResult
        func build(
            _ files: [String: String?], spare: Bool = true, old: GeneratedTree.OldTree? = nil, listed: GeneratedTree.SpareListing? = nil
        ) throws
            -> GeneratedTree.Outcome
        {
            var artifacts = files.sorted { $0.key < $1.key }.map { path, text in
                text.map { Artifact(path: path, text: $0) } ?? Artifact(path: path, unchangedSHA256: String(repeating: "0", count: 64))
            }
            let manifest = Manifest(artifacts: artifacts, catalogHash: "test")
            artifacts.append(manifest.artifact)
            let outcome = try GeneratedTree(root: out).replace(
                with: artifacts, manifest: manifest, spare: spare ? self.spare : nil, old: old, listed: listed)
            // What the build cache records: each output file as it is on disk now.
            for artifact in artifacts {
                #expect(outcome.written[artifact.path] == FileIdentity(path: out + "/" + artifact.path), "\(artifact.path)")
            }
            return outcome
        }

        /// Waits out the clock tick within which a folder's stamp proves nothing
        /// (`GeneratedTree.FolderStamps.isSettled`): a build just made its folders.
        func settle() { usleep(100_000) }

        func text(_ path: String) -> String? {
            FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
        }

        func files(_ top: String) throws -> [String: String] {
            var files: [String: String] = [:]
            for entry in try GeneratedTree.entries(under: top) where !entry.isDirectory && entry.path != Manifest.path {
                files[entry.path] = text(top + "/" + entry.path)
            }
            return files
        }

        func inode(_ path: String) -> UInt64? {
            var info = stat()
            return lstat(path, &info) == 0 ? UInt64(info.st_ino) : nil
        }

        /// Everything beside the output folder but the folder itself and the cache.
        func leftovers() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: root).filter { $0 != "out" && $0 != "cache" }.sorted()
        }

    /// The output folder is read ahead of the write (while the catalog is read) by a build
    /// with a cache. Changed in between, it is read again: a file added meanwhile is still
    /// carried over, and a file the cache reused that was replaced is an error, not a
    /// manifest that names bytes the tree does not hold.
    @Test func aTreeChangedAfterItWasReadAheadIsReadAgain() throws {
        let folder = try Folder()
        try folder.build(["a.txt": "A", "b/c.txt": "C"])
        let early = GeneratedTree(root: folder.out).readOld()
        try Data("mine".utf8).write(to: URL(fileURLWithPath: folder.out + "/b/notes.md"))
        let outcome = try folder.build(["a.txt": nil, "b/c.txt": "C2"], old: early)
        #expect(outcome.keptUnlisted == ["b/notes.md"])
        #expect(folder.text(folder.out + "/b/notes.md") == "mine")
        #expect(folder.text(folder.out + "/b/c.txt") == "C2")

        let again = GeneratedTree(root: folder.out).readOld()
        // Replaced as a checkout replaces a file: written beside it, renamed over it.
        try Data("X".utf8).write(to: URL(fileURLWithPath: folder.out + "/a.new"))
        #expect(rename(folder.out + "/a.new", folder.out + "/a.txt") == 0)
        #expect(throws: CatalogIOError.self) { try folder.build(["a.txt": nil, "b/c.txt": "C3"], old: again) }
        #expect(folder.text(folder.out + "/a.txt") == "X")
        #expect(folder.text(folder.out + "/b/c.txt") == "C2")
    }
    }

    /// The spare is listed ahead of the write too (while the catalog is read). One changed
    /// in between, in its top folder or deeper, is listed again: a file removed from it
    /// meanwhile would otherwise be taken for the old tree's file it was, and be missing
    /// from the new tree.
    @Test func aSpareChangedAfterItWasListedAheadIsListedAgain() throws {
        let folder = try Folder()
        try folder.build(["a.txt": "1", "d/b.txt": "2"])
        try folder.build(["a.txt": nil, "d/b.txt": nil])
        let asIs = try #require(GeneratedTree.SpareListing(path: folder.spare))
        try folder.build(["a.txt": nil, "d/b.txt": nil], listed: asIs)
        #expect(try folder.files(folder.out) == ["a.txt": "1", "d/b.txt": "2"])

        for removed in ["d/b.txt", "a.txt"] {
            folder.settle()
            let early = try #require(GeneratedTree.SpareListing(path: folder.spare))
            #expect(early.isCurrent(at: folder.spare), "a listing of a tree nobody touched since is used")
            try FileManager.default.removeItem(atPath: folder.spare + "/" + removed)
            try folder.build(["a.txt": nil, "d/b.txt": nil], listed: early)
            #expect(try folder.files(folder.out) == ["a.txt": "1", "d/b.txt": "2"], "\(removed) removed from the spare")
        }
        #expect(GeneratedTree.SpareListing(path: folder.root + "/nowhere") == nil)
    }

    /// An output folder that was not there when read ahead, made meanwhile with a file in
    /// it: the file is carried over, not dropped with a tree taken for empty.
    @Test func anOutputFolderMadeAfterItWasReadAheadIsReadAgain() throws {
        let folder = try Folder()
        let early = GeneratedTree(root: folder.out).readOld()
        try FileManager.default.createDirectory(atPath: folder.out, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: URL(fileURLWithPath: folder.out + "/notes.md"))
        let outcome = try folder.build(["a.txt": "A"], old: early)
        #expect(outcome.keptUnlisted == ["notes.md"])
        #expect(folder.text(folder.out + "/notes.md") == "mine")
    }

    /// A file the cache reuses, written in place (same inode, other bytes) after the output
    /// folder was read ahead, is seen as it is linked: an error, not a manifest naming bytes
    /// the tree does not hold. (Its folder's stamp does not change.)
    @Test func aReusedFileWrittenInPlaceAfterTheReadAheadIsAnError() throws {
        let folder = try Folder()
        try folder.build(["a.txt": "A", "b.txt": "B"], spare: false)
        folder.settle()
        let early = GeneratedTree(root: folder.out).readOld()
        #expect(!early.changed(at: folder.out))
        let inode = folder.inode(folder.out + "/a.txt")
        let handle = try #require(FileHandle(forWritingAtPath: folder.out + "/a.txt"))
        try handle.write(contentsOf: Data("Z, longer".utf8))
        try handle.close()
        #expect(folder.inode(folder.out + "/a.txt") == inode)
        #expect(throws: CatalogIOError.self) { try folder.build(["a.txt": nil, "b.txt": "B2"], spare: false, old: early) }
        #expect(folder.text(folder.out + "/b.txt") == "B", "the output folder is left as it was")
    }

    @Test func theOldTreeIsParkedAndTheNextBuildTakesItBack() throws {
        let folder = try Folder()
        try folder.build(["a.txt": "1", "d/b.txt": "2"])
        #expect(try folder.files(folder.out) == ["a.txt": "1", "d/b.txt": "2"])
        #expect(!FileManager.default.fileExists(atPath: folder.spare), "a first build has no old tree to park")

        try folder.build(["a.txt": "1 again", "d/b.txt": nil])
        #expect(try folder.files(folder.out) == ["a.txt": "1 again", "d/b.txt": "2"])
        #expect(try folder.files(folder.spare) == ["a.txt": "1", "d/b.txt": "2"], "the old tree, whole")
        #expect(folder.inode(folder.out + "/d/b.txt") == folder.inode(folder.spare + "/d/b.txt"), "an unchanged file is one file")
        #expect(try folder.leftovers() == [])

        try folder.build(["a.txt": "1 again", "d/b.txt": nil, "e/c.txt": "3"])
        #expect(try folder.files(folder.out) == ["a.txt": "1 again", "d/b.txt": "2", "e/c.txt": "3"])
        #expect(try folder.files(folder.spare) == ["a.txt": "1 again", "d/b.txt": "2"])
    }

    /// The spare shares the unchanged files of the tree being replaced; a file rendered again
    /// must be a new file in the staging tree, never the shared one written over.
    @Test func aRenderedFileNeverWritesIntoAFileTheOldTreeShares() throws {
        let folder = try Folder()
        try folder.build(["a.txt": "1", "b.txt": "2"])
        try folder.build(["a.txt": nil, "b.txt": nil])
        try folder.build(["a.txt": nil, "b.txt": nil])
        #expect(folder.inode(folder.out + "/b.txt") == folder.inode(folder.spare + "/b.txt"))

        try folder.build(["a.txt": nil, "b.txt": "2, rendered again"])
        #expect(try folder.files(folder.out) == ["a.txt": "1", "b.txt": "2, rendered again"])
        #expect(try folder.files(folder.spare) == ["a.txt": "1", "b.txt": "2"], "the old tree was written into")
    }

    /// Whatever a spare holds (a killed build's half-written files, files of its own), only
    /// a file that is the old tree's very file is kept from it.
    @Test func aSpareHoldingAnythingStillGivesTheNewTree() throws {
        let folder = try Folder()
        try folder.build(["a.txt": "1", "d/b.txt": "2", "gone/x.txt": "x"])
        try folder.build(["a.txt": nil, "d/b.txt": nil, "gone/x.txt": nil])
        // Same path, same bytes as the old tree's, but another file; a stray file and folder;
        // a file where the new tree needs a folder.
        try FileManager.default.removeItem(atPath: folder.spare + "/d/b.txt")
        try Data("junk".utf8).write(to: URL(fileURLWithPath: folder.spare + "/d/b.txt"))
        try Data("stray".utf8).write(to: URL(fileURLWithPath: folder.spare + "/stray.txt"))
        try FileManager.default.createDirectory(atPath: folder.spare + "/stray/deep", withIntermediateDirectories: true)
        try Data("e".utf8).write(to: URL(fileURLWithPath: folder.spare + "/e"))
        // What a build killed before renaming its rendered files into place leaves.
        try Data("half".utf8).write(to: URL(fileURLWithPath: folder.spare + "/a.txt.jimu-new"))

        try folder.build(["a.txt": "1 rendered", "d/b.txt": nil, "e/c.txt": "3"])
        #expect(try folder.files(folder.out) == ["a.txt": "1 rendered", "d/b.txt": "2", "e/c.txt": "3"])
        let folders = try GeneratedTree.entries(under: folder.out).filter(\.isDirectory).map(\.path)
        #expect(folders == ["d", "e", "gone"], "a folder of the old tree is kept, the spare's own are not")
    }

    /// A file that is not Jimu's is carried over into each new tree; once its owner deletes
    /// it, the spare (which still has it) must not bring it back.
    @Test func aFileThatIsNotJimusIsKeptAndNotBroughtBackOnceDeleted() throws {
        let folder = try Folder()
        try folder.build(["a.txt": "1"])
        try Data("mine".utf8).write(to: URL(fileURLWithPath: folder.out + "/NOTES.md"))
        try FileManager.default.createDirectory(atPath: folder.out + "/private", withIntermediateDirectories: true)
        chmod(folder.out + "/private", 0o750)
        for _ in 0..<3 {
            let outcome = try folder.build(["a.txt": nil])
            #expect(outcome.keptUnlisted == ["NOTES.md", "private/"])
            #expect(try folder.files(folder.out) == ["a.txt": "1", "NOTES.md": "mine"])
            #expect(try GeneratedTree.entries(under: folder.out).first { $0.path == "private" }?.mode == 0o750)
        }
        try FileManager.default.removeItem(atPath: folder.out + "/NOTES.md")
        try folder.build(["a.txt": nil])
        #expect(try folder.files(folder.out) == ["a.txt": "1"])
    }

    /// Where the spare holds a folder the new tree needs as a file, or an entry under a name
    /// a rendered file is written beside its old one with, and where a file that is not
    /// Jimu's has such a name.
    @Test func namesTheNewTreeNeedsAreClearedFirst() throws {
        let folder = try Folder()
        try folder.build(["a.txt": "1", "b.txt": "2", "c.txt": "3"])
        try Data("mine".utf8).write(to: URL(fileURLWithPath: folder.out + "/c.txt.jimu-new"))
        try folder.build(["a.txt": nil, "b.txt": nil, "c.txt": nil])
        try FileManager.default.removeItem(atPath: folder.spare + "/a.txt")
        try FileManager.default.createDirectory(atPath: folder.spare + "/a.txt/deep", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: folder.spare + "/b.txt.jimu-new", withIntermediateDirectories: true)

        for round in 1...2 {
            try folder.build(["a.txt": "1.\(round)", "b.txt": "2.\(round)", "c.txt": "3.\(round)"])
            #expect(
                try folder.files(folder.out) == ["a.txt": "1.\(round)", "b.txt": "2.\(round)", "c.txt": "3.\(round)", "c.txt.jimu-new": "mine"])
        }
    }

    /// A folder that is not Jimu's, read-only, with a file in it: kept through the spare's
    /// rounds with its mode.
    @Test func aReadOnlyFolderThatIsNotJimusIsKeptWithItsMode() throws {
        let folder = try Folder()
        try folder.build(["a.txt": "1"])
        try FileManager.default.createDirectory(atPath: folder.out + "/private", withIntermediateDirectories: true)
        try Data("secret".utf8).write(to: URL(fileURLWithPath: folder.out + "/private/token"))
        chmod(folder.out + "/private", 0o555)
        defer { chmod(folder.out + "/private", 0o755) }
        for round in 1...3 {
            try folder.build(["a.txt": "\(round)"])
            #expect(try folder.files(folder.out) == ["a.txt": "\(round)", "private/token": "secret"])
            #expect(try GeneratedTree.entries(under: folder.out).first { $0.path == "private" }?.mode == 0o555)
        }
    }

    /// A build that fails leaves the output as it was and nothing beside it, and parks what
    /// it took back; the next build uses it.
    @Test func aFailedBuildLeavesTheOutputAndParksTheSpare() throws {
        let folder = try Folder()
        try folder.build(["a.txt": "1"])
        try folder.build(["a.txt": "2"])
        try Data("mine".utf8).write(to: URL(fileURLWithPath: folder.out + "/d"))
        #expect(throws: CatalogIOError.self) { try folder.build(["a.txt": "3", "d/b.txt": "4"]) }
        #expect(try folder.files(folder.out) == ["a.txt": "2", "d": "mine"])
        #expect(try folder.leftovers() == [])
        #expect(try folder.files(folder.spare) == ["a.txt": "1"])
        try FileManager.default.removeItem(atPath: folder.out + "/d")
        try folder.build(["a.txt": "3", "d/b.txt": "4"])
        #expect(try folder.files(folder.out) == ["a.txt": "3", "d/b.txt": "4"])
    }

    /// A spare that is a link (to the output itself, say) is removed, never followed; a spare
    /// inside the output folder is not used at all.
    @Test func aSpareThatIsALinkOrInsideTheOutputIsNotUsed() throws {
        let folder = try Folder()
        try folder.build(["a.txt": "1", "b.txt": "2"])
        try FileManager.default.createDirectory(atPath: folder.root + "/cache", withIntermediateDirectories: true)
        #expect(symlink(folder.out, folder.spare) == 0)
        try folder.build(["a.txt": "1 again", "b.txt": nil])
        #expect(try folder.files(folder.out) == ["a.txt": "1 again", "b.txt": "2"])
        #expect(try folder.files(folder.spare) == ["a.txt": "1", "b.txt": "2"], "the old tree, parked in place of the link")

        let inside = folder.out + "/cache/out.tree"
        let manifest = Manifest(artifacts: [Artifact(path: "a.txt", text: "x")], catalogHash: "test")
        _ = try GeneratedTree(root: folder.out).replace(
            with: [Artifact(path: "a.txt", text: "x"), manifest.artifact], manifest: manifest, spare: inside)
        #expect(try folder.files(folder.out) == ["a.txt": "x"])
        #expect(try folder.leftovers() == [])
    }

    @Test func withoutASpareTheOldTreeIsRemoved() throws {
        let folder = try Folder()
        try folder.build(["a.txt": "1"], spare: false)
        try folder.build(["a.txt": "2"], spare: false)
        #expect(try folder.files(folder.out) == ["a.txt": "2"])
        #expect(try folder.leftovers() == [])
        #expect(!FileManager.default.fileExists(atPath: folder.root + "/cache"))
    }

    /// A staging folder a killed build left is taken back as the spare; the parked one,
    /// older, is dropped.
    @Test func aStagingFolderLeftByAKilledBuildIsTakenBack() throws {
        let folder = try Folder()
        try folder.build(["a.txt": "1"])
        try folder.build(["a.txt": "2"])
        try FileManager.default.createDirectory(atPath: folder.out + ".jimu-staging/half", withIntermediateDirectories: true)
        try Data("{".utf8).write(to: URL(fileURLWithPath: folder.out + ".jimu-staging/half/written.json"))
        try folder.build(["a.txt": "3"])
        #expect(try folder.files(folder.out) == ["a.txt": "3"])
        #expect(try folder.files(folder.spare) == ["a.txt": "2"])
        #expect(try folder.leftovers() == [])
    }
}
