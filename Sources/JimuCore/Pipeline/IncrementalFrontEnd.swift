/// The front end of a rebuild after practice edits: reads only the files whose identity on
/// disk changed since the last build's snapshot, and when every changed file is a practice,
/// decodes, resolves and merges only the items those practices belong to, with what they need
/// to render (the bundles that hold them, the items those depend on, the item that declares
/// each of their local fields), and no other. Every other item's summary comes from the
/// snapshot, and its files from the cache.
///
/// Anything else (a file added, removed or edited that is not a practice, a practice that
/// moved to another item, a diagnostic in what it merged, no snapshot) returns nil, and the
/// build reads the whole catalog: the result is the same either way, only slower.
enum IncrementalFrontEnd {
    /// What the build emits from: the merged part of the catalog, and the whole catalog's
    /// summaries, layout and file identities.
    struct Outcome: Sendable {
        var check: CheckResult
        var standard: StandardCatalog
        var summary: CatalogSummary
        var layout: CatalogLayout
        /// Each file's identity, at its place in `layout.paths` (nil: hashed again next time).
        var identities: [SourceIdentity?]
        /// The catalog's folders, stamped, for the next build (nil: it lists the catalog).
        var folders: CatalogFolders?
        /// The units `standard` holds, and the province-wide ones; the cache supplies the others.
        var merged: Set<CompileUnit>
        /// The units the edits changed: the edited items and the bundles that reach them, and
        /// the province-wide units (rendered when what they read changed). The other merged
        /// units are there to be looked up, and come from the cache too.
        var changed: Set<CompileUnit>
        /// The last build's snapshot, which the rest of the catalog comes from.
        var snapshot: CatalogSnapshot
        var timings: StageTimings
    }

