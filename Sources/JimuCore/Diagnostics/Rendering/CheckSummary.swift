/// The one-line account that ends every `jimu check`: what was read and what was found.
public struct CheckSummary: Codable, Sendable, Equatable {
    public var files: Int
    public var items: Int
    public var localities: Int
    public var practices: Int
    public var bundles: Int
    public var errors: Int
    public var warnings: Int

    public init(
        files: Int, items: Int, localities: Int, practices: Int, bundles: Int,
        diagnostics: [Diagnostic]
    ) {
        self.files = files
        self.items = items
        self.localities = localities
        self.practices = practices
        self.bundles = bundles
        self.errors = diagnostics.count { $0.severity == .error }
        self.warnings = diagnostics.count { $0.severity == .warning }
    }

    public var line: String {
        "\(Self.count(files, "file")), \(Self.count(items, "item")), "
            + "\(Self.count(localities, "locality", "localities")), "
            + "\(Self.count(practices, "practice")), \(Self.count(bundles, "bundle")): "
            + "\(Self.count(errors, "error")), \(Self.count(warnings, "warning"))"
    }

    private static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(n) " + (n == 1 ? singular : plural ?? singular + "s")
    }
}
