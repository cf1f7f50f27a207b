import Foundation

/// The catalog's folders as a listing walked them, each stamped just before it was listed
/// (the output tree's, read ahead of the write, too: `GeneratedTree.FolderStamps`).
///
/// A file added to a folder, removed from it or renamed in it changes the folder's stamp; a
/// file written in place does not, and is seen by its own identity. So while every folder
/// still has its stamp, a listing would give the files the last one gave, and a rebuild
/// takes them from the snapshot instead of listing a province's 43,000 files again.
public struct CatalogFolders: Equatable, Sendable {
    struct Folder: Equatable, Sendable {
        /// Relative to the catalog root; "" for the root itself.
        var path: String
        var stamp: FolderStamp
    }

    var folders: [Folder]

    /// The stamps, when each one is older than a tick of the clock at `takenAt` (when the
    /// listing began); nil otherwise, as a folder changed in the tick it was stamped in could
    /// change again and keep its stamp (`FolderStamp.isSettled`).
    init?(settled folders: [Folder], before takenAt: timespec) {
        guard folders.allSatisfy({ $0.stamp.isSettled(before: takenAt) }) else { return nil }
        self.folders = folders
    }

    init(folders: [Folder]) {
        self.folders = folders
    }

    /// Whether every folder under `root` still has its stamp.
    func areCurrent(under root: String) -> Bool { restamped(under: root)?.changed.isEmpty == true }

    /// The folders under `root` stamped as they are now, and the paths of those whose stamp
    /// changed; nil when one cannot be stamped (gone, or no longer a folder).
    func restamped(under root: String) -> (folders: [Folder], changed: [String])? {
        var current = folders
        var changed: [String] = []
        for index in current.indices {
            let path = current[index].path
            guard let stamp = FolderStamp(path: path.isEmpty ? root : root + "/" + path) else { return nil }
            if stamp != current[index].stamp {
                current[index].stamp = stamp
                changed.append(path)
            }
        }
        return (current, changed)
    }
}
