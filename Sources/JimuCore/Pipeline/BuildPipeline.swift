/// `jimu build`: the whole pipeline, from catalog files to every artifact. Stops before
/// emitting anything when the catalog has errors, so a broken catalog never reaches
/// `generated/`.
public struct BuildResult: Sendable {
    public var check: CheckResult
    public var standard: StandardCatalog?
    /// Every output file, the manifest last listed among them, in path order.
    public var artifacts: [Artifact]
    public var manifest: Manifest?

    public var hasErrors: Bool { check.hasErrors }
}

public enum BuildPipeline {
    /// Load, Decode, Resolve, Merge and Compose; the IR when the catalog has no errors.
    public static func standard(_ fileSystem: some CatalogFileSystem) throws(CatalogIOError)
        -> (check: CheckResult, standard: StandardCatalog?)
    {
        let decoded = try CatalogDecoder.decode(fileSystem)
        let resolved = CatalogResolver.resolve(decoded.catalog)
        var diagnostics = decoded.diagnostics + resolved.diagnostics
        var standard: StandardCatalog?
        if !diagnostics.contains(where: { $0.severity == .error }) {
            let merged = ProvinceMerger.merge(resolved)
            diagnostics += merged.diagnostics
            standard = merged.standard
            if let items = standard?.items {
                let bundles = resolved.source.bundles.sorted { $0.key.value < $1.key.value }
                let composed = BundleComposer.compose(bundles, items: items)
                diagnostics += composed.diagnostics
                standard?.bundles = composed.bundles
            }
            if let standard {
                diagnostics += TranslationCheck.diagnostics(
                    standard, sources: decoded.sources, limits: decoded.catalog.config?.limits ?? CatalogLimits())
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
        return (check, check.hasErrors ? nil : standard)
    }

    public static func run(_ fileSystem: some CatalogFileSystem) throws -> BuildResult {
        let (check, standard) = try standard(fileSystem)
        guard let standard else { return BuildResult(check: check, standard: nil, artifacts: [], manifest: nil) }
        let swift = SwiftPackageEmitter.emit(standard)
        if !swift.diagnostics.isEmpty {
            // A pattern the Swift runtime cannot compile: nothing is written.
            var failed = check
            failed.diagnostics = (check.diagnostics + swift.diagnostics).sorted(by: Diagnostic.byPlace)
            failed.summary.errors += swift.diagnostics.count
            return BuildResult(check: failed, standard: nil, artifacts: [], manifest: nil)
        }
        var artifacts = try ReportsEmitter.emit(standard) + SchemaEmitter.emit(standard) + swift.artifacts
        let templates = try GuideTemplates(overrides: check.sources.filter { CatalogFileKind(path: $0.key) == .template })
        artifacts += GuideEmitter.emit(standard, templates: templates) + SiteEmitter.emit(standard, templates: templates)
        let manifest = Manifest(artifacts: artifacts, catalogSources: check.sources)
        artifacts.append(try manifest.artifact)
        artifacts.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        return BuildResult(check: check, standard: standard, artifacts: artifacts, manifest: manifest)
    }
}
