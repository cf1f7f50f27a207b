/// Where a form field's meaning comes from.
public enum FieldOrigin: Hashable, Sendable {
    /// A data element of the dictionary.
    case element
    /// A field the item declares for itself.
    case local
}

/// A practice's form field after resolution: whatever route the editor wrote (`ref`,
/// `label`, `local`), it now names one field definition.
public struct ResolvedField: Sendable {
    public var id: String
    public var origin: FieldOrigin
    public var label: LocalizedText
    /// The local label the practice used, when it named the field by label.
    public var writtenLabel: String?
    public var spec: FieldSpec
    public var required: Bool
    public var prefill: Located<String>?
    public var requiredIf: Located<ConditionExpression>?
    public var visibleIf: Located<ConditionExpression>?
    public var location: SourceLocation
}

/// One locality's practice with every field resolved.
public struct ResolvedPractice: Sendable {
    public var practice: Practice
    public var locality: Locality
    public var fields: [ResolvedField]
}

/// The output of Resolve: the source catalog, its practices resolved, and the diagnostics
/// of every cross-file rule.
public struct ResolvedCatalog: Sendable {
    public var source: SourceCatalog
    public var practices: [ResolvedPractice]
    public var diagnostics: [Diagnostic]
}
