import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Filling the staging folder: the new tree, from what a spare already holds, the files
/// rendered, and the old tree's files linked or carried over.
extension GeneratedTree {
    /// Makes the staging folder exactly the new tree. What is already there stays when it is
    /// what the new tree needs: a folder of the plan, and a file that is the very file (the
    /// same inode) the old tree has and the new one keeps, linked by an earlier build. Every
    /// other entry goes, and what is missing is written or linked. Nothing here writes into
    /// an existing file: one the old tree shares is only ever unlinked from the staging side.
    ///
    /// Rendered files are all created before the spare's files are freed: a rendered file
    /// whose path the spare holds is written beside it and renamed over it at the end. On
    /// ext4 without a journal, creating a file passes over every inode freed in the last
    /// minute, so freeing 18,000 and then creating 18,000 costs seconds where the other order
    /// costs a fraction of one. (Only what is in the way goes first: after a change of layout,
    /// and where a name is needed for something else; that is a few files at most.)
    func populateStaging(_ plan: TreePlan, artifacts: [Artifact], old: OldTree, existing: [Entry]) throws
        -> [String: FileIdentity]
    {
        var info = stat()
        if lstat(staging, &info) != 0 { try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true) }

        // A rebuild keeps nearly every file of the spare: what is kept is marked by artifact,
        // and its identity taken as it is found, each path looked up once (tens of thousands).
        var written: [String: FileIdentity] = [:]
        written.reserveCapacity(artifacts.count)
        var keptArtifacts = [Bool](repeating: false, count: artifacts.count)
        var keptCarried: Set<String> = []
        var folderModes: [String: mode_t] = [:]
        var taken: Set<String> = []  // files of the spare that the new tree does not keep
        var doomedFolders: [String] = []
        var insideDoomed: Set<String> = []
        for entry in existing {
            if !insideDoomed.isEmpty, insideDoomed.contains(String(Self.folder(of: entry.path))) {
                if entry.isDirectory { insideDoomed.insert(entry.path) }
                continue
            }
            if entry.isDirectory {
                if plan.folders[entry.path] != nil {
                    folderModes[entry.path] = entry.mode
                } else {
                    doomedFolders.append(entry.path)
                    insideDoomed.insert(entry.path)
                }
                continue
            }
            // Kept: output the build reuses, or a file that is not Jimu's, that is the old
            // tree's very file (the same inode).
            let source = plan.files[entry.path]
            let isKeptSource =
                switch source {
                case .carried: true
                case .artifact(let index): artifacts[index].unchangedSHA256 != nil
                case nil: false
                }
            guard isKeptSource, let current = old.entry(entry.path), !current.isDirectory, current.inode == entry.inode,
                current.device == entry.device
            else {
                taken.insert(entry.path)
                continue
            }
            if case .artifact(let index) = source {
                keptArtifacts[index] = true
                if let identity = current.identity { written[entry.path] = identity }
            } else {
                keptCarried.insert(entry.path)
            }
        }
        // A folder kept from an earlier tree may have been read-only there.
        for (path, mode) in folderModes where mode & 0o700 != 0o700 && chmod(staging + "/" + path, mode | 0o700) == 0 {
            folderModes[path] = mode | 0o700
        }
        let rendered = artifacts.indices.filter { artifacts[$0].unchangedSHA256 == nil && !keptArtifacts[$0] }
        let linked = artifacts.indices.filter { artifacts[$0].unchangedSHA256 != nil && !keptArtifacts[$0] }
        // Rendered files written beside the spare's, where that name is free in the new tree.
        let beside = Set(
            rendered.map { artifacts[$0].path }.filter {
                taken.contains($0) && plan.files[$0 + Self.besideSuffix] == nil && plan.folders[$0 + Self.besideSuffix] == nil
            })
        let besideNames = Set(beside.map { $0 + Self.besideSuffix })
        // What is in the way goes first: a folder where a file is to be or a file written
        // beside; a file where a folder is to be, or a file carried over, or a rendered file
        // not written beside, or a name a file is written beside under.
        for path in doomedFolders where plan.files[path] != nil || besideNames.contains(path) {
            try Self.removeCompletely(staging + "/" + path)
        }
        for path in taken where !beside.contains(path) {
            let inTheWay =
                plan.folders[path] != nil || besideNames.contains(path)
                || (plan.files[path] != nil && !Self.isLinked(path, plan: plan, artifacts: artifacts))
            if inTheWay {
                try Self.removeCompletely(staging + "/" + path)
                taken.remove(path)
            }
        }
        let created = plan.folders.keys.filter { folderModes[$0] == nil }.sorted { $0.precedesInByteOrder($1) }
        for path in created where mkdir(staging + "/" + path, 0o777) != 0 {
            throw CatalogIOError(path: staging + "/" + path, reason: "cannot create folder: \(String(cString: strerror(errno)))")
        }

