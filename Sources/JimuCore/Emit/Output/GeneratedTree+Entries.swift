import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A tree's entries as `lstat` sees them: the old output tree's, and a spare's.
extension GeneratedTree {
    struct Entry {
        var path: String
        var isDirectory: Bool
        var isEmpty: Bool
        var mode: mode_t
        var inode: UInt64
        var device: UInt64
        /// Of a regular file.
        var identity: FileIdentity?
        /// Of a folder.
        var stamp: FolderStamp?
    }

    /// Every entry under `top`, depth first in name order, parents before their content.
    /// Read with `readdir` and `fstatat` relative to each folder: a path looked up from the
    /// top for each of 18,000 files was most of the time of listing a province's tree.
    static func entries(under top: String, ifPresent: Bool = false) throws(CatalogIOError) -> [Entry] {
        var entries: [Entry] = []
        var info = stat()
        if ifPresent, lstat(top, &info) != 0 { return [] }
        var pending: [(relative: String, entry: Int?)] = [("", nil)]
        while let (relative, entryIndex) = pending.popLast() {
            let folder = relative.isEmpty ? top : top + "/" + relative
            guard let directory = opendir(folder) else {
                throw CatalogIOError(path: folder, reason: "cannot list folder: \(String(cString: strerror(errno)))")
            }
            defer { closedir(directory) }
            var named: [(name: String, info: stat)] = []
            while let record = readdir(directory) {
                let name = withUnsafeBytes(of: record.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
                guard name != ".", name != ".." else { continue }
                var info = stat()
                guard fstatat(dirfd(directory), name, &info, AT_SYMLINK_NOFOLLOW) == 0 else {
                    throw CatalogIOError(path: folder + "/" + name, reason: String(cString: strerror(errno)))
                }
                named.append((name, info))
            }
            if let entryIndex { entries[entryIndex].isEmpty = named.isEmpty }
            var subfolders: [(String, Int)] = []
            for (name, info) in named.sorted(by: { $0.name < $1.name }) {
                let path = relative.isEmpty ? name : relative + "/" + name
                let isDirectory = info.st_mode & S_IFMT == S_IFDIR
                if isDirectory { subfolders.append((path, entries.count)) }
                entries.append(
                    Entry(
                        path: path, isDirectory: isDirectory, isEmpty: false, mode: info.st_mode & 0o7777,
                        inode: UInt64(info.st_ino), device: UInt64(info.st_dev), identity: FileIdentity(info),
                        stamp: FolderStamp(info)))
            }
            pending.append(contentsOf: subfolders.reversed())  // depth first, in name order
        }
        return entries
    }
}
