/// A city or county whose practices the province collects.
public struct Locality: Sendable {
    public var file: String
    /// The folder name, `<code>-<slug>`.
    public var folder: String
    public var code: Located<String>
    public var name: LocalizedText
    public var level: Located<GovernmentLevel>
    public var parent: Located<String>?
}
