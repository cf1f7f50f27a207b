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
    /// `inodesOnly`: a regular file is known by what the listing says of it, its inode (its
    /// device is its folder's), with no `fstatat` and so no mode or identity: all the write
    /// asks of a spare's files, 25,000 of them at province scale.
    static func entries(under top: String, ifPresent: Bool = false, inodesOnly: Bool = false) throws(CatalogIOError) -> [Entry] {
        var entries: [Entry] = []
        var info = stat()
        if lstat(top, &info) != 0 {
            if ifPresent { return [] }
            throw CatalogIOError(path: top, reason: "cannot list folder: \(String(cString: strerror(errno)))")
        }
        var pending: [(relative: String, entry: Int?, device: UInt64)] = [("", nil, UInt64(info.st_dev))]
        while let (relative, entryIndex, device) = pending.popLast() {
            let folder = relative.isEmpty ? top : top + "/" + relative
            guard let directory = opendir(folder) else {
                throw CatalogIOError(path: folder, reason: "cannot list folder: \(String(cString: strerror(errno)))")
            }
            defer { closedir(directory) }
            var listed: [(name: String, type: UInt8, inode: UInt64)] = []
            while let record = readdir(directory) {
                let name = withUnsafeBytes(of: record.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
                guard name != ".", name != ".." else { continue }
                listed.append((name, record.pointee.d_type, UInt64(record.pointee.d_ino)))
            }
            // Listed inodes are trusted as long as the folder's first file has the inode the
            // listing gives and the folder's device (some file systems list another number
            // than `stat` reports, or keep files on another device than their folder). Either
            // way a file wrongly taken for another is only linked again, never kept wrongly.
            let firstFile = inodesOnly ? listed.firstIndex { $0.type == UInt8(DT_REG) } : nil
            // nil: a regular file known by its listed inode alone.
            var named: [(name: String, info: stat?, inode: UInt64)] = []
            named.reserveCapacity(listed.count)
            for (position, (name, type, inode)) in listed.enumerated() {
                if let firstFile, position != firstFile, type == UInt8(DT_REG), named[firstFile].inode == listed[firstFile].inode,
                    named[firstFile].info.map({ UInt64($0.st_dev) }) == device
                {
                    named.append((name, nil, inode))
                    continue
                }
                var info = stat()
                guard fstatat(dirfd(directory), name, &info, AT_SYMLINK_NOFOLLOW) == 0 else {
                    throw CatalogIOError(path: folder + "/" + name, reason: String(cString: strerror(errno)))
                }
                named.append((name, info, UInt64(info.st_ino)))
            }
            if let entryIndex { entries[entryIndex].isEmpty = named.isEmpty }
            var subfolders: [(String, Int, UInt64)] = []
            for (name, info, inode) in named.sorted(by: { $0.name < $1.name }) {
                let path = relative.isEmpty ? name : relative + "/" + name
                guard let info else {
                    entries.append(
                        Entry(
                            path: path, isDirectory: false, isEmpty: false, mode: 0, inode: inode, device: device, identity: nil,
                            stamp: nil))
                    continue
                }
                let isDirectory = info.st_mode & S_IFMT == S_IFDIR
                if isDirectory { subfolders.append((path, entries.count, UInt64(info.st_dev))) }
                entries.append(
                    Entry(
                        path: path, isDirectory: isDirectory, isEmpty: false, mode: info.st_mode & 0o7777,
                        inode: inode, device: UInt64(info.st_dev), identity: FileIdentity(info), stamp: FolderStamp(info)))
            }
            pending.append(contentsOf: subfolders.reversed())  // depth first, in name order
        }
        return entries
    }
}
