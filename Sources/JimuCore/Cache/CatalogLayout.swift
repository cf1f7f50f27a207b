/// Which catalog files make up each compile unit, and each file's SHA-256: what
/// `CompileUnits` hashes. A full build takes it from the standard it merged; a rebuild that
/// merged only the edited items, from the last build's snapshot, as the set of files, the
/// items' preconditions and the bundles' members are then unchanged.
public struct CatalogLayout: Sendable {
    /// Every catalog file read, by path.
    public var digests: [String: String]
    /// The items, in catalog order, and the keys of their preconditions.
    public var items: [(key: String, preconditions: [String])]
    /// The bundles, in catalog order, and their members.
    public var bundles: [(key: String, items: [String])]

    /// Each item's practice files (by item key, in byte order) and every other, shared file
    /// (in byte order).
    let practiceFiles: [String: [String]]
    let sharedFiles: [String]
    /// Every file of `digests`, in byte order.
    let paths: [String]

    /// The catalog hash of the manifest (`Manifest.hash(ofDigests:)`).
    var catalogHash: String { Manifest.hash(ofDigests: digests, ordered: paths) }

    /// `files`: every file of `digests` with its kind, where the caller knows them already
    /// (a listing: in byte order, as listings come).
    public init(
        digests: [String: String], items: [(key: String, preconditions: [String])], bundles: [(key: String, items: [String])],
        files: [(path: String, kind: CatalogFileKind)]? = nil
    ) {
        self.digests = digests
        self.items = items
        self.bundles = bundles
        // The caller's files only when they are those of `digests`: the catalog hash is of these.
        let given = files.flatMap { $0.count == digests.count && $0.allSatisfy { digests[$0.path] != nil } ? $0 : nil }
        var files = given ?? Parallel.map(Array(digests.keys)) { (path: $0, kind: CatalogFileKind(path: $0)) }
        if !zip(files, files.dropFirst()).allSatisfy({ $0.path.precedesInByteOrder($1.path) }) {
            files = ByteOrder.sorted(files, by: \.path)
        }
        var practiceFiles: [String: [String]] = [:]
        var sharedFiles: [String] = []
        for (path, kind) in files {
            if case .practice(_, let item) = kind { practiceFiles[item, default: []].append(path) } else { sharedFiles.append(path) }
        }
        self.practiceFiles = practiceFiles
        self.sharedFiles = sharedFiles
        paths = files.map(\.path)
    }

    /// The layout of a merged standard, whose files hash to `digests`.
    public init(_ standard: StandardCatalog, digests: [String: String]) {
        self.init(
            digests: digests, items: standard.items.map { ($0.key, $0.frame.preconditions.map(\.value)) },
            bundles: standard.bundles.map { ($0.key, $0.items) })
    }

    /// Each file's SHA-256, hashed on every core.
    public static func digests(of sources: [String: [UInt8]]) -> [String: String] {
        let paths = Array(sources.keys)
        let hashes = Parallel.map(paths) { Manifest.sha256(sources[$0] ?? []) }
        return Dictionary(uniqueKeysWithValues: zip(paths, hashes))
    }
}
