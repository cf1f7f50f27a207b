/// A "one thing" (一件事): items that one form, one submission and one stop serve together.
public struct ServiceBundle: Sendable {
    public var file: String
    public var key: Located<String>
    public var name: LocalizedText
    public var leadDepartment: Located<String>?
    public var items: [Located<String>]
    public var promisedLimit: Located<Int>
    public var effective: Located<CivilDate>?
    public var description: LocalizedText?
}
