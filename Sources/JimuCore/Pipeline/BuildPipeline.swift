import Foundation

/// `jimu build`: the whole pipeline, from catalog files to every artifact. Stops before
/// emitting anything when the catalog has errors, so a broken catalog never reaches
/// `generated/`.
public struct BuildResult: Sendable {
    /// The check. After a rebuild that merged only the edited practices' items
    /// (`IncrementalFrontEnd`), its `catalog` and `sources` hold only the files it read; its
    /// summary and diagnostics are the whole catalog's.
    public var check: CheckResult
    /// The IR: after such a rebuild, only the items and bundles it merged.
    public var standard: StandardCatalog?
    /// Every output file, the manifest last listed among them, in path order.
    public var artifacts: [Artifact]
    public var manifest: Manifest?
    /// Wall time of each stage, for `--timings`.
    public var timings = StageTimings()
    /// The build cache the emitters read. The build has begun its save (`prepareSave`): the
    /// caller finishes it with `save` once the tree is written, or drops it with
    /// `abandonSave`, which leaves nothing behind in the cache folder.
    public var cache: BuildCache?
    /// What the build read and no longer needs (a rebuild's front end: the last snapshot,
    /// tens of thousands of records), for the caller to free when it likes: the command
    /// keeps it until the process exits, which is quicker than freeing it on the way.
    public var readAlong: [any Sendable] = []

    public var hasErrors: Bool { check.hasErrors }
}

public enum BuildPipeline {
    /// Load, Decode, Resolve, Merge and Compose; the IR when the catalog has no errors.
    public static func standard(_ fileSystem: some CatalogFileSystem) throws(CatalogIOError)
        -> (check: CheckResult, standard: StandardCatalog?)
    {
        let (check, standard, _) = try stages(fileSystem)
        return (check, standard)
    }

    /// The front and middle of the pipeline, with the wall time of each stage.
    public static func stages(_ fileSystem: some CatalogFileSystem, onStage: (@Sendable (String) -> Void)? = nil)
        throws(CatalogIOError) -> (check: CheckResult, standard: StandardCatalog?, timings: StageTimings)
    {
        let decoded = try CatalogDecoder.decode(fileSystem, onStage: onStage)
        var timings = decoded.timings
        let resolved = timings.measure("resolve") { CatalogResolver.resolve(decoded.catalog) }
        var diagnostics = decoded.diagnostics + resolved.diagnostics
        var standard: StandardCatalog?
        if !diagnostics.contains(where: { $0.severity == .error }) {
            let merged = timings.measure("merge") { ProvinceMerger.merge(resolved) }
            diagnostics += merged.diagnostics
            standard = merged.standard
            if let items = standard?.items {
                let bundles = resolved.source.bundles.sorted { $0.key.value < $1.key.value }
                let composed = timings.measure("compose") { BundleComposer.compose(bundles, items: items) }
                diagnostics += composed.diagnostics
                standard?.bundles = composed.bundles
            }
            if let standard {
                diagnostics += timings.measure("translations") {
                    TranslationCheck.diagnostics(
                        standard, sources: decoded.sources, limits: decoded.catalog.config?.limits ?? CatalogLimits())
                }
            }
        }
        diagnostics += GuideTemplates.check(decoded.templates)
        diagnostics.sort(by: Diagnostic.byPlace)
        let catalog = decoded.catalog
        let summary = CheckSummary(
            files: decoded.fileCount, items: catalog.items.count, localities: catalog.localities.count,
            practices: catalog.practices.count, bundles: catalog.bundles.count, diagnostics: diagnostics)
        // Template overrides are catalog files too: their lines show under diagnostics, and
        // the manifest's catalog hash covers them.
        let sources = decoded.sources.merging(decoded.templates) { yaml, _ in yaml }
        let check = CheckResult(catalog: catalog, diagnostics: diagnostics, sources: sources, summary: summary)
        return (check, check.hasErrors ? nil : standard, timings)
    }

    /// Where the build cache lives, for which output folder, and who the compiler is.
    public struct CacheSettings: Sendable {
        public var folder: String
        public var outputRoot: String
        private let identity: @Sendable () -> String

        /// The compiler's identity: asked for only once the front end is done, so that
        /// working it out (hashing the executable) can overlap the reading of the catalog.
        public var compiler: String { identity() }

        public init(folder: String, outputRoot: String, compiler: String) {
            self.init(folder: folder, outputRoot: outputRoot, compiler: { compiler })
        }

