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
    struct Outcome {
        var check: CheckResult
        var standard: StandardCatalog
        var summary: CatalogSummary
        var layout: CatalogLayout
        var identities: [String: SourceIdentity]
        /// The units `standard` holds; the cache supplies the others.
        var merged: Set<CompileUnit>
        /// The units the edits changed: the edited items and the bundles that reach them. The
        /// other merged units are there to be looked up, and come from the cache too.
        var changed: Set<CompileUnit>
        var timings: StageTimings
    }

    static func run(
        _ fileSystem: some CatalogFileSystem, snapshot: CatalogSnapshot, startedAt: Int64,
        onStage: (@Sendable (String) -> Void)? = nil
    ) throws(CatalogIOError) -> Outcome? {
        var timings = StageTimings(onStage: onStage)
        // The same files the last build read, and no link leaving the catalog.
        let listing = timings.measure("listing") { Result { () throws(CatalogIOError) in try fileSystem.listFiles() } }
        let entries = try listing.get()
        let read = entries.filter { entry in
            let kind = CatalogFileKind(path: entry.path)
            return kind != .other || entry.escapesRoot
        }
        guard read.count == snapshot.files.count,
            read.allSatisfy({ !$0.escapesRoot && snapshot.files[$0.path] != nil && CatalogFileKind(path: $0.path) != .unexpectedYAML })
        else { return nil }

        // A file whose identity is the one recorded is unchanged; any other is read and hashed.
        let paths = read.map(\.path)
        let looks = timings.measure("identities") { Parallel.map(paths.count) { index -> (identity: SourceIdentity?, sha256: String?) in
            let path = paths[index]
            let identity = fileSystem.identity(of: path)
            let recorded = snapshot.files[path]!
            if let identity, identity == recorded.identity { return (identity, recorded.sha256) }
            guard let bytes = try? fileSystem.read(path, limit: CatalogLimits().maxFileBytes),
                bytes.count <= CatalogLimits().maxFileBytes
            else { return (identity, nil) }
            return (identity, Manifest.sha256(bytes))
        } }
        var digests: [String: String] = [:]
        var identities: [String: SourceIdentity] = [:]
        var edited: Set<String> = []
        digests.reserveCapacity(paths.count)
        for (path, look) in zip(paths, looks) {
            guard let sha256 = look.sha256 else { return nil }
            digests[path] = sha256
            if let identity = look.identity, identity.isSettled(before: startedAt) { identities[path] = identity }
            if sha256 != snapshot.files[path]!.sha256 {
                guard case .practice(_, let item) = CatalogFileKind(path: path) else { return nil }
                edited.insert(item)
            }
        }

        let order = snapshot.items.map(\.summary.key)
        guard edited.allSatisfy(Set(order).contains) else { return nil }
        let (items, bundles) = scope(of: edited, in: snapshot)
        let shown = read.filter { entry in
            switch CatalogFileKind(path: entry.path) {
            case .item(let key), .practice(_, let key): items.contains(key)
            case .bundle(let key): bundles.contains(key)
            default: true
            }
        }
        let (check, merged, stageTimings) = try BuildPipeline.stages(FilteredFileSystem(base: fileSystem, entries: shown))
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
        for path in paths where digests[path] != snapshot.files[path]!.sha256 {
            guard practices.contains(path) else { return nil }
        }

        let fresh = timings.measure("summary") { CatalogSummary(merged) }
        let freshItems = Dictionary(fresh.items.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let freshBundles = Dictionary(fresh.bundles.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let summary = CatalogSummary(
            items: snapshot.items.map { freshItems[$0.summary.key] ?? $0.summary },
            bundles: snapshot.bundles.map { freshBundles[$0.key] ?? $0 })
        var result = check
        result.summary = snapshot.counts
        return Outcome(
            check: result, standard: merged, summary: summary, layout: snapshot.layout(digests: digests),
            identities: identities,
            merged: Set(merged.items.map { CompileUnit.item($0.key) } + merged.bundles.map { CompileUnit.bundle($0.key) }),
            changed: Set(edited.map { CompileUnit.item($0) } + bundles.map { CompileUnit.bundle($0) }),
            timings: timings)
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
