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

    public init(digests: [String: String], items: [(key: String, preconditions: [String])], bundles: [(key: String, items: [String])]) {
        self.digests = digests
        self.items = items
        self.bundles = bundles
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

    /// The practice files of each item, by item key, in path order; every other file is
    /// shared by all units.
    var practiceFiles: [String: [String]] {
        var files: [String: [String]] = [:]
        for path in digests.keys {
            if case .practice(_, let item) = CatalogFileKind(path: path) { files[item, default: []].append(path) }
        }
        return files.mapValues { $0.sorted { $0.precedesInByteOrder($1) } }
    }
}
