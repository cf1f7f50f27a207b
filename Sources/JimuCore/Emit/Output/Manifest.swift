import Crypto

/// `manifest.json`: the compiler version, a hash of the catalog, and every output file with
/// its SHA-256. The writer trusts it to know which files are Jimu's to remove.
public struct Manifest: Codable, Sendable, Equatable {
    public var compiler: String
    public var catalogHash: String
    public var files: [String: String]

    enum CodingKeys: String, CodingKey {
        case compiler
        case catalogHash = "catalog_hash"
        case files
    }

    public static let path = "manifest.json"

    init(compiler: String, catalogHash: String, files: [String: String]) {
        self.compiler = compiler
        self.catalogHash = catalogHash
        self.files = files
    }

    /// `catalogHash`: `hash(of:)` the catalog's files.
    public init(artifacts: [Artifact], catalogHash: String) {
        compiler = "jimu \(JimuVersion.current)"
        self.catalogHash = catalogHash
        // Hashed on every core, the largest first, so that a large file does not end the
        // stage on one core. A file linked from the old tree is not hashed again.
        let order = artifacts.indices.filter { artifacts[$0].unchangedSHA256 == nil }
            .sorted { artifacts[$0].contents.count > artifacts[$1].contents.count }
        let hashes = Parallel.map(order) { Self.sha256(artifacts[$0].contents) }
        var files = Dictionary(uniqueKeysWithValues: zip(order.map { artifacts[$0].path }, hashes))
        files.reserveCapacity(artifacts.count)
        for artifact in artifacts {
            if let sha = artifact.unchangedSHA256 { files[artifact.path] = sha }
        }
        self.files = files
    }

    public static func sha256(_ bytes: [UInt8]) -> String {
        hex(SHA256.hash(data: bytes))
    }

    /// Lower-case hexadecimal, two digits a byte: how every hash Jimu writes is spelt.
    public static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0xf)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// One hash over every catalog file's path and bytes, in path order.
    public static func hash(of sources: [String: [UInt8]]) -> String {
        let paths = ByteOrder.sorted(Array(sources.keys), by: { $0 })
        return hash(paths: paths, digests: paths.map { sha256(sources[$0] ?? []) })
    }

    /// `hash(of:)` from each file's SHA-256: one hash over every path and its file's hash, in
    /// the byte order of the paths (`paths`, with `digests` at the same places). Of hashes
    /// rather than bytes, so that a rebuild reads only the files whose identity on disk changed.
    static func hash(paths: [String], digests: [String]) -> String {
        // One buffer, hashed once: an update per file cost more than the hashing.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(paths.count * 128)
        for (path, digest) in zip(paths, digests) {
            bytes += path.utf8
            bytes.append(0)
            bytes += digest.utf8
            bytes.append(0)
        }
        return hex(SHA256.hash(data: bytes))
    }

    /// `manifest.json`: `CanonicalJSON`'s bytes, written directly (a province's manifest
    /// lists 25,000 files, and it is written on every build, a one-line edit's too).
    public var artifact: Artifact { artifact(ordered: nil) }

    /// `artifact`, with the paths of `files` in byte order when the caller has them
    /// (`ordered`: the paths of the very artifacts the manifest was made of, checked in debug
    /// builds), so they are not sorted twice.
    func artifact(ordered: [String]?) -> Artifact {
        assert(ordered.map { $0.count == files.count && $0.allSatisfy { files[$0] != nil } } ?? true, "the manifest's own paths")
        let paths = ordered.flatMap { $0.count == files.count ? $0 : nil } ?? ByteOrder.sorted(Array(files.keys), by: { $0 })
        var writer = PrettyJSONWriter(capacity: 128 * (files.count + 1))
        writer.beginObject()
        writer.key("catalog_hash")
        writer.string(catalogHash)
        writer.key("compiler")
        writer.string(compiler)
        writer.key("files")
        writer.beginObject()
        for path in paths {
            writer.key(path)
            writer.string(files[path] ?? "")
        }
        writer.endObject()
        writer.endObject()
        return Artifact(path: Self.path, utf8: writer.bytes + [UInt8(ascii: "\n")])
    }
}
