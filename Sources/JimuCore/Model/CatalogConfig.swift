import JimuYAML

/// The catalog as a whole (`jimu.yaml`): whose it is, which languages it publishes, where its
/// schemas live, and the limits that protect the compiler from hostile input.
public struct CatalogConfig: Sendable {
    public var formatVersion: Located<Int>
    public var provinceCode: Located<String>
    public var provinceName: LocalizedText
    public var languages: [Located<String>]
    public var schemaBase: Located<String>
    public var version: Located<String>
    public var tieBreak: Located<TieBreakRule>
    public var limits: CatalogLimits
}

/// How the merge breaks a tie between equally good practices.
public enum TieBreakRule: String, CaseIterable, Sendable, Codable {
    /// The practice of the locality with the lowest division code wins.
    case localityCode = "locality-code"
}

/// Bounds on input size and shape. Each has a default and a `jimu.yaml` setting, and the
/// diagnostic that reports a breach names the setting.
public struct CatalogLimits: Sendable, Equatable {
    public var maxFileBytes = 1_048_576
    public var maxDepth = 64
    public var maxAliasExpansion = 10_000
    public var maxFiles = 20_000
    public var maxExpressionLength = 1_000
    public var maxBundleItems = 50
    public var maxStringLength = 10_000

    public init() {}

    /// The `jimu.yaml` keys of the limits, as documented in docs/catalog-format.md.
    public static let settingNames: [String] = [
        "max_file_bytes", "max_depth", "max_alias_expansion", "max_files",
        "max_expression_length", "max_bundle_items", "max_string_length",
    ]

    /// The highest value a setting accepts: the YAML reader's own bounds for file size (1 GiB,
    /// so that offsets fit in 32 bits) and depth (deeper flow nesting costs libyaml
    /// quadratic time), and 2^31 - 1 for the others.
    static func ceiling(of name: String) -> Int {
        switch name {
        case "max_file_bytes": 1 << 30
        case "max_depth": YAMLLimits.depthCeiling
        default: Int(Int32.max)
        }
    }

    subscript(setting name: String) -> Int? {
        get {
            switch name {
            case "max_file_bytes": maxFileBytes
            case "max_depth": maxDepth
            case "max_alias_expansion": maxAliasExpansion
            case "max_files": maxFiles
            case "max_expression_length": maxExpressionLength
            case "max_bundle_items": maxBundleItems
            case "max_string_length": maxStringLength
            default: nil
            }
        }
        set {
            guard let newValue else { return }
            switch name {
            case "max_file_bytes": maxFileBytes = newValue
            case "max_depth": maxDepth = newValue
            case "max_alias_expansion": maxAliasExpansion = newValue
            case "max_files": maxFiles = newValue
            case "max_expression_length": maxExpressionLength = newValue
            case "max_bundle_items": maxBundleItems = newValue
            case "max_string_length": maxStringLength = newValue
            default: break
            }
        }
    }
}
