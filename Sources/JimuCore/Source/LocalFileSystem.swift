import Foundation

/// The catalog on disk. Symbolic links are followed only while they stay inside the
/// catalog root; one that leaves it is listed as escaping, and never read.
public struct LocalFileSystem: CatalogFileSystem {
    public let root: String
    private let reads = ReadLog()
    private let listings = ListingLog()

    public init(root: String) {
        self.root = root
    }

    /// The identities of the files read, from every core.
    private final class ReadLog: @unchecked Sendable {
        private var identities: [String: SourceIdentity] = [:]
        private let lock = NSLock()

        func record(_ path: String, _ identity: SourceIdentity?) {
            lock.withLock { identities[path] = identity }
        }

        var all: [String: SourceIdentity] { lock.withLock { identities } }
    }

    public var identitiesRead: [String: SourceIdentity] { reads.all }

    /// The folders of the last listing, stamped.
    private final class ListingLog: @unchecked Sendable {
        private var listed: CatalogFolders?
        private let lock = NSLock()

        func record(_ folders: CatalogFolders?) { lock.withLock { listed = folders } }
        var folders: CatalogFolders? { lock.withLock { listed } }
    }

    public var foldersListed: CatalogFolders? { listings.folders }

    /// A folder keeps its stamp while no file in it is added, removed or renamed. One that
    /// was restamped is listed again, on its own: an editor's save by rename restamps the
    /// folder, and leaves it holding the same names. The listing is unchanged when each such
    /// folder holds the same catalog files and folders as before (a file the catalog ignores
    /// may come or go, as the rebuild passes over those); anything else, a link met, a folder
    /// gone, and the catalog is listed whole.
    public func listingUnchanged(_ folders: CatalogFolders, files: () -> [String]) -> (unchanged: Bool, folders: CatalogFolders?) {
        let takenAt = FolderStamp.now
        guard let (current, changed) = folders.restamped(under: Self.realPath(root) ?? root) else { return (false, nil) }
        if changed.isEmpty { return (true, folders) }
        // By restamped folder, the names it held, a folder's with `/`.
        var restamped = Dictionary(uniqueKeysWithValues: changed.map { ($0, Set<String>()) })
        func place(_ path: String) -> (folder: String, name: String) {
            guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return ("", path) }
            return (String(path[..<slash]), String(path[path.utf8.index(after: slash)...]))
        }
        for path in files() {
            let (folder, name) = place(path)
            restamped[folder]?.insert(name)
        }
        for folder in folders.folders where !folder.path.isEmpty {
            let (parent, name) = place(folder.path)
            restamped[parent]?.insert(name + "/")
        }
        for (folder, held) in restamped {
            // Listed as `walk` lists it, after it was stamped above.
            guard let names = Self.visibleEntries(in: folder.isEmpty ? root : root + "/" + folder) else { return (false, nil) }
            var left = held
            for (name, type) in names {
                switch type {
                case S_IFDIR:
                    guard left.remove(name + "/") != nil else { return (false, nil) }
                case S_IFREG:
                    guard left.remove(name) != nil || CatalogFileKind(path: folder.isEmpty ? name : folder + "/" + name) == .other
                    else { return (false, nil) }
                case S_IFLNK:
                    return (false, nil)
                default:
                    continue  // a device, socket or pipe: `walk` lists none
                }
            }
            guard left.isEmpty else { return (false, nil) }
        }
        return (true, CatalogFolders(settled: current, before: takenAt))
    }

    public func listFiles() throws(CatalogIOError) -> [CatalogFileEntry] {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CatalogIOError(path: root, reason: "no such catalog folder")
        }
        let realRoot = Self.realPath(root) ?? root
        var entries: [CatalogFileEntry] = []
        let takenAt = FolderStamp.now
        var folders: [CatalogFolders.Folder]? = []
        try walk("", realRoot: realRoot, into: &entries, folders: &folders)
        listings.record(folders.flatMap { CatalogFolders(settled: $0, before: takenAt) })
        return entries
    }

    /// Lists folder `relative` (and the folders in it, in place) into `entries`, in the byte
    /// order of the paths: each folder's names sorted, a folder's as if it ended in `/`
    /// (`a/x` comes after `a-b/x` and `a.b`, as `/` sorts after `-` and `.`). Sorting names
    /// folder by folder is cheaper than sorting 43,000 paths at the end.
    /// Each folder is stamped before it is listed (`folders`, nil once one cannot be, or a
    /// link is met), where it really is: the root may be reached through a link.
    private func walk(
        _ relative: String, realRoot: String, into entries: inout [CatalogFileEntry], folders: inout [CatalogFolders.Folder]?
    ) throws(CatalogIOError) {
        let absolute = relative.isEmpty ? root : root + "/" + relative
        if folders != nil {
            if let stamp = FolderStamp(path: relative.isEmpty ? realRoot : realRoot + "/" + relative) {
                folders?.append(CatalogFolders.Folder(path: relative, stamp: stamp))
            } else {
                folders = nil
            }
        }
        guard let names = Self.visibleEntries(in: absolute) else {
            throw CatalogIOError(path: absolute, reason: "cannot list folder")
        }
        var children: [(key: String, path: String, entry: CatalogFileEntry?)] = []
        for (name, type) in names {
            let path = relative.isEmpty ? name : relative + "/" + name
            if type == S_IFLNK {
                let full = root + "/" + path
                // Where a link leads, and whether it stays inside, hangs on folders the walk
                // does not stamp (a hidden one, another link's): a catalog with links is listed.
                folders = nil
                guard let target = Self.realPath(full), target == realRoot || target.hasPrefix(realRoot + "/")
                else {
                    children.append((name, path, CatalogFileEntry(path: path, escapesRoot: true)))
                    continue
                }
                var targetInfo = stat()
                if stat(full, &targetInfo) == 0, targetInfo.st_mode & S_IFMT == S_IFREG {
                    children.append((name, path, CatalogFileEntry(path: path)))
                }
                // A link to a folder inside the root is not followed: the folder is
                // listed where it really is, and following could loop.
            } else if type == S_IFDIR {
                children.append((name + "/", path, nil))
            } else if type == S_IFREG {
                children.append((name, path, CatalogFileEntry(path: path)))
            }
        }
        for child in ByteOrder.sorted(children, by: \.key) {
            if let entry = child.entry {
                entries.append(entry)
            } else {
                try walk(child.path, realRoot: realRoot, into: &entries, folders: &folders)
            }
        }
    }

    /// Up to one byte past `limit` (`FileReading`), so that a file too large is known as such.
    public func read(_ path: String, limit: Int) throws(CatalogIOError) -> [UInt8] {
        switch FileReading.read(root + "/" + path, limit: limit) {
        case .success(let read):
            reads.record(path, SourceIdentity(read.info))
            return read.bytes
        case .failure(.open): throw CatalogIOError(path: path, reason: "cannot open file")
        case .failure(.read): throw CatalogIOError(path: path, reason: "cannot read file")
        }
    }

    /// One file's identity, looked up from the root: what `identities(of:)` finds of it.
    public func identity(of path: String) -> SourceIdentity? {
        var info = stat()
        guard stat(root + "/" + path, &info) == 0 else { return nil }
        return SourceIdentity(info)
    }

    /// Each file looked up from its folder (`fstatat`), each folder opened once per run of
    /// its files, on every core: from the root, every one of a province's 43,000 lookups
    /// walked the same folders again.
    public func identities(of paths: [String]) -> [SourceIdentity?] {
        let runs = stride(from: 0, to: paths.count, by: 512).map { $0..<Swift.min($0 + 512, paths.count) }
        return Parallel.map(runs) { run -> [SourceIdentity?] in
            var (folder, descriptor): (Substring?, Int32) = (nil, -1)
            defer { if descriptor >= 0 { close(descriptor) } }
            return run.map { index -> SourceIdentity? in
                let path = paths[index]
                let slash = path.utf8.lastIndex(of: UInt8(ascii: "/"))
                let parent = slash.map { path[..<$0] } ?? ""
                if parent != folder {
                    if descriptor >= 0 { close(descriptor) }
                    descriptor = open(parent.isEmpty ? root : root + "/" + parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
                    folder = parent
                }
                var info = stat()
                let name = slash.map { String(path[path.utf8.index(after: $0)...]) } ?? path
                guard descriptor >= 0, fstatat(descriptor, name, &info, 0) == 0 else { return nil }
                return SourceIdentity(info)
            }
        }.flatMap { $0 }
    }

    /// The names in a folder the walk looks at (not hidden ones) with their type (`S_IFREG`
    /// …): as the listing gives it on most file systems, no stat per file, else from
    /// `lstat` (a name gone meanwhile is passed over); nil when the folder cannot be listed.
    static func visibleEntries(in folder: String) -> [(name: String, type: mode_t)]? {
        guard let names = namesAndTypes(in: folder) else { return nil }
        return names.compactMap { name, listedType in
            guard !name.hasPrefix(".") else { return nil }
            if let listedType { return (name, listedType) }
            var info = stat()
            guard lstat(folder + "/" + name, &info) == 0 else { return nil }
            return (name, info.st_mode & S_IFMT)
        }
    }

    /// The names in a folder with their type (`S_IFREG` …) where the listing tells it,
    /// nil where it does not (`DT_UNKNOWN`); nil when the folder cannot be listed.
    private static func namesAndTypes(in folder: String) -> [(name: String, type: mode_t?)]? {
        guard let directory = opendir(folder) else { return nil }
        defer { closedir(directory) }
        var names: [(name: String, type: mode_t?)] = []
        // readdir says "no more" and "failed" alike, with a null; only errno tells them apart.
        while true {
            errno = 0
            guard let entry = readdir(directory) else {
                if errno != 0 { return nil }
                break
            }
            let name = withUnsafePointer(to: &entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            let type: mode_t? =
                switch Int32(entry.pointee.d_type) {
                case Int32(DT_REG): S_IFREG
                case Int32(DT_DIR): S_IFDIR
                case Int32(DT_LNK): S_IFLNK
                case Int32(DT_UNKNOWN): nil
                default: 0  // a device, socket or pipe: not a catalog file
                }
            names.append((name, type))
        }
        return names
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
