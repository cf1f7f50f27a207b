import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The incremental build cache of one output folder: which files each compile unit wrote in
/// the last build, under which digest, and each written file's SHA-256 and identity on disk.
///
/// A unit whose digest is unchanged, and whose files are still exactly as Jimu wrote them
/// (same size, modification time, inode and mode: the check `git` and `make` trust; where
/// those differ, as after a checkout, the same mode and SHA-256), is not rendered again: its
/// files are linked from the old tree into the new one. Anything else, a file edited by hand
/// included, is rendered and written as in a build without a cache.
///
/// Besides whole files, it knows *fragments*: a unit's part of a file that every unit
/// contributes to (its form's example in the generated package's tests), so that file is
/// assembled, not rendered again. A fragment is not stored twice: the index records where it lies in the output
/// file it was written into, and the next build reads it back from there, when that file is
/// still exactly as written. The index is one file per output folder under the cache
/// folder (`.jimu-cache/` by default). Deleting the folder costs one full build, nothing more.
public final class BuildCache: @unchecked Sendable {
    /// A file of the output tree as the last build left it.
    struct FileRecord: Equatable, Sendable {
        var sha256: String
        var identity: FileIdentity
    }

    struct UnitRecord: Equatable, Sendable {
        var digest: String
        var paths: [String]
    }

    /// A fragment's place: the output file it was written into, and where in it.
    struct FragmentRecord: Equatable, Sendable {
        var digest: String
        var path: String
        var offset: Int
        var length: Int
    }

    let indexPath: String
    let outputRoot: String
    let units: CompileUnits
    private var previousFiles: [String: FileRecord] { storedIndex?.files ?? [:] }
    private var previousUnits: [String: UnitRecord] { storedIndex?.units ?? [:] }
    private var previousFragments: [String: FragmentRecord] { storedIndex?.fragments ?? [:] }
    /// Filled by the emitters, from every core: guarded by `lock`.
    private var currentUnits: [String: UnitRecord] = [:]
    private var currentFragments: [String: FragmentRecord] = [:]
    /// The old tree's files that fragments are read back from, each read once (by whichever
    /// core asks first, outside `lock`); nil for one that changed since it was written.
    private var fragmentSources: [String: Once<[UInt8]?>] = [:]
    /// The context each emitter's scope was rendered under in this build, for the units a
    /// rebuild did not merge (`reuseUnmerged`).
    private var scopeContexts: [String: String] = [:]
    /// What this build read of the catalog, saved with the index for the next build; nil
    /// when the catalog had diagnostics (the next build then reads it all).
    private var kept: KeptSnapshot?
    private let rendersOnly: Set<CompileUnit>?
    /// A unit rendered though not in `rendersOnly`.
    private var renderedBeyond: String?
    /// A unit rendered with a file whose path the index cannot record (`isRecordable`): the
    /// units taken from the index were recorded, so only the rendered ones are checked.
    private var unrecordable = false
    private var reusedCount = 0
    private var renderedCount = 0
    private var renderedUnits: [String] = []
    private var reusedFragmentCount = 0
    private let lock = NSLock()

    /// The index of `outputRoot` in `folder`. A missing, unreadable or foreign index is an
    /// empty cache: the build is then a full one.
    /// `renders`: the only units this build may render (a rebuild that merged part of the
    /// catalog: the units its edits changed); nil for any.
    /// `stored`: the index as `read` found it, when the build read it ahead (while it read
    /// the catalog); read here otherwise. `old`: the output folder as it is, read ahead too,
    /// which the cache checks its files against; each file is looked at here otherwise.
    /// `looked`: the index's units as `StoredUnits.look` found them against `old`, when the
    /// build looked ahead.
    public init(
        folder: String, outputRoot: String, units: CompileUnits, renders: Set<CompileUnit>? = nil, stored: StoredIndex?? = nil,
        old: GeneratedTree.OldTree? = nil, spare: GeneratedTree.SpareListing? = nil, looked: StoredUnits? = nil
    ) {
        self.outputRoot = outputRoot
        oldTree = old
        spareListing = spare
        storedUnits = old == nil ? nil : looked
        self.units = units
        rendersOnly = renders
        indexPath = folder + "/" + Self.indexName(outputRoot)
        let stored = stored ?? Self.readIndex(indexPath)
        storedIndex = stored?.compiler == units.compiler ? stored : nil
    }

    /// The index of the last build into an output folder, as read from the cache folder
    /// with its journal applied, before the compiler that wrote it is compared with this one.
    public struct StoredIndex: Sendable {
        let compiler: String
        var files: [String: FileRecord]
        var units: [String: UnitRecord]
        var fragments: [String: FragmentRecord]
        /// The SHA-256 of the index file: the base a journal applies to.
        let base: String
        /// The name of the state read: `base`, or the SHA-256 of the journal applied to it.
        var state: String
        /// The keys the journal applied changed: the next journal holds them too.
        var journaled = JournaledKeys()

        struct JournaledKeys: Sendable {
            var units: Set<String> = []
            var fragments: Set<String> = []
            var files: Set<String> = []
        }

        /// The index with `journal`'s changes, as the state it names.
        mutating func apply(_ journal: CacheJournal) {
            for (key, unit) in journal.units { units[key] = unit }
            for (key, fragment) in journal.fragments { fragments[key] = fragment }
            for (path, file) in journal.files { files[path] = file }
            journaled = JournaledKeys(units: Set(journal.units.keys), fragments: Set(journal.fragments.keys), files: Set(journal.files.keys))
            state = journal.name
        }

        /// How many records it holds, with the snapshot's `files`: what a journal's size is
        /// measured against.
        func records(snapshotFiles: Int) -> Int { files.count + units.count + fragments.count + snapshotFiles }
    }

