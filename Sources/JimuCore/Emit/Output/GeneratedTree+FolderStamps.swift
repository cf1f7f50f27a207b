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
        let inside: [(path: String, stamp: FolderStamp)]
        /// Whether every stamp was older than the clock's coarse tick when taken. A folder's
        /// times move in ticks (milliseconds), so one changed in the tick it was stamped in,
        /// after the stamp, would keep its stamp: a stamp that recent proves nothing, as
        /// `SourceIdentity.isSettled` says of catalog files.
        let isSettled: Bool

        /// `top`, and the folders of `entries`, as stamped since `takenAt`.
        init(top: FolderStamp?, entries: [Entry], takenAt: timespec) {
            self.top = top
            inside = entries.compactMap { entry in entry.stamp.map { (entry.path, $0) } }
            isSettled = ([top].compactMap { $0 } + inside.map(\.stamp)).allSatisfy { $0.isSettled(before: takenAt) }
        }

        /// Whether the tree at `root` is still as stamped: no file added, removed or renamed
        /// in any folder (a file written in place keeps its inode; the write checks those).
        func isCurrent(at root: String) -> Bool {
            isSettled && FolderStamp(path: root) == top
                && inside.allSatisfy { FolderStamp(path: root + "/" + $0.path) == $0.stamp }
        }
    }
}
