/// A code list such as GB/T 2261.1 gender: the values an enum field may take, with labels.
public struct CodeList: Sendable {
    public struct Entry: Sendable {
        public var code: Located<String>
        public var label: LocalizedText
    }

    public var id: Located<String>
    public var name: LocalizedText
    public var standard: Located<String>?
    public var entries: [Entry]
}