    /// The units of a stored index, each with its files as artifacts to link when every one
    /// is still as written in the output folder (nil otherwise): looked at on a spare core
    /// while a rebuild merges its edits, so that taking the units it did not merge from the
    /// cache is a comparison of digests (`reuseUnmerged`), not 25,000 files looked up then.
    public struct StoredUnits: Sendable {
        struct Unit: Sendable {
            var key: String
            var scope: String
            var unit: CompileUnit?
            var record: UnitRecord
            var artifacts: [Artifact]?
        }

        let units: [Unit]
        /// Every file of `units` whose files are all as written, as the unit's place and the
        /// file's place in it, in the byte order of the paths: the files of the units a
        /// rebuild takes are then already in the tree's order, not sorted again on its path.
        let order: [(unit: Int32, file: Int32)]
        /// The state of the index they were read from (`StoredIndex.state`).
        let index: String

        /// The units of `index` against the output folder at `outputRoot`, as `old` found it
        /// (each file looked at here without one).
        public static func look(_ index: StoredIndex, old: GeneratedTree.OldTree?, outputRoot: String) -> StoredUnits {
            var units: [Unit] = []
            units.reserveCapacity(index.units.count)
            for (key, record) in index.units {
                // `BuildCache.key(scope:unit:)`
                let tab = key.utf8.firstIndex(of: 9) ?? key.endIndex
                let scope = String(key[..<tab])
                let unit = tab == key.endIndex ? nil : CompileUnit(name: String(key[key.utf8.index(after: tab)...]))
                var artifacts: [Artifact]? = []
                artifacts?.reserveCapacity(record.paths.count)
                for path in record.paths {
                    guard let file = index.files[path], BuildCache.isUnchanged(path, file, old: old, outputRoot: outputRoot) else {
                        artifacts = nil
                        break
                    }
                    artifacts?.append(Artifact(path: path, unchangedSHA256: file.sha256))
                }
                units.append(Unit(key: key, scope: scope, unit: unit, record: record, artifacts: artifacts))
            }
            var files: [(unit: Int32, file: Int32)] = []
            var paths: [String] = []
            for (position, unit) in units.enumerated() {
                for (file, artifact) in (unit.artifacts ?? []).enumerated() {
                    files.append((Int32(position), Int32(file)))
                    paths.append(artifact.path)
                }
            }
            return StoredUnits(units: units, order: ByteOrder.positions(of: paths).map { files[$0] }, index: index.state)
        }
    }

    private let storedUnits: StoredUnits?
    /// The index this cache was made from; nil when there was none this compiler reads.
    private let storedIndex: StoredIndex?

    /// The index of `outputRoot` in `folder`, with the journal of its base applied; nil
    /// when there is none this version reads.
    public static func read(folder: String, outputRoot: String) -> StoredIndex? {
        let indexPath = folder + "/" + indexName(outputRoot)
        guard var index = readIndex(indexPath) else { return nil }
        if let journal = CacheJournal.read(beside(indexPath, ".journal")), journal.base == index.base { index.apply(journal) }
        return index
    }

    /// The snapshot of the catalog last built into `outputRoot`, kept in `folder`, with the
    /// journal of its base applied; nil when there is none this version reads, or its
    /// journal does not fit it.
    static func readSnapshot(folder: String, outputRoot: String) -> CatalogSnapshot? {
        let indexPath = folder + "/" + indexName(outputRoot)
        guard var snapshot = CatalogSnapshot.read(beside(indexPath, ".snapshot")) else { return nil }
        if let journal = CacheJournal.read(beside(indexPath, ".journal")), journal.base == snapshot.index {
            guard journal.snapshot.apply(to: &snapshot) else { return nil }
            snapshot.index = journal.name
        }
        return snapshot
    }

    /// The output folder as this build found it, when it read it ahead: for the write.
    public let oldTree: GeneratedTree.OldTree?

    /// The spare tree's entries, when the build listed it ahead: for the write.
    public let spareListing: GeneratedTree.SpareListing?

    /// The state of the index read back; nil when there was none to read. A snapshot is
    /// trusted only beside the index of its state (`CatalogSnapshot.index`).
    var previousIndex: String? { storedIndex?.state }

    /// Where the snapshot of the catalog last built into `outputRoot` is kept.
    static func snapshotPath(folder: String, outputRoot: String) -> String {
        beside(folder + "/" + indexName(outputRoot), ".snapshot")
    }

    private var snapshotPath: String { Self.beside(indexPath, ".snapshot") }

    private var journalPath: String { Self.beside(indexPath, ".journal") }

    /// The file named as the index `indexPath`, with `suffix` for `.index`.
    private static func beside(_ indexPath: String, _ suffix: String) -> String {
        String(indexPath.dropLast(".index".count)) + suffix
    }

    /// What this build read of the catalog, to be saved with the index: made from now on,
    /// on whichever core is free, while the tree is written. `previous`: the last build's
    /// snapshot, as read; beside the index of its state, the save writes what changed since
    /// (`CacheJournal`), else the snapshot whole, encoded from now on too.
    func keep(_ snapshot: @escaping @Sendable () -> CatalogSnapshot, previous: CatalogSnapshot?) {
        let paired = previous.flatMap { $0.index == previousIndex && $0.compiler == units.compiler ? $0 : nil }
        let kept = KeptSnapshot(made: Once(snapshot), previous: paired)
        lock.withLock { self.kept = kept }
        DispatchQueue.global().async {
            if paired == nil { _ = kept.encoded.value } else { _ = kept.made.value }
        }
    }

    /// This build's snapshot, made and encoded once, and the last build's it may be saved
    /// as changes to.
    private struct KeptSnapshot: Sendable {
        let made: Once<CatalogSnapshot>
        let encoded: Once<CatalogSnapshot.Encoded>
        let previous: CatalogSnapshot?

        init(made: Once<CatalogSnapshot>, previous: CatalogSnapshot?) {
            self.made = made
            encoded = Once { CatalogSnapshot.Encoded(made.value.body) }
            self.previous = previous
        }
    }

