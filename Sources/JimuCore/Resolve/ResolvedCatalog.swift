/// Where a form field's meaning comes from.
public enum FieldOrigin: Hashable, Sendable {
    /// A data element of the dictionary.
    case element
    /// A field the item declares for itself.
    case local
}

/// A practice's form field after resolution: whatever route the editor wrote (`ref`,
/// `label`, `local`), it now names one field definition.
///
/// Resolved fields and practices are immutable objects, not values: the merge, the reports
/// and the guides pass the same ones around many times, and copying a value this size
/// retains every one of its strings each time.
public final class ResolvedField: Sendable {
    public let id: String
    public let origin: FieldOrigin
    public let label: LocalizedText
    /// The local label the practice used, when it named the field by label.
    public let writtenLabel: String?
    public let spec: FieldSpec
    public let required: Bool
    public let prefill: Located<String>?
    public let requiredIf: Located<ConditionExpression>?
    public let visibleIf: Located<ConditionExpression>?
    public let location: SourceLocation

    init(
        id: String, origin: FieldOrigin, label: LocalizedText, writtenLabel: String?, spec: FieldSpec, required: Bool,
        prefill: Located<String>?, requiredIf: Located<ConditionExpression>?, visibleIf: Located<ConditionExpression>?,
        location: SourceLocation
    ) {
        self.id = id
        self.origin = origin
        self.label = label
        self.writtenLabel = writtenLabel
        self.spec = spec
        self.required = required
        self.prefill = prefill
        self.requiredIf = requiredIf
        self.visibleIf = visibleIf
        self.location = location
    }
}

/// One locality's practice with every field resolved.
public final class ResolvedPractice: Sendable {
    public let practice: Practice
    public let locality: Locality
    public let fields: [ResolvedField]

    init(practice: Practice, locality: Locality, fields: [ResolvedField]) {
        self.practice = practice
        self.locality = locality
        self.fields = fields
    }
}

/// The output of Resolve: the source catalog, its practices resolved, and the diagnostics
/// of every cross-file rule.
public struct ResolvedCatalog: Sendable {
    public var source: SourceCatalog
    public var practices: [ResolvedPractice]
    public var diagnostics: [Diagnostic]
}