    static func run(
        _ fileSystem: some CatalogFileSystem, snapshot lastSnapshot: () -> CatalogSnapshot?, startedAt: Int64,
        onStage: (@Sendable (String) -> Void)? = nil
    ) throws(CatalogIOError) -> Outcome? {
        var timings = StageTimings(onStage: onStage)
        guard let snapshot = lastSnapshot() else { return nil }
        // The same files the last build read, and no link leaving the catalog: the snapshot's
        // own files while the listing that found them would find them again (every folder as
        // it stamped it, or restamped and holding the same names: a save by rename), else a
        // listing, after the snapshot: one after a file added or removed, which reads the
        // whole catalog anyway.
        var folders = snapshot.folders
        let listing: Result<[CatalogFileEntry], CatalogIOError> = timings.measure("listing") {
            if let stamped = folders {
                let check = fileSystem.listingUnchanged(stamped) { snapshot.files.map(\.path) }
                if check.unchanged {
                    folders = check.folders
                    return .success(snapshot.files.map { CatalogFileEntry(path: $0.path) })
                }
            }
            let listed = Result { () throws(CatalogIOError) in try fileSystem.listFiles() }
            folders = fileSystem.foldersListed
            return listed
        }
        let entries = try listing.get()
        // The files the snapshot has, walked beside the listing: both are in byte order, so
        // the same set of files is the same paths at the same places. Only a path that is not
        // the snapshot's next one is classified: a file the catalog ignores (a README) is
        // passed over, anything else is a change that needs the whole catalog.
        var read: [String] = []
        read.reserveCapacity(snapshot.files.count)
        for entry in entries {
            guard !entry.escapesRoot else { return nil }
            if read.count < snapshot.files.count, entry.path == snapshot.files[read.count].path {
                read.append(entry.path)
            } else if CatalogFileKind(path: entry.path) != .other {
                return nil
            }
        }
        guard read.count == snapshot.files.count else { return nil }

        // A file whose identity is the one recorded is unchanged; any other is read and hashed.
        // With it, the item of each practice file: the layout groups the practices by item,
        // and the merge reads the files of the edited items. On every core, a run of files at
        // a time (one file at a time, the cores took turns at claiming 43,000 of them).
        let runs = stride(from: 0, to: read.count, by: 1024).map { $0..<min($0 + 1024, read.count) }
        let looks = timings.measure("identities") { [read] in
            let found = fileSystem.identities(of: read)
            return Parallel.map(runs) { run in
                run.map { index -> (identity: SourceIdentity?, sha256: String, edit: [UInt8]?, item: String?)? in
                    let (recorded, identity, item) = (snapshot.files[index], found[index], CatalogLayout.practiceItem(read[index]))
                    if let identity, identity == recorded.identity { return (identity, recorded.sha256, nil, item) }
                    guard let bytes = try? fileSystem.read(read[index], limit: CatalogLimits().maxFileBytes),
                        bytes.count <= CatalogLimits().maxFileBytes
                    else { return nil }
                    let sha256 = Manifest.sha256(bytes)
                    return (identity, sha256, sha256 == recorded.sha256 ? nil : bytes, item)
                }
            }.flatMap { $0 }
        }
        // Each file's SHA-256 and identity at its place in `read`, as the layout keeps them.
        var digests: [String] = []
        var identities: [SourceIdentity?] = []
        var edited: Set<String> = []
        // The edited files' bytes, as hashed: the merge decodes these, not a second read.
        var editedFiles: [String: [UInt8]] = [:]
        digests.reserveCapacity(read.count)
        identities.reserveCapacity(read.count)
        var practiceItems: [String?] = []
        practiceItems.reserveCapacity(read.count)
        for (index, look) in looks.enumerated() {
            guard let look else { return nil }
            practiceItems.append(look.item)
            digests.append(look.sha256)
            identities.append(look.identity.flatMap { $0.isSettled(before: startedAt) ? $0 : nil })
            if let bytes = look.edit {
                guard let item = look.item else { return nil }
                edited.insert(item)
                editedFiles[read[index]] = bytes
            }
        }
        let layout = snapshot.layout(paths: read, practiceItems: practiceItems, digests: digests)

        let order = snapshot.items.map(\.summary.key)
        guard edited.isSubset(of: order) else { return nil }
        let (items, bundles) = scope(of: edited, in: snapshot)
        // What the merge reads: every shared file but the items and bundles out of scope, and
        // the practices of the items in scope, in byte order.
        var shownFiles = layout.sharedFiles.filter { index in
            switch CatalogFileKind(path: read[index]) {
            case .item(let key): items.contains(key)
            case .bundle(let key): bundles.contains(key)
            default: true
            }
        }
        for item in items { shownFiles += layout.practiceFiles[item] ?? [] }
        let shown = shownFiles.sorted().map { CatalogFileEntry(path: read[$0]) }
        let (check, merged, stageTimings) = try BuildPipeline.stages(FilteredFileSystem(base: fileSystem, entries: shown, known: editedFiles))
        timings.append(stageTimings)
        // What a full build would report is nothing, as the last build reported nothing, and
        // whatever these files had to say is said here: anything to say, and the full build
        // says it.
        guard let merged, check.diagnostics.isEmpty,
            merged.items.map(\.key) == order.filter(items.contains),
            merged.bundles.map(\.key) == snapshot.bundles.map(\.key).filter(bundles.contains)
        else { return nil }
        // Each edited practice is still its item's (the path says which item it is for).
        let practices = Set(merged.items.flatMap { $0.practices.map(\.practice.file) })
        guard editedFiles.keys.allSatisfy(practices.contains) else { return nil }

        let fresh = timings.measure("summary") { CatalogSummary(merged) }
        let freshItems = Dictionary(fresh.items.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let freshBundles = Dictionary(fresh.bundles.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let summary = CatalogSummary(
            items: snapshot.items.map { freshItems[$0.summary.key] ?? $0.summary },
            bundles: snapshot.bundles.map { freshBundles[$0.key] ?? $0 })
        var result = check
        result.summary = snapshot.counts
        return Outcome(
            check: result, standard: merged, summary: summary, layout: layout,
            identities: identities, folders: folders,
            // The province-wide units read every summary, which the build has: their emitters
            // render or reuse them, as any build's do.
            merged: Set(
                merged.items.map { CompileUnit.item($0.key) } + merged.bundles.map { CompileUnit.bundle($0.key) }
                    + ProvinceUnit.allCases.map(CompileUnit.province)),
            changed: Set(
                edited.map { CompileUnit.item($0) } + bundles.map { CompileUnit.bundle($0) } + ProvinceUnit.allCases.map(CompileUnit.province)),
            snapshot: snapshot, timings: timings)
    }

    /// The items and bundles a rebuild merges for edits to the practices of `edited`: the
    /// bundles that reach an edited item, and every item that what is rendered again looks
    /// up (members, preconditions, the declarer of each local field), closed under those.
    static func scope(of edited: Set<String>, in snapshot: CatalogSnapshot) -> (items: Set<String>, bundles: Set<String>) {
        let preconditions = Dictionary(
            snapshot.items.map { ($0.summary.key, $0.preconditions) }, uniquingKeysWith: { first, _ in first })
        var declarer: [String: String] = [:]
        for item in snapshot.items {
            for field in item.localFields where declarer[field] == nil { declarer[field] = item.summary.key }
        }
        let localFields = Dictionary(
            snapshot.items.map { ($0.summary.key, $0.localFields) }, uniquingKeysWith: { first, _ in first })
        let bundles = snapshot.bundles.filter { bundle in
            !CompileUnits.reach(of: bundle.index.items, preconditions: preconditions).isDisjoint(with: edited)
        }
        var items: Set<String> = []
        var pending = Array(edited) + bundles.flatMap(\.index.items)
        while let key = pending.popLast() {
            guard items.insert(key).inserted else { continue }
            pending += preconditions[key] ?? []
            pending += (localFields[key] ?? []).compactMap { declarer[$0] }
        }
        return (items, Set(bundles.map(\.key)))
    }
}
