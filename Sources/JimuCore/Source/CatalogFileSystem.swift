import Foundation

/// The one seam through which the compiler reads a catalog, so tests can feed it files from
/// memory and the core does no other I/O.
public protocol CatalogFileSystem: Sendable {
    /// Every file below the catalog root, as `/`-separated relative paths, in the byte order
    /// of their UTF-8: a rebuild walks the listing beside the last build's files in that
    /// order, and reads the whole catalog when they are not at the same places.
    func listFiles() throws(CatalogIOError) -> [CatalogFileEntry]
    /// The bytes of a listed file.
    func read(_ path: String, limit: Int) throws(CatalogIOError) -> [UInt8]
    /// Each listed file's identity on disk (links followed), in order, for a rebuild to tell
    /// that it did not change without reading it; nil where the file system cannot tell.
    func identities(of paths: [String]) -> [SourceIdentity?]
    /// The identity of each file as it was opened to be read (before its bytes were), for
    /// the snapshot of a build: a file changed while or after it was read then no longer has
    /// it. Empty where the file system cannot tell.
    var identitiesRead: [String: SourceIdentity] { get }
    /// The folders the last `listFiles` walked, each stamped as it was listed; nil where the
    /// file system cannot tell, or a stamp was too recent to prove anything.
    var foldersListed: CatalogFolders? { get }
    /// Whether a listing now would give the files the listing that stamped `folders` gave,
    /// `files()` among them (the catalog files it found, in byte order; asked for only when
    /// a folder was restamped), and the folders stamped as they are now, for the next build
    /// (nil: a stamp too recent to prove anything).
    func listingUnchanged(_ folders: CatalogFolders, files: () -> [String]) -> (unchanged: Bool, folders: CatalogFolders?)
}

extension CatalogFileSystem {
    public func identities(of paths: [String]) -> [SourceIdentity?] { paths.map { _ in nil } }
    public var identitiesRead: [String: SourceIdentity] { [:] }
    public var foldersListed: CatalogFolders? { nil }
    public func listingUnchanged(_ folders: CatalogFolders, files: () -> [String]) -> (unchanged: Bool, folders: CatalogFolders?) {
        (false, nil)
    }
}

/// A file found under the catalog root.
public struct CatalogFileEntry: Hashable, Sendable {
    public var path: String
    /// A symbolic link whose target resolves outside the catalog root: refused.
    public var escapesRoot: Bool

    public init(path: String, escapesRoot: Bool = false) {
        self.path = path
        self.escapesRoot = escapesRoot
    }
}

/// A failure to read the catalog itself (not a problem in its content): exit code 2.
public struct CatalogIOError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}

/// Files in memory, keyed by relative path: the catalog of a unit test.
public struct InMemoryFileSystem: CatalogFileSystem {
    public var files: [String: [UInt8]]

    public init(files: [String: String]) {
        self.files = files.mapValues { Array($0.utf8) }
    }

    public init(bytes: [String: [UInt8]]) {
        self.files = bytes
    }

    public func listFiles() throws(CatalogIOError) -> [CatalogFileEntry] {
        files.keys.sorted().map { CatalogFileEntry(path: $0) }
    }

    public func read(_ path: String, limit: Int) throws(CatalogIOError) -> [UInt8] {
        guard let bytes = files[path] else { throw CatalogIOError(path: path, reason: "no such file") }
        return bytes
    }
}
