/// The output folder as the last build left it: what the write brings up to date, and what
/// the build cache checks its files against. Read once, ahead of the write (by a build with
/// a cache, while it reads the catalog), instead of each looking at 25,000 files on its own.
extension GeneratedTree {
    public struct OldTree: Sendable {
        /// Every entry of the folder, or why it cannot be listed.
        let entries: Result<[Entry], CatalogIOError>
        /// The files its manifest lists: Jimu's, the others are carried over. Read only when
        /// the write meets a file the build does not produce, which a rebuild seldom does:
        /// parsing a province's manifest of 25,000 files took longer than listing the tree.
        let listed: Once<Set<String>>
        /// Each entry's place in `entries`, by path: the cache looks its files up here, and
        /// the write the entries it replaces (built once, on the core that read the tree).
        let positions: [String: Int]
        /// Each folder's stamp (the tree's own too, nil when there was none), each taken
        /// before the folder was listed: a change to the tree since is seen in one of them.
        let stamps: FolderStamps

        /// Whether the tree at `root` changed since it was read, or may have: a file added,
        /// removed or renamed, a folder too, the tree itself made. (A file written in place
        /// is seen by its own identity, which the write checks as it links the file.)
        func changed(at root: String) -> Bool { !stamps.isCurrent(at: root) }

        /// The entry at `path`, if the tree has one.
        func entry(_ path: String) -> Entry? {
            guard case .success(let list) = entries, let position = positions[path] else { return nil }
            return list[position]
        }

        /// The identity of the regular file at `path`; nil for none, or anything else.
        func identity(_ path: String) -> FileIdentity? { entry(path)?.identity }
    }

    /// The folder's entries, and its manifest once asked for.
    public func readOld() -> OldTree {
        let root = root
        let takenAt = FolderStamp.now
        let rootStamp = FolderStamp(path: root)
        let entries = Result { () throws(CatalogIOError) in try Self.entries(under: root, ifPresent: true) }
        var positions: [String: Int] = [:]
        let list = (try? entries.get()) ?? []
        positions.reserveCapacity(list.count)
        for (position, entry) in list.enumerated() { positions[entry.path] = position }
        return OldTree(
            entries: entries, listed: Once { Set(GeneratedTree(root: root).readManifest()?.files.keys.map { $0 } ?? []) },
            positions: positions, stamps: FolderStamps(top: rootStamp, entries: list, takenAt: takenAt))
    }
}
