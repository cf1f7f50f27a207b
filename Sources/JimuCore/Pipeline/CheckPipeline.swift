/// `jimu check`: Load, Decode and Check, with every diagnostic sorted by place.
public struct CheckResult: Sendable {
    public var catalog: SourceCatalog
    public var diagnostics: [Diagnostic]
    public var sources: [String: [UInt8]]
    public var summary: CheckSummary

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

public enum CheckPipeline {
    public static func run(_ fileSystem: some CatalogFileSystem) throws(CatalogIOError) -> CheckResult {
        let decoded = try CatalogDecoder.decode(fileSystem)
        let checked = CatalogChecker.check(decoded.catalog)
        let diagnostics = (decoded.diagnostics + checked).sorted(by: Diagnostic.byPlace)
        let catalog = decoded.catalog
        let summary = CheckSummary(
            files: decoded.fileCount, items: catalog.items.count, localities: catalog.localities.count,
            practices: catalog.practices.count, bundles: catalog.bundles.count, diagnostics: diagnostics)
        return CheckResult(catalog: catalog, diagnostics: diagnostics, sources: decoded.sources, summary: summary)
    }
}