    /// Where the output folder's previous tree is parked between builds, for the next build
    /// to bring up to date as its staging tree (`GeneratedTree.replace`): mostly links to the
    /// files of the current tree, so it costs little room.
    public var spareTree: String { Self.beside(indexPath, ".tree") }

    /// `spareTree` of the cache of `outputRoot` in `folder`.
    static func spareTree(folder: String, outputRoot: String) -> String {
        beside(folder + "/" + indexName(outputRoot), ".tree")
    }

    /// One index per output folder, named by a hash of its absolute path.
    static func indexName(_ outputRoot: String) -> String {
        String(Manifest.hex(SHA256.hash(data: Array(absolute(outputRoot).utf8))).prefix(32)) + ".index"
    }

    static func absolute(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return (absolute as NSString).standardizingPath
    }

    // MARK: During the build

    /// The key of an emitter's unit in the index: `<scope>\t<unit>` (`StoredUnits.look` reads
    /// it back).
    static func key(scope: String, unit: CompileUnit) -> String { scope + "\t" + unit.name }

    /// The unit's files from the last build, to be linked, when nothing it depends on changed
    /// (`context`: what the emitter derives from the whole catalog, such as type names) and
    /// every file is as written; nil when it must be rendered.
    func reuse(scope: String, unit: CompileUnit, context: String) -> [Artifact]? {
        let key = Self.key(scope: scope, unit: unit)
        guard let (record, artifacts) = reusable(key: key, unit: unit, context: context) else { return nil }
        lock.withLock {
            currentUnits[key] = record
            reusedCount += 1
        }
        return artifacts
    }

    /// The record under `key` of a unit reusable as `reuse` says, and its files; nil when it
    /// must be rendered. Records nothing.
    private func reusable(key: String, unit: CompileUnit, context: String) -> (UnitRecord, [Artifact])? {
        guard let digest = units.digest(unit), let record = previousUnits[key] else { return nil }
        let current = Self.combine(digest, context)
        guard record.digest == current else { return nil }
        var artifacts: [Artifact] = []
        artifacts.reserveCapacity(record.paths.count)
        for path in record.paths {
            guard let file = previousFiles[path], isUnchanged(path, file) else { return nil }
            artifacts.append(Artifact(path: path, unchangedSHA256: file.sha256))
        }
        return (record, artifacts)
    }

    /// That the emitter's `scope` renders its units under `context` in this build.
    func note(scope: String, context: String) {
        lock.withLock { scopeContexts[scope] = context }
    }

    /// The files of every unit of the last build that this build did not merge (not in
    /// `merged`), linked as they are: a rebuild that merged only the edited items renders
    /// nothing else. Throws `UnmergedUnit` for one whose files changed, or whose digest or
    /// context did, as the build cannot render it; it then builds again from the whole catalog.
    /// The files come in the byte order of their paths.
    func reuseUnmerged(merged: Set<CompileUnit>) throws -> [Artifact] {
        guard let storedIndex else { return [] }
        let contexts = lock.withLock { scopeContexts }
        // Looked at ahead, on a spare core, whenever the build read the output folder ahead
        // (as `BuildPipeline` always does); looked at now for a caller that did not.
        let looked = storedUnits.flatMap { $0.index == storedIndex.state ? $0 : nil }
            ?? StoredUnits.look(storedIndex, old: oldTree, outputRoot: outputRoot)
        return try reuseUnmerged(merged: merged, looked: looked, contexts: contexts)
    }

    /// `reuseUnmerged` from the units as looked at: their files' checks are done, what is
    /// left is whether each unit's digest is still the one recorded. Looked at on every core
    /// and recorded all at once: twenty thousand units, each taking the lock to record
    /// itself, took turns at it. Its files come in the byte order of their paths.
    private func reuseUnmerged(merged: Set<CompileUnit>, looked: StoredUnits, contexts: [String: String]) throws -> [Artifact] {
        let runs = stride(from: 0, to: looked.units.count, by: 1024).map { $0..<min($0 + 1024, looked.units.count) }
        let checked = Parallel.map(runs) { run -> (taken: [Bool], records: [(String, UnitRecord)], failed: String?) in
            var (taken, records): ([Bool], [(String, UnitRecord)]) = ([], [])
            taken.reserveCapacity(run.count)
            records.reserveCapacity(run.count)
            // Each unit's fields read in place: a copy of the whole record per unit retained
            // and released every string in it.
            for index in run {
                guard let unit = looked.units[index].unit else { return ([], [], looked.units[index].key) }
                if merged.contains(unit) {
                    taken.append(false)  // rendered or reused by its emitter
                    continue
                }
                guard let context = contexts[looked.units[index].scope], let digest = units.digest(unit),
                    Self.combine(digest, context) == looked.units[index].record.digest, looked.units[index].artifacts != nil
                else { return ([], [], looked.units[index].key) }
                taken.append(true)
                records.append((looked.units[index].key, looked.units[index].record))
            }
            return (taken, records, nil)
        }
        if let failed = checked.lazy.compactMap(\.failed).first { throw UnitRenderer.UnmergedUnit(unit: failed) }
        lock.withLock {
            currentUnits.reserveCapacity(currentUnits.count + checked.reduce(0) { $0 + $1.records.count })
            for run in checked {
                for (key, record) in run.records { currentUnits[key] = record }
                reusedCount += run.records.count
            }
        }
        let taken = checked.flatMap(\.taken)
        var artifacts: [Artifact] = []
        artifacts.reserveCapacity(looked.order.count)
        for (unit, file) in looked.order where taken[Int(unit)] {
            artifacts.append(looked.units[Int(unit)].artifacts![Int(file)])
        }
        return artifacts
    }

