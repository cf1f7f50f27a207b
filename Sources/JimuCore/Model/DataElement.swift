/// An entry of the data-element dictionary: one meaning of a form field, shared by every
/// item and locality that asks for it, whatever label their forms use.
///
/// Immutable, and a class: resolving looks an element up for every field of every practice,
/// and a value this size would be copied, string by string, at each lookup.
public final class DataElement: Sendable {
    public let id: Located<String>
    public let label: LocalizedText
    public let spec: FieldSpec
    public let synonyms: [Located<String>]
    public let sharedSource: Located<String>?
    public let description: LocalizedText?

    init(
        id: Located<String>, label: LocalizedText, spec: FieldSpec, synonyms: [Located<String>],
        sharedSource: Located<String>?, description: LocalizedText?
    ) {
        self.id = id
        self.label = label
        self.spec = spec
        self.synonyms = synonyms
        self.sharedSource = sharedSource
        self.description = description
    }
}

/// A field declared by one item for itself, outside the dictionary.
public struct LocalField: Sendable {
    public var id: Located<String>
    public var label: LocalizedText
    public var spec: FieldSpec
}
