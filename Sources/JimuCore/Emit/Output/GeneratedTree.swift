import CJimuShims
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The output folder as a whole. A build is written into a staging folder beside it and
/// switched in with one atomic exchange, so the folder is always the old tree or the new
/// one, never a mix, whenever the build is killed. Only files the previous manifest lists
/// are Jimu's to drop; any other file found there is carried over and reported.
public struct GeneratedTree: Sendable {
    public let root: String

    public init(root: String) {
        self.root = root.hasSuffix("/") && root.count > 1 ? String(root.dropLast()) : root
    }

    /// The files in the folder that the build did not produce and the manifest does not
    /// list (hidden ones and symbolic links too, and empty folders, named with a trailing
    /// `/`): kept as they are. And the files the manifest lists that the build no longer
    /// produces: removed.
    public struct Outcome: Sendable, Equatable {
        public var keptUnlisted: [String]
        public var removed: [String]
        /// Each file written (or linked), as it was on disk right after: the build cache
        /// records these, not what a later look might find (another build's file).
        var written: [String: FileIdentity] = [:]
    }

    var staging: String { root + ".jimu-staging" }

    /// Writes `artifacts` (the manifest among them) as the new tree.
    public func replace(with artifacts: [Artifact], manifest: Manifest) throws(CatalogIOError) -> Outcome {
        let manager = FileManager.default
        try refuseReadOnlyRoot()
        try? manager.removeItem(atPath: staging)  // left by a build killed earlier
        let previous = try existingEntries()
        let listed = Set(readManifest()?.files.keys.map { $0 } ?? [])
        let produced = Set(artifacts.map(\.path))
        var outcome = Outcome(keptUnlisted: [], removed: [])
        do {
            try manager.createDirectory(atPath: staging, withIntermediateDirectories: true)
            var folders = FolderMaker()
            for artifact in artifacts { try folders.makeParent(of: staging + "/" + artifact.path) }
            // Creating tens of thousands of files is kernel work that scales with cores; the
            // first failure, in path order, is the one reported.
            let batches = Parallel.map(Self.largestFirst(Self.batches(artifacts.map(\.path)), artifacts)) {
                batch -> (failure: (Int, CatalogIOError)?, written: [(Int, FileIdentity)]) in
                var written: [(Int, FileIdentity)] = []
                for index in batch {
                    let artifact = artifacts[index]
                    do throws(CatalogIOError) {
                        let identity =
                            artifact.unchangedSHA256 != nil
                            ? try linkUnchanged(artifact.path)
                            : try write(artifact.contents, to: staging + "/" + artifact.path)
                        if let identity { written.append((index, identity)) }
                    } catch {
                        return ((index, error), written)
                    }
                }
                return (nil, written)
            }
            if let failure = batches.compactMap(\.failure).min(by: { $0.0 < $1.0 }) { throw failure.1 }
            for (index, identity) in batches.flatMap(\.written) { outcome.written[artifacts[index].path] = identity }
            var keptFolders: [(path: String, mode: mode_t)] = []
            for entry in previous where !produced.contains(entry.path) && entry.path != Manifest.path {
                if entry.isDirectory {
                    // Kept even when empty, with its mode (set once its content is in).
                    let target = staging + "/" + entry.path
                    if !manager.fileExists(atPath: target) {
                        try manager.createDirectory(atPath: target, withIntermediateDirectories: true)
                        keptFolders.append((entry.path, entry.mode))
                        if entry.isEmpty { outcome.keptUnlisted.append(entry.path + "/") }
                    }
                } else if listed.contains(entry.path) {
                    outcome.removed.append(entry.path)
                } else {
                    outcome.keptUnlisted.append(entry.path)
                    try carryOver(entry.path)
                }
            }
            for folder in keptFolders.reversed() { chmod(staging + "/" + folder.path, folder.mode) }
        } catch let error as CatalogIOError {
            try? manager.removeItem(atPath: staging)
            throw error
        } catch {
            try? manager.removeItem(atPath: staging)
            throw CatalogIOError(path: root, reason: "cannot write the new tree: \(error.localizedDescription)")
        }
        try switchIn(previous: previous)
        return outcome
    }