    /// What a unit rendered, remembered for the next build.
    func record(scope: String, unit: CompileUnit, context: String, artifacts: [Artifact]) {
        guard let digest = units.digest(unit) else { return }
        let record = UnitRecord(digest: Self.combine(digest, context), paths: artifacts.map(\.path))
        let key = Self.key(scope: scope, unit: unit)
        lock.withLock {
            currentUnits[key] = record
            renderedCount += 1
            renderedUnits.append(key)
            if let rendersOnly, !rendersOnly.contains(unit) { renderedBeyond = key }
            if !record.paths.allSatisfy(Self.isRecordable) { unrecordable = true }
        }
    }

    /// A unit rendered that this build may not render (`renders`), if any: the build then
    /// reads the whole catalog.
    var renderedBeyondChanges: String? { lock.withLock { renderedBeyond } }

    /// A unit's part of a shared file: the previous build's bytes, read back from the file
    /// it was written into, when the unit's digest is unchanged and that file is as written;
    /// else `produce()`.
    /// A fragment read back is a slice of the old file's bytes, not a copy.
    func fragment(scope: String, unit: CompileUnit, produce: () throws -> [UInt8]) rethrows -> ArraySlice<UInt8> {
        guard let digest = units.digest(unit) else { return try produce()[...] }
        if let record = previousFragments[Self.key(scope: scope, unit: unit)], record.digest == digest,
            let bytes = fragmentSource(record.path), record.offset >= 0, record.length >= 0,
            record.offset <= bytes.count, record.length <= bytes.count - record.offset
        {
            lock.withLock { reusedFragmentCount += 1 }
            return bytes[record.offset..<(record.offset + record.length)]
        }
        return try produce()[...]
    }

    /// Where this build wrote a unit's fragment: into output file `path`, at `offset`.
    func place(scope: String, unit: CompileUnit, path: String, offset: Int, length: Int) {
        guard let digest = units.digest(unit) else { return }
        let record = FragmentRecord(digest: digest, path: path, offset: offset, length: length)
        lock.withLock { currentFragments[Self.key(scope: scope, unit: unit)] = record }
    }

    /// The bytes of the old tree's file `path`, when they are still what the last build wrote.
    private func fragmentSource(_ path: String) -> [UInt8]? {
        guard let record = previousFiles[path] else { return nil }
        let full = outputRoot + "/" + path
        let source = lock.withLock {
            if let known = fragmentSources[path] { return known }
            let once = Once { Self.readUnchanged(full, record) }
            fragmentSources[path] = once
            return once
        }
        return source.value
    }

    /// The file's bytes, when it is what `record` says: checked and read through one
    /// descriptor, so the bytes used are the bytes checked, and read rather than mapped, so
    /// a file cut short meanwhile cannot fault the build.
    private static func readUnchanged(_ path: String, _ record: FileRecord) -> [UInt8]? {
        guard case .success(let read) = FileReading.read(path, limit: Int(record.identity.size)),
            let identity = FileIdentity(read.info), read.bytes.count == Int(identity.size),
            matches(identity, record, bytes: { read.bytes })
        else { return nil }
        return read.bytes
    }

    /// The units this build rendered (`<scope>\t<unit>`), sorted.
    public var rendered: [String] { lock.withLock { renderedUnits.sorted() } }

    /// How many units came from the cache and how many were rendered.
    public var counts: (reused: Int, rendered: Int) { lock.withLock { (reusedCount, renderedCount) } }

    /// How many fragments were read back from the old tree.
    public var reusedFragments: Int { lock.withLock { reusedFragmentCount } }

    private static func combine(_ digest: String, _ context: String) -> String {
        context.isEmpty ? digest : Manifest.hex(SHA256.hash(data: Array((digest + "\t" + context).utf8)))
    }

    /// Rendered files whose bytes are those of the old tree's file, untouched since: linked
    /// too, not written again (a report that did not change, the runtime sources).
    public func linkUnchanged(_ artifacts: inout [Artifact], manifest: Manifest) {
        for index in artifacts.indices where artifacts[index].unchangedSHA256 == nil {
            let path = artifacts[index].path
            guard path != Manifest.path, let sha = manifest.files[path], let file = previousFiles[path], file.sha256 == sha,
                isUnchanged(path, file)
            else { continue }
            artifacts[index] = Artifact(path: path, unchangedSHA256: sha)
        }
    }

    /// Whether the old tree's file is still what the last build wrote.
    private func isUnchanged(_ path: String, _ record: FileRecord) -> Bool {
        Self.isUnchanged(path, record, old: oldTree, outputRoot: outputRoot)
    }

    /// Whether the file at `path` in the output folder `outputRoot` is still what the last
    /// build wrote (`record`), as `old` found it (looked at here without one).
    static func isUnchanged(_ path: String, _ record: FileRecord, old: GeneratedTree.OldTree?, outputRoot: String) -> Bool {
        let full = outputRoot + "/" + path
        guard let identity = old.map({ $0.identity(path) }) ?? FileIdentity(path: full) else { return false }
        return matches(identity, record) { try? FileReading.read(full, limit: Int(record.identity.size)).get().bytes }
    }

    /// Whether a file found on disk as `identity` is what the last build wrote (`record`):
    /// the same identity (the check `git` and `make` trust), or, for a tree copied or checked
    /// out again (new inodes and times, as in CI that restores `generated/` from git), the
    /// same mode and bytes. `bytes` reads the file, only when the identity differs.
    private static func matches(_ identity: FileIdentity, _ record: FileRecord, bytes: () -> [UInt8]?) -> Bool {
        if identity == record.identity { return true }
        guard identity.mode == record.identity.mode, identity.size == record.identity.size, let bytes = bytes() else {
            return false
        }
        return Manifest.sha256(bytes) == record.sha256
    }

    // MARK: While and after the write

