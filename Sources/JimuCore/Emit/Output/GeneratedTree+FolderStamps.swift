import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Telling that a tree listed earlier is still as listed, without listing it again: every
/// folder's stamp taken as it was listed. The old output tree is read, and the spare listed,
/// while the build reads the catalog; the write uses them only if no stamp changed since.
extension GeneratedTree {
    /// A folder's inode and times, as `lstat` sees them: a file added to it, removed from it
    /// or renamed in it changes them.
    struct FolderStamp: Equatable, Sendable {
        var inode: UInt64
        var modified: timespec
        var changed: timespec

        init?(_ info: stat) {
            guard info.st_mode & S_IFMT == S_IFDIR else { return nil }
            (inode, modified, changed) = (UInt64(info.st_ino), info.st_mtim, info.st_ctim)
        }

        init?(path: String) {
            var info = stat()
            guard lstat(path, &info) == 0 else { return nil }
            self.init(info)
        }

        /// Changed (or modified) at least a clock tick before `time`: 50 ms where the file
        /// system keeps nanoseconds, two seconds where it keeps whole seconds.
        func isSettled(before time: timespec) -> Bool {
            let wholeSeconds = changed.tv_nsec == 0 && modified.tv_nsec == 0
            let margin: Int64 = wholeSeconds ? 2_000_000_000 : 50_000_000
            func nanoseconds(_ t: timespec) -> Int64 { Int64(t.tv_sec) * 1_000_000_000 + Int64(t.tv_nsec) }
            return max(nanoseconds(changed), nanoseconds(modified)) + margin <= nanoseconds(time)
        }

        static func == (a: FolderStamp, b: FolderStamp) -> Bool {
            a.inode == b.inode && a.modified.tv_sec == b.modified.tv_sec && a.modified.tv_nsec == b.modified.tv_nsec
                && a.changed.tv_sec == b.changed.tv_sec && a.changed.tv_nsec == b.changed.tv_nsec
        }
    }

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

        /// The clock now, as file times count.
        static var now: timespec {
            var now = timespec()
            clock_gettime(CLOCK_REALTIME, &now)
            return now
        }
    }
}
