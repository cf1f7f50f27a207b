/// Which catalog files make up each compile unit, and each file's SHA-256: what
/// `CompileUnits` hashes. A full build takes it from the standard it merged; a rebuild that
/// merged only the edited items, from the last build's snapshot, as the set of files, the
/// items' preconditions and the bundles' members are then unchanged.
///
/// Files are kept as two arrays in the byte order of the paths, not a dictionary by path: a
/// province has 43,000 of them, and a rebuild that built and looked up dictionaries of them
/// spent a fifth of its time hashing paths.
public struct CatalogLayout: Sendable {
    /// Every catalog file read, in byte order.
    let paths: [String]
    /// Each file's SHA-256 (hexadecimal), at its path's place.
    let digests: [String]
    /// The items, in catalog order, and the keys of their preconditions.
    public var items: [(key: String, preconditions: [String])]
    /// The bundles, in catalog order, and their members.
    public var bundles: [(key: String, items: [String])]

    /// The places in `paths` of each item's practice files (by item key, in byte order) and
    /// of every other, shared file (in byte order).
    let practiceFiles: [String: [Int]]
    let sharedFiles: [Int]

    /// The catalog hash of the manifest (`Manifest.hash(paths:digests:)`).
    var catalogHash: String { Manifest.hash(paths: paths, digests: digests) }

    /// `paths`: every catalog file, in byte order; `practiceItems`: at each file's place, the
    /// item a practice file is for (nil for every other file); `digests`: each one's SHA-256.
    init(
        paths: [String], practiceItems: [String?], digests: [String], items: [(key: String, preconditions: [String])],
        bundles: [(key: String, items: [String])]
    ) {
        // Both callers have the files in byte order already (a listing, or sorted): checked in
        // debug builds only, as the rebuild's path of 43,000 files.
        precondition(paths.count == digests.count && paths.count == practiceItems.count, "one digest and item per file")
        assert(zip(paths, paths.dropFirst()).allSatisfy { $0.precedesInByteOrder($1) }, "files in byte order")
        self.paths = paths
        self.digests = digests
        self.items = items
        self.bundles = bundles
        var practiceFiles: [String: [Int]] = [:]
        practiceFiles.reserveCapacity(items.count)
        var sharedFiles: [Int] = []
        for (index, item) in practiceItems.enumerated() {
            if let item { practiceFiles[item, default: []].append(index) } else { sharedFiles.append(index) }
        }
        self.practiceFiles = practiceFiles
        self.sharedFiles = sharedFiles
    }

    /// The item a practice file at `path` is for; nil for any other file.
    static func practiceItem(_ path: String) -> String? {
        guard case .practice(_, let item) = CatalogFileKind(path: path) else { return nil }
        return item
    }

    /// The layout of a merged standard read from `sources`: each file hashed on every core.
    public init(_ standard: StandardCatalog, sources: [String: [UInt8]]) {
        let paths = ByteOrder.sorted(Array(sources.keys), by: { $0 })
        let looks = Parallel.map(paths) { path in (item: Self.practiceItem(path), sha256: Manifest.sha256(sources[path] ?? [])) }
        self.init(
            paths: paths, practiceItems: looks.map(\.item), digests: looks.map(\.sha256),
            items: standard.items.map { ($0.key, $0.frame.preconditions.map(\.value)) },
            bundles: standard.bundles.map { ($0.key, $0.items) })
    }
}
