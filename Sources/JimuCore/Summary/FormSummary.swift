import JimuFormsRuntime

/// What the Swift module's shared files read of one item's or bundle's form: the patterns its
/// fields check, in field order, and the code lists they name.
public struct FormSummary: Sendable, Equatable {
    public struct PatternUse: Sendable, Equatable {
        public var pattern: String
        /// The field that checks it, and where it was chosen: for a pattern the runtime
        /// cannot compile.
        public var field: String
        public var location: SourceLocation

        public init(pattern: String, field: String, location: SourceLocation) {
            self.pattern = pattern
            self.field = field
            self.location = location
        }
    }

    public var patterns: [PatternUse]
    public var codeLists: [String]

    public init(patterns: [PatternUse], codeLists: [String]) {
        self.patterns = patterns
        self.codeLists = codeLists
    }

    init(_ fields: [StandardField], codeLists: [String: CodeList]) {
        patterns = fields.flatMap { field in
            FieldRules(field.spec, codeLists: codeLists).patterns.map {
                PatternUse(pattern: $0, field: field.id, location: field.provenance.location)
            }
        }
        self.codeLists = fields.compactMap { $0.spec.codeList?.value }
    }

    /// The catalog's code lists by id, the first of each id.
    static func codeLists(of standard: StandardCatalog) -> [String: CodeList] {
        Dictionary(standard.codeLists.map { ($0.id.value, $0) }, uniquingKeysWith: { first, _ in first })
    }
}
