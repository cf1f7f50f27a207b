import Crypto

/// What the last build read of the catalog, for the next build to merge only what an edit
/// touched: every catalog file with its identity on disk and SHA-256, the check's counts, and
/// per item and bundle its summary (what the province-wide outputs read) and its links to
/// other items.
///
/// Saved only after a build whose catalog had no diagnostic at all, so a rebuild that finds
/// nothing new to report in the files it merges again reports exactly what a full build
/// would: nothing. Kept beside the output folder's index in the cache folder; one that is
/// missing, unreadable or of another compiler means a full front end.
struct CatalogSnapshot: Sendable, Equatable {
    static let format = "jimu-snapshot 2"

    struct File: Sendable, Equatable {
        var path: String
        /// Nil where the file system does not tell (a catalog in memory): then the file is
        /// read and hashed to tell whether it changed.
        var identity: SourceIdentity?
        var sha256: String
    }

    struct Item: Sendable, Equatable {
        var summary: ItemSummary
        var preconditions: [String]
        /// The local fields the item's frame declares: a guide names the first item to
        /// declare one as the place of its label.
        var localFields: [String]
    }

    var compiler: String
    /// The name of the cache's state the snapshot was read as (empty for one not read from
    /// a file): the SHA-256 of the index saved with it, or of the journal applied to both
    /// (`CacheJournal`). A rebuild trusts the snapshot only beside the index of that state.
    var index = ""
    /// The places the journal applied to the snapshot changed: the next journal holds them
    /// too, as it says everything changed since the base.
    var journaled = Journaled()

    struct Journaled: Sendable, Equatable {
        var files: Set<Int> = []
        var items: Set<Int> = []
        var bundles: Set<Int> = []
        var folders: Set<Int> = []
        /// The journal holds the folders whole (they are not the base's folders).
        var foldersWhole = false
    }
    /// The check's counts: unchanged while the set of files is.
    var counts: CheckSummary
    /// Every catalog file, in the byte order of the paths: the order of a listing, which a
    /// rebuild walks beside this one.
    var files: [File]
    /// The catalog's folders as the listing of `files` stamped them: while they are all as
    /// stamped, the next build takes `files` as its listing. Nil: it lists the catalog.
    var folders: CatalogFolders?
    var items: [Item]
    var bundles: [BundleSummary]

    /// The snapshot of a build of the catalog `layout` describes, with each file's identity
    /// (`identities`, at its place in `layout.paths`); `links` are the preconditions and local
    /// fields of the items of `summary`, in the same order.
    init(
        compiler: String, counts: CheckSummary, layout: CatalogLayout, identities: [SourceIdentity?], folders: CatalogFolders?,
        summary: CatalogSummary, links: [(preconditions: [String], localFields: [String])]
    ) {
        precondition(identities.count == layout.paths.count, "one identity (or none) per file")
        self.compiler = compiler
        self.counts = counts
        files = layout.paths.indices.map { File(path: layout.paths[$0], identity: identities[$0], sha256: layout.digests[$0]) }
        self.folders = folders
        precondition(summary.items.count == links.count, "one link per item")
        items = zip(summary.items, links).map { Item(summary: $0, preconditions: $1.preconditions, localFields: $1.localFields) }
        bundles = summary.bundles
    }

    init(
        compiler: String, counts: CheckSummary, files: [File], folders: CatalogFolders? = nil, items: [Item], bundles: [BundleSummary]
    ) {
        self.compiler = compiler
        self.counts = counts
        self.files = files
        self.folders = folders
        self.items = items
        self.bundles = bundles
    }

    /// The file at `path`, if the catalog has one (for the tests).
    func file(_ path: String) -> File? { files.first { $0.path == path } }

    /// The summaries the snapshot holds, as a catalog's (the tests compare them with a full build's).
    var summary: CatalogSummary { CatalogSummary(items: items.map(\.summary), bundles: bundles) }

    /// The layout of the catalog the snapshot was taken of, with `digests` for its files
    /// (`paths`, its own files' paths, with the item of each practice file, in the same order).
    func layout(paths: [String], practiceItems: [String?], digests: [String]) -> CatalogLayout {
        CatalogLayout(
            paths: paths, practiceItems: practiceItems, digests: digests, items: items.map { ($0.summary.key, $0.preconditions) },
            bundles: bundles.map { ($0.key, $0.index.items) })
    }

    // MARK: On disk

    /// The snapshot in `path`, when it is one this version wrote (whether the same compiler
    /// did is for the caller to check, once it knows who it is).
    static func read(_ path: String) -> CatalogSnapshot? {
        guard case .success(let read) = FileReading.read(path, limit: 1 << 30), read.bytes.count > 32 + 64 else { return nil }
        // Its SHA-256 last: a snapshot damaged in a way that still decodes is not trusted.
        let signed = read.bytes.dropLast(32)
        guard SHA256.hash(data: signed).elementsEqual(read.bytes.suffix(32)) else { return nil }
        var reader = SnapshotReader(Array(signed.dropLast(64)))
        guard var snapshot = try? CatalogSnapshot(reading: &reader), reader.isAtEnd else { return nil }
        snapshot.index = String(decoding: signed.suffix(64), as: UTF8.self)
        return snapshot
    }

    /// The snapshot's fields, encoded.
    var body: [UInt8] {
        var writer = SnapshotWriter(capacity: 1 << 20)
        write(to: &writer)
        return writer.bytes
    }

    /// A snapshot's `body`, hashed as far as it goes: the file is made of it once the index
    /// saved with it is known. Encoded and hashed on a spare core while the tree is written.
    /// Unchecked: `SHA256` is a value (copied on write, as `file(index:)` does) that Crypto
    /// does not mark `Sendable`; it is made on one core and only copied after.
    struct Encoded: @unchecked Sendable {
        let body: [UInt8]
        let hashed: SHA256

        init(_ body: [UInt8]) {
            self.body = body
            var hasher = SHA256()
            hasher.update(data: body)
            hashed = hasher
        }

        /// The parts of the snapshot's file: its `body`, the SHA-256 (64 hexadecimal digits)
        /// of the index saved with it, and the SHA-256 of both.
        func file(index: String) -> [[UInt8]] {
            var hasher = hashed
            hasher.update(data: Array(index.utf8))
            return [body, Array(index.utf8), Array(hasher.finalize())]
        }
    }
}