    /// What the save writes before it knows the tree, on a spare core while the tree is
    /// written: a journal's changes to the units and fragments and to the snapshot, or, when
    /// the state is to be written whole, the index's first part (its head, the units' and
    /// fragments' records) and the snapshot's body, each already in its temporary file, with
    /// the index's hash so far; or why they could not be written.
    struct PreparedSave: @unchecked Sendable {
        /// The journal so far (its files' records need the tree), and the most changes it may
        /// hold before the state is written whole instead.
        var journal: (changes: CacheJournal, limit: Int)?
        var indexTemporary = ""
        /// Unchecked: a `SHA256` value, made on one core and only copied after (as `Encoded`).
        var indexHash = SHA256()
        var snapshotTemporary: String?
        var snapshot: CatalogSnapshot.Encoded?
        var failure: String?
    }

    private var prepared: Once<PreparedSave>?

    /// Starts the save on a spare core while the tree is written (a rebuild's write keeps
    /// one core busy, and the save was a tenth of a second after it): everything but the
    /// output files' records, which need the tree as written.
    /// Begun once: the build begins it as soon as its manifest is known; a caller that saves
    /// without it (a test) has it begun by `save`. Whoever begins it ends it, with `save` or,
    /// when the tree is not written, `abandonSave`.
    public func prepareSave(manifest: Manifest) {
        let prepared = Once { self.journalFirstPart(manifest: manifest) ?? self.writeFirstPart(manifest: manifest) }
        let first = lock.withLock {
            if self.prepared != nil { return false }
            self.prepared = prepared
            return true
        }
        if first { DispatchQueue.global().async { _ = prepared.value } }
    }

    /// The build stopped before its tree was written: what `prepareSave` wrote goes.
    public func abandonSave() {
        guard let prepared = lock.withLock({ prepared }) else { return }
        discard(prepared.value)
    }

    /// The temporary files of a save that is not finished.
    private func discard(_ written: PreparedSave) {
        if !written.indexTemporary.isEmpty { unlink(written.indexTemporary) }
        if let snapshot = written.snapshotTemporary { unlink(snapshot) }
    }

    /// The units', fragments' and snapshot's changes since the state read, with those its
    /// journal held; nil when the state is to be written whole: no state read, no snapshot of
    /// it or none to keep, a catalog that is not the same files, items and bundles, a unit
    /// that cannot be recorded, or more changes than a journal holds.
    private func journalFirstPart(manifest: Manifest) -> PreparedSave? {
        let (recorded, placed, kept, unrecordable) = lock.withLock { (currentUnits, currentFragments, self.kept, self.unrecordable) }
        guard let stored = storedIndex, let kept, let previous = kept.previous, !unrecordable,
            let snapshot = CacheJournal.SnapshotChanges(from: previous, to: kept.made.value)
        else { return nil }
        var journal = CacheJournal(base: stored.base, snapshot: snapshot)
        journal.units = Self.changes(
            [Self.changed(recorded, from: stored.units)], lookup: { recorded[$0] }, from: stored.units, journaled: stored.journaled.units)
        // The fragments a whole index would record.
        let fragments = placed.filter { Self.isRecordable($0.value.path) && manifest.files[$0.value.path] != nil }
        journal.fragments = Self.changes(
            [Self.changed(fragments, from: stored.fragments)], lookup: { fragments[$0] }, from: stored.fragments,
            journaled: stored.journaled.fragments)
        let limit = CacheJournal.limit(base: stored.records(snapshotFiles: previous.files.count))
        guard journal.size <= limit else { return nil }
        return PreparedSave(journal: (journal, limit))
    }

    /// The records of `current` that differ from `previous` (the state read), with how
    /// many of `current`'s keys `previous` has; `isKept`: whether a changed record is one
    /// the index records (the others are left out).
    private static func changed<Record: Equatable>(
        _ current: some Sequence<(key: String, value: Record)>, from previous: [String: Record], isKept: (String) -> Bool = { _ in true }
    ) -> (records: [String: Record], found: Int) {
        var changed: [String: Record] = [:]
        var found = 0
        for (key, record) in current {
            let before = previous[key]
            if before != nil { found += 1 }
            if before != record && isKept(key) { changed[key] = record }
        }
        return (changed, found)
    }

    /// The changes since the state read: the records that differ from `previous`, found by
    /// `changed` over the parts of the current records, every record of `previous` that is
    /// gone (as nil), and every key the state's journal had changed (`journaled`), as it is
    /// now (`lookup`).
    private static func changes<Record: Equatable>(
        _ parts: [(records: [String: Record], found: Int)], lookup: (String) -> Record?, from previous: [String: Record],
        journaled: Set<String>
    ) -> [String: Record?] {
        var changes: [String: Record?] = [:]
        for part in parts {
            for (key, record) in part.records { changes[key] = .some(record) }
        }
        // Only when some record of `previous` is not among the current ones: tens of
        // thousands of keys.
        if parts.reduce(0, { $0 + $1.found }) < previous.count {
            for key in previous.keys where lookup(key) == nil { changes[key] = .some(nil) }
        }
        for key in journaled where changes[key] == nil { changes[key] = .some(lookup(key)) }
        return changes
    }

