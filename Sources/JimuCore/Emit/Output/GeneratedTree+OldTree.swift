/// The output folder as the last build left it: what the write brings up to date, and what
/// the build cache checks its files against. Read once, ahead of the write (by a build with
/// a cache, while it reads the catalog), instead of each looking at 25,000 files on its own.
extension GeneratedTree {
    public struct OldTree: Sendable {
        /// Every entry of the folder, or why it cannot be listed.
        let entries: Result<[Entry], CatalogIOError>
        /// The files its manifest lists: Jimu's, the others are carried over.
        let listed: Set<String>
        /// Each regular file's identity, by path.
        let files: [String: FileIdentity]
        /// Each folder's stamp, by path (the tree's own as ""), each taken before the folder
        /// was listed: a change to the tree since is seen in one of them.
        let folders: [String: FolderStamp]

        /// Whether the tree at `root` changed since it was read: a file added, removed or
        /// renamed, a folder too. (A file written in place is seen by its own identity.)
        func changed(at root: String) -> Bool {
            folders.contains { path, stamp in FolderStamp(path: path.isEmpty ? root : root + "/" + path) != stamp }
        }
    }

    /// The folder's entries and manifest, read side by side.
    public func readOld() -> OldTree {
        let root = root
        let rootStamp = FolderStamp(path: root)
        let reads = Parallel.map(2) { index -> (Result<[Entry], CatalogIOError>?, Set<String>) in
            index == 0
                ? (Result { () throws(CatalogIOError) in try Self.entries(under: root, ifPresent: true) }, [])
                : (nil, Set(GeneratedTree(root: root).readManifest()?.files.keys.map { $0 } ?? []))
        }
        let entries = reads[0].0 ?? .success([])
        var files: [String: FileIdentity] = [:]
        var folders: [String: FolderStamp] = [:]
        if let rootStamp { folders[""] = rootStamp }
        if case .success(let list) = entries {
            files.reserveCapacity(list.count)
            for entry in list {
                if let identity = entry.identity { files[entry.path] = identity }
                if let stamp = entry.stamp { folders[entry.path] = stamp }
            }
        }
        return OldTree(entries: entries, listed: reads[1].1, files: files, folders: folders)
    }
}