    /// A read-only output folder (no write bit, or one the system refuses to write, such as
    /// an immutable one) says it is not to be changed: the switch would replace it whole, so
    /// stop before writing anything. Mode bits count for root too, who could override them.
    private func refuseReadOnlyRoot() throws(CatalogIOError) {
        var info = stat()
        guard stat(root, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { return }
        if info.st_mode & 0o222 == 0 {
            throw CatalogIOError(path: root, reason: "the output folder is read-only: make it writable, or choose another with --out")
        }
        if access(root, W_OK) != 0 {
            let reason = String(cString: strerror(errno))
            throw CatalogIOError(
                path: root, reason: "the output folder cannot be written (\(reason)): make it writable, or choose another with --out")
        }
    }

    /// Puts a file that is not Jimu's into the new tree as it is: the same file (a hard
    /// link, so its bytes, mode and times stay), a symbolic link as a link, never followed.
    /// The old tree keeps it until the switch, so a killed build loses nothing.
    private func carryOver(_ path: String) throws(CatalogIOError) {
        let from = root + "/" + path
        let to = staging + "/" + path
        var existing = stat()
        if lstat(to, &existing) == 0 {
            throw CatalogIOError(
                path: from, reason: "is not in the manifest, so it is not Jimu's, but the new tree needs this path: move it away")
        }
        if linkat(AT_FDCWD, from, AT_FDCWD, to, 0) == 0 { return }
        let linkError = String(cString: strerror(errno))
        var info = stat()
        guard lstat(from, &info) == 0 else {
            throw CatalogIOError(path: from, reason: "cannot keep this file that is not Jimu's: \(linkError)")
        }
        switch info.st_mode & S_IFMT {
        case S_IFLNK:
            if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: from), symlink(target, to) == 0 {
                return
            }
        case S_IFREG:
            if let data = FileManager.default.contents(atPath: from) {
                try write([UInt8](data), to: to)
                if chmod(to, info.st_mode & 0o7777) == 0 { return }
            }
        default:
            break
        }
        throw CatalogIOError(path: from, reason: "cannot keep this file that is not Jimu's: \(linkError)")
    }

    /// Runs of at most 256 files of one folder, dealt out folder by folder in turn: a file
    /// is created under its folder's lock, so two cores filling the same folder would take
    /// turns (and spin) rather than work side by side.
    static func batches(_ paths: [String]) -> [Range<Int>] {
        guard !paths.isEmpty else { return [] }
        var runsByFolder: [Substring: [Range<Int>]] = [:]
        var folders: [Substring] = []
        var start = 0
        for end in 1...paths.count
        where end == paths.count || folder(of: paths[end]) != folder(of: paths[start]) || end - start == 256 {
            let name = folder(of: paths[start])
            if runsByFolder[name] == nil { folders.append(name) }
            runsByFolder[name, default: []].append(start..<end)
            start = end
        }
        let total = runsByFolder.values.reduce(0) { $0 + $1.count }
        var dealt: [Range<Int>] = []
        var round = 0
        while dealt.count < total {
            for name in folders where round < runsByFolder[name]!.count { dealt.append(runsByFolder[name]![round]) }
            round += 1
        }
        return dealt
    }

    /// The batches holding a file of a megabyte or more first, the largest such file first,
    /// the others as dealt (folder by folder): writing the merge report takes a core for a
    /// tenth of a second, and written last it would end the stage alone.
    static func largestFirst(_ batches: [Range<Int>], _ artifacts: [Artifact]) -> [Range<Int>] {
        let largest = batches.map { batch in batch.map { artifacts[$0].contents.count }.max() ?? 0 }
        let large = batches.indices.filter { largest[$0] >= 1 << 20 }.sorted { largest[$0] > largest[$1] }
        let rest = batches.indices.filter { largest[$0] < 1 << 20 }
        return (large + rest).map { batches[$0] }
    }

