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
    }

    /// The folder's entries and manifest, read side by side.
    public func readOld() -> OldTree {
        let root = root
        let reads = Parallel.map(2) { index -> (Result<[Entry], CatalogIOError>?, Set<String>) in
            index == 0
                ? (Result { () throws(CatalogIOError) in try Self.entries(under: root, ifPresent: true) }, [])
                : (nil, Set(GeneratedTree(root: root).readManifest()?.files.keys.map { $0 } ?? []))
        }
        let entries = reads[0].0 ?? .success([])
        var files: [String: FileIdentity] = [:]
        if case .success(let list) = entries {
            files.reserveCapacity(list.count)
            for entry in list where !entry.isDirectory {
                if let identity = entry.identity { files[entry.path] = identity }
            }
        }
        return OldTree(entries: entries, listed: reads[1].1, files: files)
    }
}