    private func writeFirstPart(manifest: Manifest) -> PreparedSave {
        var prepared = PreparedSave()
        let head = ["jimu-cache 4", "compiler\t" + units.compiler, "output\t" + Self.absolute(outputRoot)]
        let (recorded, fragments, kept, unrecordable) = lock.withLock {
            (currentUnits, currentFragments, self.kept, self.unrecordable)
        }
        // The two kinds of record, each spelt straight into bytes on a core of its own. In
        // no particular order (a dictionary's, which differs from run to run), as the next
        // build reads them into dictionaries again: the index is the cache's own record, not
        // output, and sorting it cost a tenth of a second of every rebuild.
        let sections: [@Sendable () -> [UInt8]] = [
            {
                Self.lines(recorded) { line, key, unit in
                    guard unit.paths.allSatisfy(Self.isRecordable) else { return false }
                    line.fields("unit", key, unit.digest)
                    for path in unit.paths { line.fields(path) }
                    return true
                }
            },
            {
                Self.lines(fragments) { line, key, record in
                    guard Self.isRecordable(record.path), manifest.files[record.path] != nil else { return false }
                    line.fields("fragment", key, record.digest, record.path)
                    line.field { $0.appendDecimal(record.offset) }
                    line.field { $0.appendDecimal(record.length) }
                    return true
                }
            },
        ]
        let parts = [Array((head.joined(separator: "\n") + "\n").utf8)] + Parallel.map(sections.count) { sections[$0]() }
        for part in parts { prepared.indexHash.update(data: part) }
        let folder = (indexPath as NSString).deletingLastPathComponent
        prepared.indexTemporary = indexPath + ".\(getpid()).tmp"
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            unlink(prepared.indexTemporary)  // left by a killed process of the same number
            _ = try FileWriting.create(prepared.indexTemporary, parts: parts)
            // A unit whose files cannot be recorded would be missing from a rebuild that
            // takes every unit it did not merge from the index: no snapshot then.
            if let kept, !unrecordable {
                let body = kept.encoded.value
                let temporary = snapshotPath + ".\(getpid()).tmp"
                unlink(temporary)
                // Named before it is written: a file begun and not finished goes too.
                (prepared.snapshotTemporary, prepared.snapshot) = (temporary, body)
                _ = try FileWriting.create(temporary, parts: [body.body])
            }
        } catch {
            prepared.failure = "cannot write \(indexPath): \((error as? CatalogIOError)?.reason ?? error.localizedDescription)"
        }
        return prepared
    }

    /// Records the tree just written (`tree`: what writing it found), for the next build. A
    /// cache that cannot be written is not an error: the next build is a full one. Returns
    /// why it could not, if so.
    @discardableResult
    public func save(manifest: Manifest, tree: GeneratedTree.Outcome) -> String? {
        if lock.withLock({ self.prepared }) == nil { prepareSave(manifest: manifest) }
        var first = lock.withLock { self.prepared! }.value
        if let (changes, limit) = first.journal {
            var journal = changes
            // Each output file as the tree holds it, the manifest aside (written anew by
            // every build), against the state read: on two cores, in halves, as tens of
            // thousands of files are compared after the write.
            let (files, previous) = (manifest.files, previousFiles)
            let middle = files.index(files.startIndex, offsetBy: files.count / 2)
            let parts = Parallel.map([files[..<middle], files[middle...]]) { half in
                Self.changed(
                    half.lazy.compactMap { path, sha in
                        tree.written[path].map { (key: path, value: FileRecord(sha256: sha, identity: $0)) }
                    }, from: previous, isKept: Self.isRecordable)
            }
            journal.files = Self.changes(
                parts,
                lookup: { path in
                    guard Self.isRecordable(path), let sha = files[path], let identity = tree.written[path] else { return nil }
                    return FileRecord(sha256: sha, identity: identity)
                }, from: previous, journaled: storedIndex?.journaled.files ?? [])
            if journal.size <= limit { return saveJournal(journal) }
            // A tree whose files changed more than a journal holds (one checked out again).
            first = writeFirstPart(manifest: manifest)
        }
        return saveWhole(first, manifest: manifest, tree: tree)
    }

    /// The journal written beside the state's base, which stays as it is.
    private func saveJournal(_ journal: CacheJournal) -> String? {
        let temporary = journalPath + ".\(getpid()).tmp"
        unlink(temporary)  // left by a killed process of the same number
        let write: () throws(CatalogIOError) -> Void = { _ = try FileWriting.create(temporary, parts: [journal.file]) }
        if let failure = Self.finish(temporary, as: journalPath, write) { return failure }
        Self.forgetRemovedOutputs(in: (indexPath as NSString).deletingLastPathComponent)
        return nil
    }

    /// `temporary` written by `write`, then renamed to `path`: the file is there whole or
    /// not at all. Why it could not be, if so (the temporary file gone).
    private static func finish(_ temporary: String, as path: String, _ write: () throws(CatalogIOError) -> Void) -> String? {
        do {
            try write()
        } catch {
            unlink(temporary)
            return "cannot write \(path): \(error.reason)"
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            return "cannot write \(path): \(reason)"
        }
        return nil
    }

    /// The index and the snapshot written whole, as the new base, and the journal dropped.
    private func saveWhole(_ first: PreparedSave, manifest: Manifest, tree: GeneratedTree.Outcome) -> String? {
        if let failure = first.failure {
            discard(first)
            return failure
        }
        // The output files' records, the most of them, in two halves.
        let files = manifest.files
        let middle = files.index(files.startIndex, offsetBy: files.count / 2)
        let fileParts = Parallel.map([files[..<middle], files[middle...]]) { half in
            Self.lines(half) { line, path, sha in
                guard Self.isRecordable(path), let identity = tree.written[path] else { return false }
                line.fields("file", sha)
                line.field { identity.spell(into: &$0) }
                line.fields(path)
                return true
            }
        }
        var indexHasher = first.indexHash
        for part in fileParts { indexHasher.update(data: part) }
        let indexSHA256 = Manifest.hex(indexHasher.finalize())
        do {
            try FileWriting.append(first.indexTemporary, parts: fileParts)
            // The old snapshot and journal go before the index is replaced, and the new
            // snapshot is finished after it, naming the index it goes with: a snapshot is never
            // read beside another index than its own (`forgetRemovedOutputs` drops one whose
            // index is gone), nor a journal applied to another base.
            unlink(snapshotPath)
            unlink(journalPath)
            guard rename(first.indexTemporary, indexPath) == 0 else {
                let reason = String(cString: strerror(errno))
                discard(first)
                return "cannot write \(indexPath): \(reason)"
            }
            if let temporary = first.snapshotTemporary, let body = first.snapshot {
                let write: () throws(CatalogIOError) -> Void = {
                    try FileWriting.append(temporary, parts: Array(body.file(index: indexSHA256).dropFirst()))
                }
                if let failure = Self.finish(temporary, as: snapshotPath, write) { return failure }
            }
            Self.forgetRemovedOutputs(in: (indexPath as NSString).deletingLastPathComponent)
            return nil
        } catch {
            discard(first)
            return "cannot write \(indexPath): \(error.reason)"
        }
    }

    /// Drops the indexes of output folders that no longer exist (temporary ones, renamed
    /// ones), so the cache folder does not grow with every folder ever built into.
    private static func forgetRemovedOutputs(in folder: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasSuffix(".index") {
            let path = folder + "/" + name
            guard let handle = FileHandle(forReadingAtPath: path) else { continue }
            let head = (try? handle.read(upToCount: 8192)) ?? Data()
            try? handle.close()
            let lines = String(decoding: head, as: UTF8.self).split(separator: "\n").prefix(3)
            guard lines.count == 3, lines[2].hasPrefix("output\t") else {
                unlink(path)  // not an index this version reads
                continue
            }
            let output = String(lines[2].dropFirst("output\t".count))
            if !FileManager.default.fileExists(atPath: output) { unlink(path) }
        }
        // Fragment files of Jimu before fragments were read back from the output tree.
        for name in names where name.hasSuffix(".fragments") { unlink(folder + "/" + name) }
        // Snapshots and journals of the output folders forgotten above.
        for suffix in [".snapshot", ".journal"] {
            for name in names where name.hasSuffix(suffix) {
                let index = folder + "/" + name.dropLast(suffix.count) + ".index"
                if !FileManager.default.fileExists(atPath: index) { unlink(folder + "/" + name) }
            }
        }
        // Spare trees of the output folders forgotten above.
        for name in names where name.hasSuffix(".tree") {
            let index = folder + "/" + name.dropLast(".tree".count) + ".index"
            if !FileManager.default.fileExists(atPath: index) { GeneratedTree.removeWhole(folder + "/" + name) }
        }
        // Indexes half-written by builds killed while saving (`<index>.<pid>.tmp`), once
        // their process is gone and an hour has passed (a cache shared between containers
        // sees other builds' process numbers as gone).
        for name in names where name.hasSuffix(".tmp") {
            let parts = name.split(separator: ".")
            var info = stat()
            guard parts.count >= 3, let pid = pid_t(parts[parts.count - 2]), pid > 0, lstat(folder + "/" + name, &info) == 0,
                time(nil) - info.st_mtim.tv_sec > 3600
            else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { unlink(folder + "/" + name) }
        }
    }

    /// One line of tab-separated fields per record that `spell` keeps (returns true for),
    /// spelt straight into bytes: tens of thousands of lines, at the end of every build.
    private static func lines<Records: Collection<(key: String, value: Record)>, Record>(
        _ records: Records, _ spell: (inout Line, String, Record) -> Bool
    ) -> [UInt8] {
        var line = Line()
        line.bytes.reserveCapacity(records.count * 160)
        for (key, record) in records {
            let start = line.bytes.count
            if spell(&line, key, record) {
                line.bytes.append(10)
            } else {
                line.bytes.removeSubrange(start...)
            }
            line.isStart = true
        }
        return line.bytes
    }

    /// The index's lines as they are spelt: fields separated by tabs.
    struct Line {
        var bytes: [UInt8] = []
        var isStart = true

        mutating func fields(_ fields: String...) {
            for text in fields { field { $0 += text.utf8 } }
        }

        /// One field, spelt by `spell`.
        mutating func field(_ spell: (inout [UInt8]) -> Void) {
            if !isStart { bytes.append(9) }
            spell(&bytes)
            isStart = false
        }
    }

    /// Tabs and line breaks separate the index's records: a path holding one is never cached.
    private static func isRecordable(_ path: String) -> Bool {
        !path.utf8.contains { $0 == 9 || $0 == 10 || $0 == 13 }
    }

    private static func readIndex(_ path: String) -> StoredIndex? {
        guard case .success(let read) = FileReading.read(path, limit: Int.max) else { return nil }
        let bytes = read.bytes
        // Lines and fields found as ranges of the bytes, with no array per line: tens of
        // thousands of lines, read on every build.
        var lines: [Range<Int>] = []
        lines.reserveCapacity(bytes.count / 100)
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            if index > start { lines.append(start..<index) }
            start = index + 1
        }
        if start < bytes.count { lines.append(start..<bytes.count) }
        func starts(_ line: Range<Int>, with prefix: String) -> Bool {
            line.count >= prefix.utf8.count && bytes[line.lowerBound..<(line.lowerBound + prefix.utf8.count)].elementsEqual(prefix.utf8)
        }
        guard lines.count >= 3, bytes[lines[0]].elementsEqual("jimu-cache 4".utf8), starts(lines[1], with: "compiler\t"),
            starts(lines[2], with: "output\t")
        else { return nil }
        // `save` writes the three kinds of record one after the other (the units' and the
        // fragments' while the tree is written, the files' after it): each kind is read on a
        // core of its own. A line out of its place, like any line this version would not
        // write, makes the whole index ignored.
        let body = lines[3...]
        let fragmentsStart = body.firstIndex { !starts($0, with: "unit\t") } ?? body.endIndex
        let filesStart = body[fragmentsStart...].firstIndex { !starts($0, with: "fragment\t") } ?? body.endIndex
        let sections = [body[filesStart...], body[..<fragmentsStart], body[fragmentsStart..<filesStart]]
        let parsed = Parallel.map(sections.count) { index -> IndexSection? in
            switch index {
            case 0: records(bytes, sections[0], kind: "file", fields: 4...4) { files, parts in
                    guard let identity = FileIdentity(text: bytes[parts[2]]) else { return false }
                    files[text(bytes[parts[3]])] = FileRecord(sha256: text(bytes[parts[1]]), identity: identity)
                    return true
                }.map(IndexSection.files)
            case 1: records(bytes, sections[1], kind: "unit", fields: 4...Int.max) { units, parts in
                    units[text(bytes[parts[1].lowerBound..<parts[2].upperBound])] = UnitRecord(
                        digest: text(bytes[parts[3]]), paths: parts[4...].map { text(bytes[$0]) })
                    return true
                }.map(IndexSection.units)
            default: records(bytes, sections[2], kind: "fragment", fields: 7...7) { fragments, parts in
                    guard let offset = Int(text(bytes[parts[5]])), let length = Int(text(bytes[parts[6]])) else { return false }
                    fragments[text(bytes[parts[1].lowerBound..<parts[2].upperBound])] = FragmentRecord(
                        digest: text(bytes[parts[3]]), path: text(bytes[parts[4]]), offset: offset, length: length)
                    return true
                }.map(IndexSection.fragments)
            }
        }
        guard case .files(let files)? = parsed[0], case .units(let units)? = parsed[1],
            case .fragments(let fragments)? = parsed[2]
        else { return nil }
        let sha256 = Manifest.sha256(bytes)
        return StoredIndex(
            compiler: text(bytes[lines[1].dropFirst("compiler\t".utf8.count)]), files: files, units: units, fragments: fragments,
            base: sha256, state: sha256)
    }

    private enum IndexSection {
        case files([String: FileRecord])
        case units([String: UnitRecord])
        case fragments([String: FragmentRecord])
    }

    /// The records of one kind, each line (a range of `bytes`) split at tabs into `fields`
    /// fields (ranges too, one array for all lines), the first being `kind`; nil when a line
    /// is not such a record or `add` refuses it.
    private static func records<Record>(
        _ bytes: [UInt8], _ lines: ArraySlice<Range<Int>>, kind: String, fields: ClosedRange<Int>,
        add: (inout [String: Record], [Range<Int>]) -> Bool
    ) -> [String: Record]? {
        var records: [String: Record] = [:]
        records.reserveCapacity(lines.count)
        var parts: [Range<Int>] = []
        for line in lines {
            parts.removeAll(keepingCapacity: true)
            var start = line.lowerBound
            for index in line where bytes[index] == 9 {
                parts.append(start..<index)
                start = index + 1
            }
            parts.append(start..<line.upperBound)
            guard fields.contains(parts.count), bytes[parts[0]].elementsEqual(kind.utf8), add(&records, parts) else { return nil }
        }
        return records
    }

    private static func text(_ slice: ArraySlice<UInt8>) -> String { String(decoding: slice, as: UTF8.self) }
}

