/// The checks a field's values must pass, derived once from its spec, so that the JSON
/// Schema, the generated Swift module and `jimu validate` enforce one meaning:
/// a type, lengths in Unicode scalars, patterns that must all match (searched, as JSON
/// Schema does), a format check a pattern cannot express, and numeric bounds.
public struct FieldRules: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case string, integer, decimal, boolean, date
        case code(list: String, codes: [String])
    }

    public var kind: Kind
    public var minLength: Int?
    public var maxLength: Int?
    public var patterns: [String]
    /// A check beyond the patterns: `cn-resident-id`, `cn-uscc` (check characters), `date`
    /// (the day exists), or a format whose pattern says it all (`cn-mobile` …).
    public var format: String?
    public var minimum: CatalogNumber?
    public var maximum: CatalogNumber?

    /// The largest integer JSON and Swift both hold exactly: integer fields are bound to it.
    public static let safeInteger = CatalogNumber(value: 9_007_199_254_740_991, text: "9007199254740991")

    public init(_ spec: FieldSpec, codeLists: [String: CodeList]) {
        minLength = spec.minLength?.value
        maxLength = spec.maxLength?.value
        minimum = spec.minimum?.value
        maximum = spec.maximum?.value
        patterns = []
        format = nil
        switch spec.type.value {
        case .string:
            kind = .string
            if let f = spec.format?.value {
                patterns.append(f.pattern)
                format = f.rawValue
            }
            if let pattern = spec.pattern?.value { patterns.append(pattern) }
        case .integer:
            kind = .integer
            let safe = Self.safeInteger
            let negative = CatalogNumber(value: -safe.value, text: "-" + safe.text)
            minimum = minimum.map { $0.value < negative.value ? negative : $0 } ?? negative
            maximum = maximum.map { $0.value > safe.value ? safe : $0 } ?? safe
        case .decimal:
            kind = .decimal
        case .boolean:
            kind = .boolean
        case .date:
            kind = .date
            patterns = [datePattern]
            format = "date"
        case .enum:
            let id = spec.codeList?.value ?? ""
            kind = .code(list: id, codes: codeLists[id]?.entries.map(\.code.value) ?? [])
        }
    }

    /// Patterns ending in `$` mean "end of text" in ECMA-262 but "end, or before a final
    /// line feed" in Python: a field with one must not end in a line feed, in every output.
    public var forbidsTrailingNewline: Bool { patterns.contains { $0.contains("$") } }
}

/// The date structure as a pattern; whether the day exists is the `date` format's check.
public let datePattern = "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
