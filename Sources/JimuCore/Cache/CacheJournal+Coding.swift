/// The journal written and read field by field, in declaration order, in the snapshot's
/// encoding (`SnapshotWriter`); the maps in the order of their keys, so that one journal
/// has one spelling.
extension CacheJournal {
    func write(to w: inout SnapshotWriter) {
        w.string(Self.format)
        w.string(base)
        w.array(Self.sorted(units)) { w, entry in
            w.string(entry.key)
            w.optional(entry.value) { w, unit in
                w.string(unit.digest)
                w.strings(unit.paths)
            }
        }
        w.array(Self.sorted(fragments)) { w, entry in
            w.string(entry.key)
            w.optional(entry.value) { w, fragment in
                w.string(fragment.digest)
                w.string(fragment.path)
                w.int(fragment.offset)
                w.int(fragment.length)
            }
        }
        w.array(Self.sorted(files)) { w, entry in
            w.string(entry.key)
            w.optional(entry.value) { w, file in
                w.string(file.sha256)
                file.identity.write(to: &w)
            }
        }
        snapshot.write(to: &w)
    }

    init(reading r: inout SnapshotReader) throws {
        guard try r.string() == Self.format else { throw SnapshotReader.Malformed() }
        base = try r.string()
        units = try Self.map(&r) { r in BuildCache.UnitRecord(digest: try r.string(), paths: try r.strings()) }
        fragments = try Self.map(&r) { r in
            BuildCache.FragmentRecord(digest: try r.string(), path: try r.string(), offset: try r.int(), length: try r.int())
        }
        files = try Self.map(&r) { r in BuildCache.FileRecord(sha256: try r.string(), identity: try FileIdentity(reading: &r)) }
        snapshot = try SnapshotChanges(reading: &r)
    }

    private static func sorted<Value>(_ map: [String: Value]) -> [(key: String, value: Value)] {
        map.sorted { $0.key.precedesInByteOrder($1.key) }
    }

    /// A map written as `write` writes one: each key once, or the journal is malformed.
    private static func map<Value>(
        _ r: inout SnapshotReader, _ value: (inout SnapshotReader) throws -> Value
    ) throws -> [String: Value?] {
        var map: [String: Value?] = [:]
        for _ in 0..<(try r.count()) {
            let key = try r.string()
            guard map.updateValue(try r.optional(value), forKey: key) == nil else { throw SnapshotReader.Malformed() }
        }
        return map
    }
}

extension CacheJournal.SnapshotChanges {
    func write(to w: inout SnapshotWriter) {
        counts.writeCounts(to: &w)
        Self.write(files, to: &w) { w, file in file.write(to: &w) }
        Self.write(items, to: &w) { w, item in item.write(to: &w) }
        Self.write(bundles, to: &w) { w, bundle in bundle.write(to: &w) }
        switch folders {
        case .changed(let changed):
            w.bool(false)
            Self.write(changed, to: &w) { w, folder in folder.write(to: &w) }
        case .whole(let whole):
            w.bool(true)
            w.optional(whole) { w, folders in w.array(folders.folders) { w, folder in folder.write(to: &w) } }
        }
    }

    init(reading r: inout SnapshotReader) throws {
        let counts = try CheckSummary(countsReading: &r)
        let files = try Self.places(&r) { try CatalogSnapshot.File(reading: &$0) }
        let items = try Self.places(&r) { try CatalogSnapshot.Item(reading: &$0) }
        let bundles = try Self.places(&r) { try BundleSummary(reading: &$0) }
        let folders: Folders =
            try r.bool()
            ? .whole(try r.optional { r in CatalogFolders(folders: try r.array { try CatalogFolders.Folder(reading: &$0) }) })
            : .changed(try Self.places(&r) { try CatalogFolders.Folder(reading: &$0) })
        self.init(counts: counts, folders: folders)
        (self.files, self.items, self.bundles) = (files, items, bundles)
    }

    private static func write<Value>(
        _ places: [Int: Value], to w: inout SnapshotWriter, _ value: (inout SnapshotWriter, Value) -> Void
    ) {
        w.array(places.sorted { $0.key < $1.key }) { w, entry in
            w.int(entry.key)
            value(&w, entry.value)
        }
    }

    /// Places as `write` writes them: each once and none below zero, or the journal is malformed.
    private static func places<Value>(
        _ r: inout SnapshotReader, _ value: (inout SnapshotReader) throws -> Value
    ) throws -> [Int: Value] {
        var places: [Int: Value] = [:]
        for _ in 0..<(try r.count()) {
            let place = try r.int()
            guard place >= 0, places.updateValue(try value(&r), forKey: place) == nil else { throw SnapshotReader.Malformed() }
        }
        return places
    }
}
