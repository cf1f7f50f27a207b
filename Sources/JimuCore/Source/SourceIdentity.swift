#if canImport(Glibc)
import Glibc
#endif

/// A catalog file's identity on disk, as a rebuild trusts it to tell that the file did not
/// change without reading it: the identity the output tree is judged by, with the device and
/// the inode's change time (`ctime`), which every write, rename into place and `touch`
/// moves, even one that sets the modification time back (`cp -p`, `rsync -a`).
public struct SourceIdentity: Equatable, Sendable {
    var file: FileIdentity
    var changedSeconds: Int64
    var changedNanoseconds: Int64
    var device: UInt64

    /// Of a regular file; nil for anything else.
    public init?(_ info: stat) {
        guard let file = FileIdentity(info) else { return nil }
        self.init(
            file: file, changedSeconds: Int64(info.st_ctim.tv_sec), changedNanoseconds: Int64(info.st_ctim.tv_nsec),
            device: UInt64(info.st_dev))
    }

    init(file: FileIdentity, changedSeconds: Int64, changedNanoseconds: Int64, device: UInt64) {
        self.file = file
        self.changedSeconds = changedSeconds
        self.changedNanoseconds = changedNanoseconds
        self.device = device
    }

    /// Whether the file's inode last changed over a second before `time` (seconds since the
    /// epoch, by the same clock): only then is its identity recorded. A file changed in the
    /// second a build read it might change again within the clock's resolution and keep its
    /// identity (the "racy clean" case `git` guards against alike); it is hashed next time.
    public func isSettled(before time: Int64) -> Bool { changedSeconds < time - 1 }
}