    /// The folder part of a path (empty for a file at the top), found on its UTF-8 bytes: a
    /// `/` is never part of another character, and a search by `Character` was a tenth of
    /// a rebuild's write.
    static func folder(of path: String) -> Substring {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return path[path.startIndex..<path.startIndex] }
        return path[..<slash]
    }

    /// Puts the old tree's file, which the build cache found unchanged, into the new tree:
    /// the same file, linked (its bytes are not read), or copied where links fail.
    private func linkUnchanged(_ path: String) throws(CatalogIOError) -> FileIdentity? {
        let from = root + "/" + path
        let to = staging + "/" + path
        if linkat(AT_FDCWD, from, AT_FDCWD, to, 0) == 0 { return FileIdentity(path: to) }
        let linkError = String(cString: strerror(errno))
        guard let data = FileManager.default.contents(atPath: from) else {
            throw CatalogIOError(path: from, reason: "the build cache reuses this file but it cannot be read (\(linkError)): build again with --no-cache")
        }
        return try write([UInt8](data), to: to)
    }

    /// Creates each folder of the staging tree once, not once per file in it.
    private struct FolderMaker {
        private var made: Set<String> = []

        mutating func makeParent(of path: String) throws(CatalogIOError) {
            let folder = String(GeneratedTree.folder(of: path))
            guard !made.contains(folder) else { return }
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw CatalogIOError(path: folder, reason: "cannot create folder: \(error.localizedDescription)")
            }
            made.insert(folder)
        }
    }

    struct Entry {
        var path: String
        var isDirectory: Bool
        var isEmpty: Bool
        var mode: mode_t
    }

    /// Every entry under the output folder, hidden ones included, parents before their
    /// content; symbolic links are entries of their own, never followed.
    func existingEntries() throws(CatalogIOError) -> [Entry] {
        let manager = FileManager.default
        var info = stat()
        guard lstat(root, &info) == 0 else { return [] }  // a first build
        guard stat(root, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            // Never exchanged with a new tree, which would delete it.
            throw CatalogIOError(path: root, reason: "exists and is not a folder: the output must be a folder")
        }
        var entries: [Entry] = []
        var pending = [""]
        while let relative = pending.popLast() {
            let folder = relative.isEmpty ? root : root + "/" + relative
            let names: [String]
            do {
                names = try manager.contentsOfDirectory(atPath: folder)
            } catch {
                throw CatalogIOError(path: folder, reason: "cannot list folder: \(error.localizedDescription)")
            }
            var subfolders: [String] = []
            for name in names.sorted() {
                let path = relative.isEmpty ? name : relative + "/" + name
                guard lstat(root + "/" + path, &info) == 0 else {
                    throw CatalogIOError(path: root + "/" + path, reason: String(cString: strerror(errno)))
                }
                let isDirectory = info.st_mode & S_IFMT == S_IFDIR
                let isEmpty = isDirectory && ((try? manager.contentsOfDirectory(atPath: root + "/" + path).isEmpty) ?? false)
                entries.append(Entry(path: path, isDirectory: isDirectory, isEmpty: isEmpty, mode: info.st_mode & 0o7777))
                if isDirectory { subfolders.append(path) }
            }
            pending.append(contentsOf: subfolders.reversed())  // depth first, in name order
        }
        return entries
    }

    /// Exchanges the staging folder with the output folder in one step, then removes the
    /// old tree, whose entries were `previous`. Where the file system cannot exchange, it
    /// falls back to two renames.
    private func switchIn(previous: [Entry]) throws(CatalogIOError) {
        let manager = FileManager.default
        if !manager.fileExists(atPath: root) {
            guard rename(staging, root) == 0 else {
                let reason = String(cString: strerror(errno))
                try? manager.removeItem(atPath: staging)
                throw CatalogIOError(path: root, reason: "cannot move the new tree into place: \(reason)")
            }
            return
        }
        if jimu_exchange_paths(staging, root) == 0 {
            Self.removeTree(staging, listed: previous)  // now the old tree
            return
        }
        let old = root + ".jimu-old"
        try? manager.removeItem(atPath: old)
        guard rename(root, old) == 0 else {
            let reason = String(cString: strerror(errno))
            try? manager.removeItem(atPath: staging)
            throw CatalogIOError(path: root, reason: "cannot replace the output folder: \(reason)")
        }
        guard rename(staging, root) == 0 else {
            let reason = String(cString: strerror(errno))
            _ = rename(old, root)
            throw CatalogIOError(path: root, reason: "cannot move the new tree into place: \(reason)")
        }
        Self.removeTree(old, listed: previous)
    }

    /// Removes an old tree whose entries were listed before the build (`entries`, parents
    /// before their content): its files on every core, a folder's in batches as they were
    /// written, then its folders, deepest first. A rebuild drops 18,000 files this way, and
    /// one thread unlinking them was a third of its write. Whatever the listing did not
    /// hold goes with a recursive removal.
    static func removeTree(_ folder: String, listed entries: [Entry]) {
        let files = entries.filter { !$0.isDirectory }.map(\.path)
        _ = Parallel.map(batches(files)) { batch in
            for index in batch { unlink(folder + "/" + files[index]) }
        }
        for entry in entries.reversed() where entry.isDirectory { rmdir(folder + "/" + entry.path) }
        if rmdir(folder) != 0 { try? FileManager.default.removeItem(atPath: folder) }
    }

    /// Writes one file of the staging tree with plain POSIX calls. No fsync per file: the
    /// staging tree becomes visible only by the exchange, so a killed build can never expose
    /// a partial file, and thousands of fsyncs would make writing the slowest stage.
    /// Returns the file's identity as written.
    @discardableResult
    private func write(_ bytes: [UInt8], to path: String) throws(CatalogIOError) -> FileIdentity? {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw CatalogIOError(path: path, reason: "cannot write file: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw CatalogIOError(path: path, reason: "cannot write file: \(String(cString: strerror(errno)))")
            }
            offset += written
        }
        var info = stat()
        return fstat(descriptor, &info) == 0 ? FileIdentity(info) : nil
    }

    /// Every regular file under the output folder, as sorted relative paths.
    public func existingFiles() throws(CatalogIOError) -> [String] {
        guard FileManager.default.fileExists(atPath: root) else { return [] }
        return try LocalFileSystem(root: root).listFiles().filter { !$0.escapesRoot }.map(\.path)
    }

    public func readManifest() -> Manifest? {
        guard let data = FileManager.default.contents(atPath: root + "/" + Manifest.path) else { return nil }
        return try? JSONDecoder().decode(Manifest.self, from: data)
    }

    /// What `--check` finds: files whose bytes differ, files missing, and files the
    /// manifest lists that the build no longer produces.
    public struct Staleness: Sendable, Equatable {
        public var stale: [String] = []
        public var missing: [String] = []
        public var extra: [String] = []

        public var isFresh: Bool { stale.isEmpty && missing.isEmpty && extra.isEmpty }
    }

    public func compare(with artifacts: [Artifact]) throws(CatalogIOError) -> Staleness {
        var result = Staleness()
        let produced = Set(artifacts.map(\.path))
        for artifact in artifacts {
            guard let data = FileManager.default.contents(atPath: root + "/" + artifact.path) else {
                result.missing.append(artifact.path)
                continue
            }
            if [UInt8](data) != artifact.contents { result.stale.append(artifact.path) }
        }
        let listed = readManifest()?.files.keys.map { $0 } ?? []
        result.extra = Set(try existingFiles()).intersection(listed).subtracting(produced).sorted()
        return result
    }
}
