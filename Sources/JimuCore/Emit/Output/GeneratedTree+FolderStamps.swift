import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Telling that a tree listed earlier is still as listed, without listing it again: every
/// folder's stamp taken as it was listed. The old output tree is read, and the spare listed,
/// while the build reads the catalog; the write uses them only if no stamp changed since.
extension GeneratedTree {
    /// A tree's folders, stamped as it was listed: its own (nil for a tree that was not
    /// there) and each one inside.
    struct FolderStamps: Sendable {
        let top: FolderStamp?
        /// Each folder inside; nil when one of them, or `top`, was stamped too recently to
        /// prove anything (`CatalogFolders.init(settled:before:)`).
        let inside: CatalogFolders?

        /// `top`, and the folders of `entries`, as stamped since `takenAt`.
        init(top: FolderStamp?, entries: [Entry], takenAt: timespec) {
            self.top = top
            let folders = entries.compactMap { entry in entry.stamp.map { CatalogFolders.Folder(path: entry.path, stamp: $0) } }
            inside = top?.isSettled(before: takenAt) == false ? nil : CatalogFolders(settled: folders, before: takenAt)
        }

        /// Whether the tree at `root` is still as stamped: no file added, removed or renamed
        /// in any folder (a file written in place keeps its inode; the write checks those).
        func isCurrent(at root: String) -> Bool {
            guard let inside else { return false }
            return FolderStamp(path: root) == top && inside.areCurrent(under: root)
        }
    }
}
