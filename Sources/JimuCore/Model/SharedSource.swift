/// How far a shared data source reaches. Only province-wide sources spread in the merge:
/// a city's own database cannot prefill forms in another city.
public enum SourceScope: String, CaseIterable, Sendable, Codable {
    case province, city, county
}

/// A source the agency fetches data or e-licences from, so the applicant need not
/// (the population database, the e-licence library).
public struct SharedSource: Sendable {
    public var id: Located<String>
    public var name: LocalizedText
    public var scope: Located<SourceScope>
    public var department: Located<String>?
}

/// A government department responsible for items.
public struct Department: Sendable {
    public var id: Located<String>
    public var name: LocalizedText
}
