/// Some of a catalog's files: what a rebuild merges again of a catalog whose other items it
/// takes from the build cache.
struct FilteredFileSystem<Base: CatalogFileSystem>: CatalogFileSystem {
    let base: Base
    /// The files shown, in the base's order.
    let entries: [CatalogFileEntry]
    /// Bytes already read, by path: served as they are, so what is decoded is what was hashed.
    var known: [String: [UInt8]] = [:]

    func listFiles() throws(CatalogIOError) -> [CatalogFileEntry] { entries }

    func read(_ path: String, limit: Int) throws(CatalogIOError) -> [UInt8] {
        if let bytes = known[path] { return limit < Int.max ? Array(bytes.prefix(limit + 1)) : bytes }
        return try base.read(path, limit: limit)
    }

    func identities(of paths: [String]) -> [SourceIdentity?] { base.identities(of: paths) }
}