        public init(folder: String, outputRoot: String, compiler: @escaping @Sendable () -> String) {
            self.folder = folder
            self.outputRoot = outputRoot
            identity = compiler
        }
    }

    /// The whole build. With `cache`, units unchanged since the last build into the same
    /// output folder are not rendered again (`Artifact.unchangedSHA256`), and when only
    /// practices changed, only their items are merged again (`IncrementalFrontEnd`); the
    /// bytes of the tree are the same either way.
    public static func run(
        _ fileSystem: some CatalogFileSystem, onStage: (@Sendable (String) -> Void)? = nil, cache settings: CacheSettings? = nil
    ) throws -> BuildResult {
        // Seconds since the epoch, as file times count: a file modified since is not trusted
        // by its identity next time.
        let startedAt = Int64(Date().timeIntervalSince1970)
        // The last build's snapshot and cache index, read on the other cores from the start
        // (the snapshot first, which a rebuild's front end waits for, then 9 MB of index),
        // while this one looks at the catalog's folders or lists it.
        // Each is asked for only by this thread, outside any parallel loop: a `Once` whose
        // computation runs a loop must never be asked for from inside one (`Once`).
        let stored = settings.map { settings in Once { BuildCache.read(folder: settings.folder, outputRoot: settings.outputRoot) } }
        let lastSnapshot = settings.map { settings in
            Once { BuildCache.readSnapshot(folder: settings.folder, outputRoot: settings.outputRoot) }
        }
        // And the output folder as it is, which the cache checks its files against and the
        // write brings up to date.
        let oldTree = settings.map { settings in Once { GeneratedTree(root: settings.outputRoot).readOld() } }
        // And the spare tree the write starts from.
        let spare = settings.map { settings in
            Once { GeneratedTree.SpareListing(path: BuildCache.spareTree(folder: settings.folder, outputRoot: settings.outputRoot)) }
        }
        // Two threads, each reading in the order the build needs them: a thread for each,
        // beside this one and the pool's, shared two cores with the listing, and the snapshot
        // it waits for first came last.
        // And, once the index and the output folder are read, which of the index's units
        // still have their files as written: a rebuild then only compares their digests.
        let looked = settings.map { settings in
            Once {
                stored?.value.flatMap { index in
                    oldTree.map { BuildCache.StoredUnits.look(index, old: $0.value, outputRoot: settings.outputRoot) }
                }
            }
        }
        if let settings, let stored, let lastSnapshot, let oldTree, let spare, let looked {
            DispatchQueue.global().async {
                _ = lastSnapshot.value
                _ = stored.value
            }
            DispatchQueue.global().async {
                _ = oldTree.value
                _ = spare.value
                // Only where a rebuild may follow, beside a snapshot: a full build takes no
                // unit it did not look at itself. Whether one is there, not what it holds: that
                // is read on the other thread, and waiting for it would start the look later.
                // (A snapshot of another compiler costs one look too many.)
                if access(BuildCache.snapshotPath(folder: settings.folder, outputRoot: settings.outputRoot), F_OK) == 0 {
                    _ = looked.value
                }
            }
        }
        var snapshotTimings = StageTimings()
        if let settings, let lastSnapshot,
            // A catalog it cannot read is reported by the full front end, as a build without
            // the cache reports it.
            // A snapshot of another compiler is no snapshot: checked before anything is merged.
            let incremental = try? IncrementalFrontEnd.run(
                fileSystem,
                snapshot: {
                    snapshotTimings.measure("snapshot read") {
                        lastSnapshot.value.flatMap { $0.compiler == settings.compiler ? $0 : nil }
                    }
                }, startedAt: startedAt, onStage: onStage)
        {
            var timings = snapshotTimings
            timings.append(incremental.timings)
            let (snapshot, layout, identities) = (incremental.snapshot, incremental.layout, incremental.identities)
            let front = FrontEnd(
                check: incremental.check, standard: incremental.standard, summary: incremental.summary,
                layout: incremental.layout, merged: incremental.merged, changed: incremental.changed,
                pairedIndex: snapshot.index, previous: snapshot, timings: timings,
                snapshot: { summary in
                    CatalogSnapshot(
                        compiler: settings.compiler, counts: snapshot.counts, layout: layout, identities: identities,
                        folders: incremental.folders, summary: summary,
                        links: snapshot.items.map { ($0.preconditions, $0.localFields) })
                })
            do {
                var result = try emit(
                    front, cache: settings, stored: stored?.value, old: oldTree, spare: spare, looked: looked, onStage: onStage)
                result.readAlong.append(incremental)
                return result
            } catch is UnitRenderer.UnmergedUnit {
                // A unit it did not merge is not in the cache as it should be: the whole catalog.
            }
        }
        let (check, standard, frontTimings) = try stages(fileSystem, onStage: onStage)
        var timings = frontTimings
        guard let standard else {
            return BuildResult(check: check, standard: nil, artifacts: [], manifest: nil, timings: timings)
        }
        // Each catalog file's SHA-256: the manifest's catalog hash and the cache's unit keys.
        let layout = timings.measure("file hashes") { CatalogLayout(standard, sources: check.sources) }
        // What the province-wide files read of every item and bundle.
        let summary = timings.measure("summary") { CatalogSummary(standard) }
        let front = FrontEnd(
            check: check, standard: standard, summary: summary, layout: layout,
            merged: nil, changed: nil, pairedIndex: nil, previous: lastSnapshot?.value, timings: timings,
            snapshot: { [counts = check.summary] summary in
                // Each file as it was opened to be read, once it is past the clock's resolution.
                let read = fileSystem.identitiesRead
                let identities = layout.paths.map { read[$0].flatMap { $0.isSettled(before: startedAt) ? $0 : nil } }
                return CatalogSnapshot(
                    compiler: settings?.compiler ?? "", counts: counts, layout: layout, identities: identities,
                    folders: fileSystem.foldersListed, summary: summary, links: standard.items.map { ($0.frame.preconditions.map(\.value), $0.frame.localFields.map(\.id.value)) })
            })
        return try emit(front, cache: settings, stored: stored?.value, old: oldTree, spare: spare, onStage: onStage)
    }

