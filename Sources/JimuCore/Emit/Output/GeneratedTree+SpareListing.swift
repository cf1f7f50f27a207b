/// A spare tree's entries, listed where it is parked while the build reads the catalog: the
/// write then starts from them instead of listing 25,000 files of a province's spare while
/// the rest of the build waits (a tenth of a rebuild).
extension GeneratedTree {
    public struct SpareListing: Sendable {
        /// Where the spare was listed.
        let path: String
        let entries: [Entry]
        let stamps: FolderStamps

        /// The spare parked at `path`; nil when there is none, or it cannot be listed.
        public init?(path: String) {
            let takenAt = FolderStamp.now
            guard let top = FolderStamp(path: path), let entries = try? GeneratedTree.entries(under: path, inodesOnly: true) else {
                return nil
            }
            self.path = path
            self.entries = entries
            stamps = FolderStamps(top: top, entries: entries, takenAt: takenAt)
        }

        /// Whether the spare at `path` is still as listed. (A file written in place keeps its
        /// inode, which is all the write trusts of a spare's files.)
        func isCurrent(at path: String) -> Bool { stamps.isCurrent(at: path) }
    }
}
