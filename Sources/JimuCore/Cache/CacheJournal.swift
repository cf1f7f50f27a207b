import Crypto

/// What changed in a build cache's state since its *base*: the index and snapshot last
/// written whole. A rebuild after a one-line edit changes a few dozen of the index's 70,000
/// records and a handful of the snapshot's files and items, yet writing both whole (20 MB,
/// spelt, hashed and written) was a seventh of it. It writes this file instead: every record
/// changed since the base, as it is now, replaced by rename at each build. Once the changes
/// outgrow a share of the base (`limit`), or cannot be said as changes (a catalog file added
/// or removed, a build with diagnostics), the build writes the base whole again and drops
/// the journal.
///
/// The journal names the base index it applies to (that index's SHA-256), and ends with its
/// own SHA-256, which then names the state (`BuildCache.StoredIndex.state`,
/// `CatalogSnapshot.index`): the index and the snapshot are read apart, and each is trusted
/// only beside the other of the same state. A journal of another base, or damaged, is not
/// applied: the state is then the base's, older than the output tree, as after a save that
/// never happened: files written since do not match their records and are rendered again.
struct CacheJournal: Sendable, Equatable {
    static let format = "jimu-journal 1"

    /// The SHA-256 of the base index.
    var base: String
    /// Each record changed since the base, as it is now; nil for one gone.
    var units: [String: BuildCache.UnitRecord?] = [:]
    var fragments: [String: BuildCache.FragmentRecord?] = [:]
    var files: [String: BuildCache.FileRecord?] = [:]
    var snapshot: SnapshotChanges
    /// The journal's SHA-256, set by `read`: the name of the state it makes of its base.
    var name = ""

    /// How many records it changes: the measure of when to write the base whole again.
    var size: Int { units.count + fragments.count + files.count + snapshot.size }

    /// The most changes a journal holds for a base of `records` records: a sixteenth, so
    /// that it stays small beside the base to read and write, and at least a few hundred, so
    /// that a small catalog is not written whole on every edit.
    static func limit(base records: Int) -> Int { max(256, records / 16) }

    /// The snapshot's changes: by place, as a journal is only kept while the catalog has the
    /// same files, items and bundles in the same order as the base.
    struct SnapshotChanges: Sendable, Equatable {
        var counts: CheckSummary
        var files: [Int: CatalogSnapshot.File] = [:]
        var items: [Int: CatalogSnapshot.Item] = [:]
        var bundles: [Int: BundleSummary] = [:]
        /// The folders' stamps by place while the base's folders are the same ones; else the
        /// folders whole.
        var folders: Folders

        enum Folders: Sendable, Equatable {
            case changed([Int: CatalogFolders.Folder])
            case whole(CatalogFolders?)
        }

        var size: Int {
            let folderCount = switch folders {
            case .changed(let changed): changed.count
            case .whole(let whole): whole?.folders.count ?? 0
            }
            return files.count + items.count + bundles.count + folderCount
        }

        /// What changed from `previous` (the last build's snapshot, with its own journal's
        /// places) to `now`, with the places `previous` had changed since the base; nil
        /// when their files, items or bundles are not the same ones in the same order.
        init?(from previous: CatalogSnapshot, to now: CatalogSnapshot) {
            guard previous.files.count == now.files.count, previous.items.count == now.items.count,
                previous.bundles.count == now.bundles.count
            else { return nil }
            counts = now.counts
            for index in now.files.indices {
                guard previous.files[index].path == now.files[index].path else { return nil }
                if previous.files[index] != now.files[index] { files[index] = now.files[index] }
            }
            for index in now.items.indices {
                guard previous.items[index].summary.key == now.items[index].summary.key else { return nil }
                if previous.items[index] != now.items[index] { items[index] = now.items[index] }
            }
            for index in now.bundles.indices {
                guard previous.bundles[index].key == now.bundles[index].key else { return nil }
                if previous.bundles[index] != now.bundles[index] { bundles[index] = now.bundles[index] }
            }
            let journaled = previous.journaled
            for index in journaled.files { files[index] = now.files[index] }
            for index in journaled.items { items[index] = now.items[index] }
            for index in journaled.bundles { bundles[index] = now.bundles[index] }
            switch (previous.folders?.folders, now.folders?.folders) {
            case (nil, nil) where !journaled.foldersWhole:
                folders = .changed([:])
            case (let before?, let after?) where !journaled.foldersWhole && before.map(\.path) == after.map(\.path):
                var changed: [Int: CatalogFolders.Folder] = [:]
                for index in after.indices where before[index] != after[index] { changed[index] = after[index] }
                for index in journaled.folders { changed[index] = after[index] }
                folders = .changed(changed)
            default:
                folders = .whole(now.folders)
            }
        }

        init(counts: CheckSummary, folders: Folders) {
            self.counts = counts
            self.folders = folders
        }

        /// The base snapshot `snapshot` with these changes, and their places recorded for
        /// the next journal; false when a place is not in the snapshot or holds another file,
        /// item, bundle or folder (the journal is then not this snapshot's).
        func apply(to snapshot: inout CatalogSnapshot) -> Bool {
            for (index, file) in files {
                guard snapshot.files.indices.contains(index), snapshot.files[index].path == file.path else { return false }
                snapshot.files[index] = file
            }
            for (index, item) in items {
                guard snapshot.items.indices.contains(index), snapshot.items[index].summary.key == item.summary.key else { return false }
                snapshot.items[index] = item
            }
            for (index, bundle) in bundles {
                guard snapshot.bundles.indices.contains(index), snapshot.bundles[index].key == bundle.key else { return false }
                snapshot.bundles[index] = bundle
            }
            switch folders {
            case .whole(let whole):
                snapshot.folders = whole
            case .changed(let changed):
                for (index, folder) in changed {
                    guard let stamped = snapshot.folders, stamped.folders.indices.contains(index),
                        stamped.folders[index].path == folder.path
                    else { return false }
                    snapshot.folders?.folders[index] = folder
                }
            }
            snapshot.counts = counts
            snapshot.journaled = CatalogSnapshot.Journaled(
                files: Set(files.keys), items: Set(items.keys), bundles: Set(bundles.keys),
                folders: Set(folders.changed.map { Array($0.keys) } ?? []), foldersWhole: folders.changed == nil)
            return true
        }
    }

    // MARK: On disk

    /// The journal in `path`, when it is one this version wrote and its SHA-256 holds.
    static func read(_ path: String) -> CacheJournal? {
        guard case .success(let read) = FileReading.read(path, limit: 1 << 30), read.bytes.count > 32 else { return nil }
        let signed = read.bytes.dropLast(32)
        let digest = SHA256.hash(data: signed)
        guard digest.elementsEqual(read.bytes.suffix(32)) else { return nil }
        var reader = SnapshotReader(Array(signed))
        guard var journal = try? CacheJournal(reading: &reader), reader.isAtEnd else { return nil }
        journal.name = Manifest.hex(digest)
        return journal
    }

    /// The journal's file: its fields, then their SHA-256.
    var file: [UInt8] {
        var writer = SnapshotWriter(capacity: 1 << 16)
        write(to: &writer)
        var bytes = writer.bytes
        bytes += SHA256.hash(data: bytes)
        return bytes
    }
}

extension CacheJournal.SnapshotChanges.Folders {
    var changed: [Int: CatalogFolders.Folder]? {
        if case .changed(let changed) = self { changed } else { nil }
    }
}
