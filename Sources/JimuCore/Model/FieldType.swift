/// The value types a form field can have.
public enum FieldType: String, CaseIterable, Sendable, Codable {
    case string, integer, decimal, boolean, date, `enum`
}

/// Standard formats of string fields, each with a check that later outputs enforce.
public enum FieldFormat: String, CaseIterable, Sendable, Codable {
    case residentID = "cn-resident-id"
    case creditCode = "cn-uscc"
    case mobile = "cn-mobile"
    case postcode = "cn-postcode"
    case division = "cn-division"
    case email
}

/// A number as written in the catalog: its value, and its text, so that outputs repeat the
/// editor's `0.5` rather than a binary approximation of it.
public struct CatalogNumber: Hashable, Sendable, Codable {
    public var value: Double
    public var text: String

    public init(value: Double, text: String) {
        self.value = value
        self.text = text
    }
}

/// What a field's values may be: the type and the optional constraints on it. Shared by
/// data elements and item-local fields.
public struct FieldSpec: Sendable {
    public var type: Located<FieldType>
    public var format: Located<FieldFormat>?
    public var minLength: Located<Int>?
    public var maxLength: Located<Int>?
    public var pattern: Located<String>?
    public var minimum: Located<CatalogNumber>?
    public var maximum: Located<CatalogNumber>?
    public var codeList: Located<String>?

    public init(type: Located<FieldType>) {
        self.type = type
    }
}
