import CJimuShims
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The output folder as a whole. A build is written into a staging folder beside it and
/// switched in with one atomic exchange, so the folder is always the old tree or the new
/// one, never a mix, whenever the build is killed. Only files the previous manifest lists
/// are Jimu's to drop; any other file found there is carried over and reported.
///
/// After the exchange the old tree is parked as a *spare* (in the build cache, when it has
/// one): the next build takes it back as its staging folder and changes only what differs,
/// instead of linking every file into an empty folder and then deleting the old tree, which
/// was kernel work of tens of microseconds a file, 18,000 files at province scale.
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

    /// Writes `artifacts` (the manifest among them) as the new tree. `spare`: where the old
    /// tree is parked for the next build (on the same file system, or it is removed); nil
    /// to remove it. A spare inside the output folder is not used: taking it back would
    /// change the tree before the switch. `old`: the folder as `readOld` found it, when the
    /// build read it ahead; read here otherwise. `listed`: the spare's entries, when the
    /// build listed it ahead.
    public func replace(
        with artifacts: [Artifact], manifest: Manifest, spare proposed: String? = nil, old: OldTree? = nil,
        listed: SpareListing? = nil
    ) throws(CatalogIOError) -> Outcome {
        try refuseReadOnlyRoot()
        try refuseNonFolderRoot()
        let spare = proposed.flatMap { Self.isInside($0, self.root) ? nil : $0 }
        let taken = takeBackSpare(spare, listed: listed)
        // The staging folder (a spare's entries, to be brought up to date) read on another
        // core while the old tree is read and the plan made, unless listed ahead.
        let staging = staging
        let stagingEntries = Once {
            Result { () throws(CatalogIOError) in
                if let taken { return taken.entries }
                return try Self.entries(under: staging, ifPresent: true, inodesOnly: true)
            }
        }
        DispatchQueue.global().async { _ = stagingEntries.value }
        do {
            let old = try current(old, for: artifacts)
            let previous = try old.entries.get()
            let plan = try TreePlan(artifacts: artifacts, previous: previous, listed: { old.listed.value.contains($0) }, root: root)
            var existing: [Entry] = []
            switch stagingEntries.value {
            case .success(let entries): existing = entries
            case .failure:
                // A staging folder that cannot be listed is started again from nothing.
                try Self.removeCompletely(staging)
            }
            var outcome = Outcome(keptUnlisted: plan.keptUnlisted, removed: plan.removed)
            outcome.written = try populateStaging(plan, artifacts: artifacts, old: old, existing: existing)
            try switchIn(previous: previous, spare: spare)
            return outcome
        } catch {
            _ = stagingEntries.value  // done listing it before it is parked
            park(staging, spare: spare)
            throw error as? CatalogIOError
                ?? CatalogIOError(path: root, reason: "cannot write the new tree: \(error.localizedDescription)")
        }
    }

    /// The tree as it is now: `prefetched` when nothing in it changed since it was read
    /// (the build cache chose what to reuse by it), else read again. A file the cache reused
    /// that is no longer the file it checked is an error: its bytes are not known to be the
    /// ones the manifest gives. (The old tree's files are never written, only linked.)
    private func current(_ prefetched: OldTree?, for artifacts: [Artifact]) throws(CatalogIOError) -> OldTree {
        guard let prefetched else { return readOld() }
        guard prefetched.changed(at: root) else { return prefetched }
        let fresh = readOld()
        for artifact in artifacts where artifact.unchangedSHA256 != nil && fresh.identity(artifact.path) != prefetched.identity(artifact.path) {
            throw CatalogIOError(
                path: root + "/" + artifact.path, reason: "changed while the build ran: build again to write the output")
        }
        return fresh
    }

    /// Makes the staging folder the tree of an earlier build, when there is one: the one a
    /// killed build left (any mix of trees will do, only its inodes are trusted), else the
    /// parked spare. Only a real folder is taken: a link is removed, never followed.
    /// Returns `listed` when it is the spare taken, as it still is.
    private func takeBackSpare(_ spare: String?, listed: SpareListing?) -> SpareListing? {
        var info = stat()
        if lstat(staging, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else {
                unlink(staging)
                return takeBackSpare(spare, listed: listed)
            }
            if let spare { Self.removeWhole(spare) }
            return nil
        }
        guard let spare, lstat(spare, &info) == 0 else { return nil }
        // Checked before it moves: moving a folder changes its own stamp.
        let current = listed.flatMap { $0.path == spare && $0.isCurrent(at: spare) ? $0 : nil }
        if info.st_mode & S_IFMT != S_IFDIR || rename(spare, staging) != 0 {
            Self.removeWhole(spare)
            return nil
        }
        return current
    }

    /// Whether `path` is `folder` or inside it, the links of its folders resolved as far as
    /// they exist (`path` itself may be a link: it is never followed).
    static func isInside(_ path: String, _ folder: String) -> Bool {
        func resolved(_ path: String) -> String {
            let absolute = BuildCache.absolute(path)
            var existing = absolute
            var rest: [String] = []
            while true {
                if let real = realpath(existing, nil) {
                    defer { free(real) }
                    let base = String(cString: real)
                    return rest.isEmpty ? base : (base == "/" ? "" : base) + "/" + rest.joined(separator: "/")
                }
                guard existing != "/", !existing.isEmpty else { return absolute }
                rest.insert((existing as NSString).lastPathComponent, at: 0)
                existing = (existing as NSString).deletingLastPathComponent
            }
        }
        // Not standardised: that would resolve a link at `path` itself.
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        let inner = resolved((absolute as NSString).deletingLastPathComponent) + "/" + (absolute as NSString).lastPathComponent
        let outer = resolved(folder)
        return inner == outer || inner.hasPrefix(outer.hasSuffix("/") ? outer : outer + "/")
    }

    /// Removes a folder (or file) with all it holds, making its folders writable first where
    /// they are not (a read-only folder an earlier tree kept). Whatever still cannot go is
    /// left, and found by the caller.
    static func removeWhole(_ path: String) {
        let manager = FileManager.default
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            unlink(path)
            return
        }
        if (try? manager.removeItem(atPath: path)) != nil { return }
        chmod(path, 0o700)
        for entry in (try? entries(under: path)) ?? [] where entry.isDirectory { chmod(path + "/" + entry.path, 0o700) }
        try? manager.removeItem(atPath: path)
    }

    /// `removeWhole`, or the reason it could not, for a path that must be gone before the
    /// build goes on.
    static func removeCompletely(_ path: String) throws(CatalogIOError) {
        removeWhole(path)
        var info = stat()
        if lstat(path, &info) == 0 { throw cannotRemove(path, EEXIST) }
    }

    /// A leftover of an earlier build that stands in the way (`code`: why it could not go).
    static func cannotRemove(_ path: String, _ code: Int32) -> CatalogIOError {
        CatalogIOError(
            path: path,
            reason: "cannot remove what an earlier build left here (\(String(cString: strerror(code)))): remove it by hand, or delete the build cache's spare tree")
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

    /// An output path that is there but is not a folder is never exchanged with a new tree,
    /// which would delete it.
    private func refuseNonFolderRoot() throws(CatalogIOError) {
        var info = stat()
        guard lstat(root, &info) == 0 else { return }  // a first build
        guard stat(root, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            throw CatalogIOError(path: root, reason: "exists and is not a folder: the output must be a folder")
        }
    }

    /// Exchanges the staging folder with the output folder in one step, then parks the old
    /// tree, whose entries were `previous`, as the spare (or removes it). Where the file
    /// system cannot exchange, it falls back to two renames.
    private func switchIn(previous: [Entry], spare: String?) throws(CatalogIOError) {
        let manager = FileManager.default
        if !manager.fileExists(atPath: root) {
            guard rename(staging, root) == 0 else {
                throw CatalogIOError(path: root, reason: "cannot move the new tree into place: \(String(cString: strerror(errno)))")
            }
            return
        }
        if jimu_exchange_paths(staging, root) == 0 {
            park(staging, previous: previous, spare: spare)  // now the old tree
            return
        }
        let old = root + ".jimu-old"
        Self.removeWhole(old)
        guard rename(root, old) == 0 else {
            throw CatalogIOError(path: root, reason: "cannot replace the output folder: \(String(cString: strerror(errno)))")
        }
        guard rename(staging, root) == 0 else {
            let reason = String(cString: strerror(errno))
            _ = rename(old, root)
            throw CatalogIOError(path: root, reason: "cannot move the new tree into place: \(reason)")
        }
        park(old, previous: previous, spare: spare)
    }

    /// Keeps a tree that is not the output (the old one after the switch, or a staging tree
    /// a failed build leaves) at `spare`, for the next build to take back; or removes it
    /// where it cannot go (no spare, another file system), from the listing of its entries
    /// when there is one.
    private func park(_ tree: String, previous: [Entry]? = nil, spare: String?) {
        var info = stat()
        guard lstat(tree, &info) == 0 else { return }
        if let spare {
            try? FileManager.default.createDirectory(
                atPath: (spare as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            if rename(tree, spare) == 0 { return }
        }
        if let previous { Self.removeTree(tree, listed: previous) } else { Self.removeWhole(tree) }
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
        if rmdir(folder) != 0 { removeWhole(folder) }
    }

    /// Every regular file under the output folder, as sorted relative paths.
    public func existingFiles() throws(CatalogIOError) -> [String] {
        guard FileManager.default.fileExists(atPath: root) else { return [] }
        return try LocalFileSystem(root: root).listFiles().filter { !$0.escapesRoot }.map(\.path)
    }

    public func readManifest() -> Manifest? {
        guard let data = FileManager.default.contents(atPath: root + "/" + Manifest.path) else { return nil }
        return Manifest.read([UInt8](data))
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
