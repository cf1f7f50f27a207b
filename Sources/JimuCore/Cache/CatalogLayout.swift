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

    /// `kinds`: each file's kind, by path, where the caller knows them already.
    public init(
        digests: [String: String], items: [(key: String, preconditions: [String])], bundles: [(key: String, items: [String])],
        kinds: [String: CatalogFileKind]? = nil
    ) {
        self.digests = digests
        self.items = items
        self.bundles = bundles
        let paths = digests.keys.sorted { $0.precedesInByteOrder($1) }
        let found = kinds.map { kinds in paths.map { kinds[$0] ?? CatalogFileKind(path: $0) } }
            ?? Parallel.map(paths) { CatalogFileKind(path: $0) }
        var practiceFiles: [String: [String]] = [:]
        var sharedFiles: [String] = []
        for (path, kind) in zip(paths, found) {
            if case .practice(_, let item) = kind { practiceFiles[item, default: []].append(path) } else { sharedFiles.append(path) }
        }
        self.practiceFiles = practiceFiles
        self.sharedFiles = sharedFiles
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
