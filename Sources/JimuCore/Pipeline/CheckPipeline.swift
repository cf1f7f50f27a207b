/// `jimu check`: Load, Decode and Check, with every diagnostic sorted by place.
public struct CheckResult: Sendable {
    public var catalog: SourceCatalog
    public var diagnostics: [Diagnostic]
    public var sources: [String: [UInt8]]
    public var summary: CheckSummary

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

public enum CheckPipeline {
    /// Everything `jimu check` reports: the problems of every stage up to the merge.
    public static func run(_ fileSystem: some CatalogFileSystem) throws(CatalogIOError) -> CheckResult {
        try BuildPipeline.standard(fileSystem).check
    }
}
