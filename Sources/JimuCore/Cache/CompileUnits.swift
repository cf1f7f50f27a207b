import Crypto

/// A part of the output that one part of the catalog decides: an item's pages, schema and
/// Swift form, or a bundle's; or a province-wide file that reads one part of every item's
/// and bundle's summary (`ProvinceUnit`).
public enum CompileUnit: Hashable, Sendable {
    case item(String)
    case bundle(String)
    case province(ProvinceUnit)

    var name: String {
        switch self {
        case .item(let key): "item:" + key
        case .bundle(let key): "bundle:" + key
        case .province(let unit): "province:" + unit.rawValue
        }
    }

    /// The unit `name` names.
    init?(name: String) {
        if name.hasPrefix("item:") {
            self = .item(String(name.dropFirst("item:".count)))
        } else if name.hasPrefix("bundle:") {
            self = .bundle(String(name.dropFirst("bundle:".count)))
        } else if name.hasPrefix("province:"), let unit = ProvinceUnit(rawValue: String(name.dropFirst("province:".count))) {
            self = .province(unit)
        } else {
            return nil
        }
    }
}

/// What each compile unit's output is a function of, as one SHA-256 per unit.
///
/// An item's standard is merged from its frame and its own practices alone (the merge
/// treats items as independent), but its pages also name other items (preconditions, the
/// bundles it belongs to, who declares a local field) and read every shared file (the
/// dictionary, code lists, localities, calendars, templates). So every catalog file that is
/// not a practice is *shared*: its hash is part of every unit's. A practice file belongs to
/// its item (by its path, `localities/<folder>/<item>.yaml`) alone. Editing a practice, the
/// everyday change, touches one item and the bundles that hold it (or hold an item that
/// depends on it); editing anything else touches all.
public struct CompileUnits: Sendable {
    /// The compiler's identity: its version and a hash of its executable, so a rebuilt
    /// compiler never reuses what an older one wrote.
    public let compiler: String
    private let digests: [CompileUnit: String]

    /// `summary`: the whole catalog's, which the province-wide units read (none without it).
    public init(layout: CatalogLayout, compiler: String, summary: CatalogSummary? = nil) {
        self.compiler = compiler
        let practiceFiles = layout.practiceFiles
        var shared = SHA256()
        Self.update(&shared, "jimu-units 2")
        Self.update(&shared, compiler)
        for index in layout.sharedFiles {
            Self.update(&shared, layout.paths[index])
            Self.update(&shared, layout.digests[index])
        }
        let sharedDigest = Manifest.hex(shared.finalize())

        let itemDigests = Parallel.map(layout.items.count) { index -> String in
            let key = layout.items[index].key
            var hasher = SHA256()
            Self.update(&hasher, sharedDigest)
            Self.update(&hasher, CompileUnit.item(key).name)
            for index in practiceFiles[key] ?? [] {
                Self.update(&hasher, layout.paths[index])
                Self.update(&hasher, layout.digests[index])
            }
            return Manifest.hex(hasher.finalize())
        }
        var digests: [CompileUnit: String] = [:]
        var byItem: [String: String] = [:]
        digests.reserveCapacity(layout.items.count + layout.bundles.count + ProvinceUnit.allCases.count)
        byItem.reserveCapacity(layout.items.count)
        for (item, digest) in zip(layout.items, itemDigests) {
            digests[.item(item.key)] = digest
            byItem[item.key] = digest
        }
        let preconditions = Dictionary(layout.items.map { ($0.key, $0.preconditions) }, uniquingKeysWith: { first, _ in first })
        for bundle in layout.bundles {
            // A bundle's form and schedule come from its items' standards, and what an earlier
            // item produces: its members and everything they depend on, in a fixed order.
            var hasher = SHA256()
            Self.update(&hasher, sharedDigest)
            Self.update(&hasher, CompileUnit.bundle(bundle.key).name)
            for key in Self.reach(of: bundle.items, preconditions: preconditions).sorted() {
                Self.update(&hasher, key)
                Self.update(&hasher, byItem[key] ?? "")
            }
            digests[.bundle(bundle.key)] = Manifest.hex(hasher.finalize())
        }
        // A province-wide unit: the shared files and the part of the summaries it reads.
        if let summary {
            let units = ProvinceUnit.allCases
            let provinceDigests = Parallel.map(units) { unit -> String in
                var hasher = SHA256()
                Self.update(&hasher, sharedDigest)
                Self.update(&hasher, CompileUnit.province(unit).name)
                Self.update(&hasher, unit.readings(of: summary))
                return Manifest.hex(hasher.finalize())
            }
            for (unit, digest) in zip(units, provinceDigests) { digests[.province(unit)] = digest }
        }
        self.digests = digests
    }

    /// `items` and every item they depend on, through preconditions.
    static func reach(of items: [String], preconditions: [String: [String]]) -> Set<String> {
        var seen: Set<String> = []
        var pending = items
        while let key = pending.popLast() {
            guard seen.insert(key).inserted else { continue }
            pending += preconditions[key] ?? []
        }
        return seen
    }

    /// The unit's digest; nil for a unit the catalog does not have.
    public func digest(_ unit: CompileUnit) -> String? { digests[unit] }

    /// Length-prefixed, so that no two different sequences of parts hash alike. A text's
    /// bytes are hashed where they are (a copy of each of a province's 43,000 paths and
    /// digests was most of the time of working out the units' digests).
    private static func update(_ hasher: inout SHA256, _ text: String) {
        if text.utf8.withContiguousStorageIfAvailable({ update(&hasher, $0) }) != nil { return }
        var text = text
        text.withUTF8 { update(&hasher, $0) }
    }

    private static func update(_ hasher: inout SHA256, _ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { update(&hasher, $0) }
    }

    private static func update(_ hasher: inout SHA256, _ bytes: UnsafeBufferPointer<UInt8>) {
        var length = UInt64(bytes.count).littleEndian
        withUnsafeBytes(of: &length) { hasher.update(bufferPointer: $0) }
        hasher.update(bufferPointer: UnsafeRawBufferPointer(bytes))
    }
}