        // Creating tens of thousands of files is kernel work that scales with cores; the
        // first failure, in path order, is the one reported. Written first, linked second.
        let occupied = taken
        for step in [rendered, linked] {
            let batches = Parallel.map(Self.largestFirst(Self.batches(step.map { artifacts[$0].path }), step.map { artifacts[$0] })) {
                batch -> (failure: (Int, CatalogIOError)?, written: [(Int, FileIdentity)]) in
                var written: [(Int, FileIdentity)] = []
                for position in batch {
                    let index = step[position]
                    let path = artifacts[index].path
                    do throws(CatalogIOError) {
                        let identity: FileIdentity?
                        if artifacts[index].unchangedSHA256 != nil {
                            // A file the spare holds there: a plain unlink, as after a full render
                            // this runs for every file of the tree.
                            if occupied.contains(path), unlink(staging + "/" + path) != 0, errno != ENOENT {
                                throw Self.cannotRemove(staging + "/" + path, errno)
                            }
                            identity = try linkUnchanged(path, as: old.identity(path))
                        } else {
                            identity = try write(
                                artifacts[index].contents, to: staging + "/" + path + (beside.contains(path) ? Self.besideSuffix : ""))
                        }
                        if let identity { written.append((index, identity)) }
                    } catch {
                        return ((index, error), written)
                    }
                }
                return (nil, written)
            }
            if let failure = batches.compactMap(\.failure).min(by: { $0.0 < $1.0 }) { throw failure.1 }
            for (index, identity) in batches.flatMap(\.written) { written[artifacts[index].path] = identity }
        }
        for path in plan.carried where !keptCarried.contains(path) {
            try carryOver(path)
        }

        // Only now is the rest freed: rendered files renamed over the spare's, and what the
        // new tree does not have removed.
        let renamed = beside.sorted { $0.precedesInByteOrder($1) }
        let dropped = occupied.filter { plan.files[$0] == nil }.sorted { $0.precedesInByteOrder($1) }
        let renames = Parallel.map(Self.batches(renamed)) { batch -> CatalogIOError? in
            for index in batch {
                let path = staging + "/" + renamed[index]
                if rename(path + Self.besideSuffix, path) != 0 {
                    return CatalogIOError(path: path, reason: "cannot write file: \(String(cString: strerror(errno)))")
                }
            }
            return nil
        }
        if let failure = renames.compactMap({ $0 }).first { throw failure }
        let unlinks = Parallel.map(Self.batches(dropped)) { batch -> CatalogIOError? in
            for index in batch where unlink(staging + "/" + dropped[index]) != 0 && errno != ENOENT {
                return Self.cannotRemove(staging + "/" + dropped[index], errno)
            }
            return nil
        }
        if let failure = unlinks.compactMap({ $0 }).first { throw failure }
        for path in doomedFolders where plan.files[path] == nil && !besideNames.contains(path) { try Self.removeCompletely(staging + "/" + path) }

        // Modes last, deepest first, once the content is in: a new folder's as created, a
        // kept one's as it was in the old tree. Only the permission bits of a folder that
        // holds output are set: others (setgid inherited from above) stay as they come.
        let permissions = Self.newFolderPermissions
        for (path, wanted) in plan.folders.sorted(by: { $1.key.precedesInByteOrder($0.key) }) {
            if let wanted {
                if folderModes[path] != wanted { chmod(staging + "/" + path, wanted) }
            } else if let mode = folderModes[path], mode & 0o777 != permissions {
                chmod(staging + "/" + path, mode & ~0o777 | permissions)
            }
        }
        if lstat(staging, &info) == 0, info.st_mode & 0o777 != permissions {
            chmod(staging, info.st_mode & 0o7000 | permissions)
        }
        return written
    }

    /// Whether the artifact at `path` is linked from the old tree rather than rendered.
    private static func isLinked(_ path: String, plan: TreePlan, artifacts: [Artifact]) -> Bool {
        guard case .artifact(let index) = plan.files[path] else { return false }
        return artifacts[index].unchangedSHA256 != nil
    }

    /// The name a rendered file is written under beside the spare's file it replaces, until
    /// everything is written.
    private static let besideSuffix = ".jimu-new"

    /// The permission bits a folder gets when created: all but the process's umask. Read from
    /// the kernel's account of the process, as setting the umask to learn it would change it
    /// for every thread meanwhile.
    private static var newFolderPermissions: mode_t {
        if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Umask:") }),
            let mask = mode_t(line.dropFirst("Umask:".count).trimmingCharacters(in: .whitespaces), radix: 8)
        {
            return 0o777 & ~mask
        }
        let mask = umask(0o022)
        umask(mask)
        return 0o777 & ~mask
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
                _ = try write([UInt8](data), to: to)
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
    /// the others as dealt (folder by folder): writing a large file (a report, a Swift file of
    /// code lists) takes a core for a while, and written last it would end the stage alone.
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
    /// the same file, linked (its bytes are not read), or copied where links fail. `expected`:
    /// its identity as the cache checked it; a file written in place since (the same inode,
    /// other bytes) is an error, not a manifest naming bytes the tree does not hold.
    private func linkUnchanged(_ path: String, as expected: FileIdentity?) throws(CatalogIOError) -> FileIdentity? {
        let from = root + "/" + path
        let to = staging + "/" + path
        if linkat(AT_FDCWD, from, AT_FDCWD, to, 0) == 0 {
            let linked = FileIdentity(path: to)
            guard linked == expected else {
                throw CatalogIOError(path: from, reason: "changed while the build ran: build again to write the output")
            }
            return linked
        }
        let linkError = String(cString: strerror(errno))
        guard let data = FileManager.default.contents(atPath: from) else {
            throw CatalogIOError(path: from, reason: "the build cache reuses this file but it cannot be read (\(linkError)): build again with --no-cache")
        }
        return try write([UInt8](data), to: to)
    }

    /// Writes one new file of the staging tree (`FileWriting`). No fsync per file: the
    /// staging tree becomes visible only by the exchange, so a killed build can never expose
    /// a partial file, and thousands of fsyncs would make writing the slowest stage.
    /// Returns the file's identity as written.
    private func write(_ bytes: [UInt8], to path: String) throws(CatalogIOError) -> FileIdentity? {
        FileIdentity(try FileWriting.create(path, bytes: bytes))
    }
}
