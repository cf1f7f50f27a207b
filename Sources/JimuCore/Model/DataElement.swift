/// An entry of the data-element dictionary: one meaning of a form field, shared by every
/// item and locality that asks for it, whatever label their forms use.
public struct DataElement: Sendable {
    public var id: Located<String>
    public var label: LocalizedText
    public var spec: FieldSpec
    public var synonyms: [Located<String>]
    public var sharedSource: Located<String>?
    public var description: LocalizedText?
}

/// A field declared by one item for itself, outside the dictionary.
public struct LocalField: Sendable {
    public var id: Located<String>
    public var label: LocalizedText
    public var spec: FieldSpec
}