    /// What the emitters read: the merged catalog (all of it, or in a rebuild the part that
    /// `merged` names) and the whole catalog's summaries and layout.
    private struct FrontEnd {
        var check: CheckResult
        var standard: StandardCatalog
        var summary: CatalogSummary
        var layout: CatalogLayout
        /// Nil when `standard` is the whole catalog.
        var merged: Set<CompileUnit>?
        /// The only units this build may render; nil for any.
        var changed: Set<CompileUnit>?
        /// The state the snapshot read was saved as (`CatalogSnapshot.index`): the cache must
        /// read back the index of that very state, as it supplies every unit not merged.
        var pairedIndex: String?
        /// The last build's snapshot, as read: the save writes what changed since.
        var previous: CatalogSnapshot?
        var timings: StageTimings
        /// The snapshot of this build for the next one, of the summaries it emitted.
        var snapshot: @Sendable (CatalogSummary) -> CatalogSnapshot
    }

    /// `stored`: the cache index of the output folder, read ahead; `old`: the folder itself;
    /// `spare`: the spare tree the write starts from, listed ahead.
    private static func emit(
        _ front: FrontEnd, cache settings: CacheSettings?, stored: BuildCache.StoredIndex?, old: Once<GeneratedTree.OldTree>?,
        spare: Once<GeneratedTree.SpareListing?>?, looked: Once<BuildCache.StoredUnits?>? = nil, onStage: (@Sendable (String) -> Void)?
    ) throws -> BuildResult {
        let (check, standard, summary) = (front.check, front.standard, front.summary)
        var timings = front.timings
        onStage?("emit")
        let cache = settings.map { settings in
            timings.measure("cache keys") {
                BuildCache(
                    folder: settings.folder, outputRoot: settings.outputRoot,
                    units: CompileUnits(layout: front.layout, compiler: settings.compiler, summary: summary), renders: front.changed,
                    stored: .some(stored), old: old?.value, spare: spare?.value,
                    // Only a rebuild that merged part of the catalog takes units it did not merge.
                    looked: front.merged == nil ? nil : looked?.value)
            }
        }
        if let paired = front.pairedIndex, cache?.previousIndex != paired {
            throw UnitRenderer.UnmergedUnit(unit: "the cache index saved with the snapshot")
        }
        // A catalog with diagnostics is read whole by the next build, which reports them again.
        // The snapshot is made on a spare core from now, beside the emitters (and encoded
        // there too, unless the save is to write it as changes to the last one).
        if let cache, check.diagnostics.isEmpty {
            let snapshot = front.snapshot
            cache.keep({ snapshot(summary) }, previous: front.previous)
        }
        let units = UnitRenderer(cache: cache)
        // The manifest's hash of the catalog, one hash over every file's path and digest: on a
        // spare core while the emitters run.
        let layout = front.layout
        let catalogHash = Once { layout.catalogHash }
        DispatchQueue.global().async { _ = catalogHash.value }
        // Parsed by the first emitter to need them (the site's or the guides'), while another
        // core runs the Swift emitter: a tenth of a rebuild's emit on one core otherwise.
        let templates = Once {
            Result {
                try GuideTemplates(
                    overrides: check.sources.filter { $0.key.hasPrefix(GuideTemplates.folder) && CatalogFileKind(path: $0.key) == .template })
            }
        }
        // Read by the reports and by the site's figures page: computed by the first of them to
        // start, while other cores run the other emitters.
        let reports = Once { CatalogReports(standard, summary: summary) }
        // Every output is a function of the IR alone: the emitters run side by side, the
        // longest first, and a core done with its emitters helps with the items of another's.
        let emitters: [(name: String, emit: @Sendable () throws -> (artifacts: [Artifact], diagnostics: [Diagnostic]))] = [
            ("emit swift", { try SwiftPackageEmitter.emit(standard, summary: summary, units: units) }),
            ("emit site", {
                (SiteEmitter.emit(standard, summary: summary, templates: try templates.value.get(), units: units, reports: reports.value), [])
            }),
            ("emit reports", { (try ReportsEmitter.emit(standard, reports: reports.value, units: units), []) }),
            ("emit guides", { (GuideEmitter.emit(standard, summary: summary, templates: try templates.value.get(), units: units), []) }),
            ("emit schemas", { (SchemaEmitter.emit(standard, units: units), []) }),
        ]
        // Each emitter's own time, and "emit" for all of them: they overlap, so their sum says
        // nothing about the wall time.
        let outputs = timings.measure("emit") {
            Parallel.map(emitters.count) { index -> (Result<(artifacts: [Artifact], diagnostics: [Diagnostic]), any Error>, Double) in
                var local = StageTimings()
                let result = local.measure(emitters[index].name) { Result { try emitters[index].emit() } }
                return (result, local.stages.first?.seconds ?? 0)
            }
        }
        // Inside the emitter that computed them.
        timings.record("reports", seconds: reports.seconds)
        var artifacts: [Artifact] = []
        var emitDiagnostics: [Diagnostic] = []
        for (index, output) in outputs.enumerated() {
            timings.record(emitters[index].name, seconds: output.1)
            let produced = try output.0.get()
            artifacts += produced.artifacts
            emitDiagnostics += produced.diagnostics
        }
        if !emitDiagnostics.isEmpty {
            // A pattern the Swift runtime cannot compile: nothing is written.
            var failed = check
            failed.diagnostics = (check.diagnostics + emitDiagnostics).sorted(by: Diagnostic.byPlace)
            failed.summary.errors += emitDiagnostics.count
            return BuildResult(check: failed, standard: nil, artifacts: [], manifest: nil, timings: timings)
        }
        // The files of the units the rebuild did not merge, in path order, apart from the
        // emitters' until they are merged in that order.
        var taken: [Artifact] = []
        if let merged = front.merged, let cache {
            taken = try timings.measure("units not merged") { try cache.reuseUnmerged(merged: merged) }
        }
        // A unit merged only to be looked up is rendered from part of the catalog: never kept.
        if let unit = cache?.renderedBeyondChanges { throw UnitRenderer.UnmergedUnit(unit: unit) }
        let manifest = timings.measure("manifest") {
            Manifest(artifacts: artifacts + taken, catalogHash: catalogHash.value)
        }
        // The cache's index and snapshot are begun on a spare core now, to be finished once
        // the tree is written (`BuildCache.save`), or dropped (`abandonSave`).
        cache?.prepareSave(manifest: manifest)
        timings.measure("link and sort") {
            cache?.linkUnchanged(&artifacts, manifest: manifest)
            artifacts = ByteOrder.merged(ByteOrder.sorted(artifacts, by: \.path), taken, by: \.path)
            // The manifest lists them in that order, and goes where it sorts among them.
            let listing = manifest.artifact(ordered: artifacts.map(\.path))
            artifacts.insert(listing, at: artifacts.firstIndex { !$0.path.precedesInByteOrder(Manifest.path) } ?? artifacts.endIndex)
        }
        return BuildResult(
            check: check, standard: standard, artifacts: artifacts, manifest: manifest, timings: timings, cache: cache)
    }
}
