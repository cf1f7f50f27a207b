import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A folder's inode and times, as `lstat` sees them: a file added to it, removed from it
/// or renamed in it changes them.
struct FolderStamp: Equatable, Sendable {
    var inode: UInt64
    var modified: timespec
    var changed: timespec

    init(inode: UInt64, modified: timespec, changed: timespec) {
        (self.inode, self.modified, self.changed) = (inode, modified, changed)
    }

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

    /// The clock now, as file times count.
    static var now: timespec {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return now
    }

    static func == (a: FolderStamp, b: FolderStamp) -> Bool {
        a.inode == b.inode && a.modified.tv_sec == b.modified.tv_sec && a.modified.tv_nsec == b.modified.tv_nsec
            && a.changed.tv_sec == b.changed.tv_sec && a.changed.tv_nsec == b.changed.tv_nsec
    }
}
