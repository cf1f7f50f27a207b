import JimuYAML

extension DocumentReader {
    /// `jimu.yaml`.
    func decodeConfig(root: YAMLNodeID) -> CatalogConfig? {
        guard
            let map = mapping(
                root, what: "jimu.yaml",
                keys: ["jimu", "province", "languages", "schema_base", "version", "merge", "limits"])
        else { return nil }
        let format = map.required("jimu").flatMap { integer($0, what: "format version `jimu`", range: 1...1) }
        var provinceCode: Located<String>?
        var provinceName: LocalizedText?
        if let node = map.required("province"), let province = mapping(node, what: "province", keys: ["code", "name"]) {
            provinceCode = province.required("code").flatMap { name($0, what: "province code", syntax: .divisionCode) }
            if let code = provinceCode, !code.value.hasSuffix("0000") {
                diagnostics.report(
                    .invalidDivisionCode, "province code `\(code.value)` must end in 0000", at: code.location)
            }
            provinceName = province.required("name").flatMap { text($0, what: "province name") }
        }
        let languages = map.required("languages").map { node in
            list(node, what: "languages") { item -> Located<String>? in
                guard let language = string(item, what: "language") else { return nil }
                guard ["zh", "en"].contains(language.value) else {
                    diagnostics.report(
                        .invalidValue, "language `\(language.value)` is not supported; expected zh or en",
                        at: language.location)
                    return nil
                }
                return language
            }
        } ?? []
        if let first = languages.first, first.value != "zh" {
            diagnostics.report(.invalidValue, "the first language must be zh, the catalog's source language", at: first.location)
        }
        let schemaBase = map.required("schema_base").flatMap { string($0, what: "schema_base") }
        if let base = schemaBase,
            !(base.value.hasPrefix("https://") || base.value.hasPrefix("http://")) || !base.value.hasSuffix("/")
                || base.value.contains(where: { $0 == " " || $0 == "\"" || $0 == "<" || $0 == ">" })
        {
            diagnostics.report(
                .invalidValue, "schema_base must be an absolute http(s) URI ending in `/`", at: base.location)
        }
        let version = map.required("version").flatMap { string($0, what: "version") }
        if let version, SemanticVersion(version.value) == nil {
            diagnostics.report(.invalidValue, "version `\(version.value)` is not MAJOR.MINOR.PATCH", at: version.location)
        }
        var tieBreak = Located(TieBreakRule.localityCode, at: location(root))
        if let node = map["merge"], let merge = mapping(node, what: "merge", keys: ["tie_break"]),
            let rule: Located<TieBreakRule> = merge["tie_break"].flatMap({ choice($0, what: "tie-break rule") })
        {
            tieBreak = rule
        }
        var limits = CatalogLimits()
        if let node = map["limits"], let settings = mapping(node, what: "limits", keys: CatalogLimits.settingNames) {
            for name in CatalogLimits.settingNames {
                if let value = settings[name].flatMap({ integer($0, what: name, range: 1...CatalogLimits.ceiling(of: name)) }) {
                    limits[setting: name] = value.value
                }
            }
        }
        guard let format, let provinceCode, let provinceName, let schemaBase, let version else { return nil }
        return CatalogConfig(
            formatVersion: format, provinceCode: provinceCode, provinceName: provinceName,
            languages: languages, schemaBase: schemaBase, version: version, tieBreak: tieBreak, limits: limits)
    }
}

/// A semantic version, MAJOR.MINOR.PATCH, as catalogs and schemas carry.
public struct SemanticVersion: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var major: Int
    public var minor: Int
    public var patch: Int

    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3,
            parts.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } && ($0 == "0" || !$0.hasPrefix("0")) }),
            let major = Int(parts[0]), let minor = Int(parts[1]), let patch = Int(parts[2])
        else { return nil }
        self.major = major
        self.minor = minor
        self.patch = patch
    }

    public var description: String { "\(major).\(minor).\(patch)" }

    public static func < (lhs: SemanticVersion, rhs: SemanticVersion) -> Bool {
        (lhs.major, lhs.minor, lhs.patch) < (rhs.major, rhs.minor, rhs.patch)
    }
}