/// A file's identity on disk, as far as telling "untouched since written" goes.
struct FileIdentity: Equatable, Sendable {
    var size: Int64
    var modifiedSeconds: Int64
    var modifiedNanoseconds: Int64
    var inode: UInt64
    var mode: UInt32

    init(size: Int64, modifiedSeconds: Int64, modifiedNanoseconds: Int64, inode: UInt64, mode: UInt32) {
        self.size = size
        self.modifiedSeconds = modifiedSeconds
        self.modifiedNanoseconds = modifiedNanoseconds
        self.inode = inode
        self.mode = mode
    }

    /// Of a regular file (symbolic links not followed); nil for anything else.
    init?(path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        self.init(info)
    }

    /// From what `stat` says of a regular file; nil for anything else.
    init?(_ info: stat) {
        guard info.st_mode & S_IFMT == S_IFREG else { return nil }
        size = Int64(info.st_size)
        modifiedSeconds = Int64(info.st_mtim.tv_sec)
        modifiedNanoseconds = Int64(info.st_mtim.tv_nsec)
        inode = UInt64(info.st_ino)
        mode = UInt32(info.st_mode)
    }

    var text: String {
        var bytes: [UInt8] = []
        spell(into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `text`, spelt into `bytes` with no string in between (an index line per output file,
    /// on every build).
    func spell(into bytes: inout [UInt8]) {
        bytes.appendDecimal(size)
        for number in [modifiedSeconds, modifiedNanoseconds] {
            bytes.append(UInt8(ascii: ","))
            bytes.appendDecimal(number)
        }
        bytes.append(UInt8(ascii: ","))
        bytes.appendDecimal(inode)
        bytes.append(UInt8(ascii: ","))
        bytes.appendDecimal(mode)
    }

    init?(text: ArraySlice<UInt8>) {
        // Five numbers between commas, found in place (one index line per output file).
        var rest: ArraySlice<UInt8>? = text
        func next<Number: FixedWidthInteger>() -> Number? {
            guard let field = rest else { return nil }
            let comma = field.firstIndex(of: UInt8(ascii: ","))
            rest = comma.map { field[field.index(after: $0)...] }  // nil: no field after this one
            return Self.number(field[..<(comma ?? field.endIndex)])
        }
        guard let size: Int64 = next(), let seconds: Int64 = next(), let nanoseconds: Int64 = next(), let inode: UInt64 = next(),
            let mode: UInt32 = next(), rest == nil
        else { return nil }
        self.size = size
        modifiedSeconds = seconds
        modifiedNanoseconds = nanoseconds
        self.inode = inode
        self.mode = mode
    }

    /// A decimal number as `text` writes it, read from its bytes (tens of thousands on every
    /// build); nil for anything else, or a number that does not fit.
    private static func number<Number: FixedWidthInteger>(_ digits: ArraySlice<UInt8>) -> Number? {
        let negative = digits.first == UInt8(ascii: "-")
        let magnitude = negative ? digits.dropFirst() : digits
        guard !magnitude.isEmpty, !negative || Number.isSigned else { return nil }
        var value: Number = 0
        for byte in magnitude {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            let digit = Number(byte - UInt8(ascii: "0"))
            let (shifted, overflow) = value.multipliedReportingOverflow(by: 10)
            let (next, overflowAgain) = negative ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
            guard !overflow, !overflowAgain else { return nil }
            value = next
        }
        return value
    }
}
