/// The rule by which the merge chose a value of the province standard. Each is explained
/// in the merge report, so an editor can see why the standard says what it says.
public enum MergeRule: String, Codable, Sendable, CaseIterable {
    case fewestHandFilledFields = "fewest-hand-filled-fields"
    case fewestSubmittedMaterials = "fewest-submitted-materials"
    case fewestSteps = "fewest-steps"
    case shortestPromisedLimit = "shortest-promised-limit"
    case fewestVisits = "fewest-visits"
    case mostChannels = "most-channels"
    /// Prefilled or fetched everywhere because some locality does so from a province-wide source.
    case provinceWideSharing = "province-wide-sharing"
    /// Added back because the item's legal frame requires it.
    case legalMinimum = "legal-minimum"
    /// Chosen by an editor's pin in the item file.
    case pinned
    /// No locality has a practice: taken from the item's frame.
    case frameOnly = "frame-only"

    /// One sentence for the report.
    public var explanation: String {
        switch self {
        case .fewestHandFilledFields: "the practice whose applicants fill the fewest fields by hand"
        case .fewestSubmittedMaterials: "the practice whose applicants submit the fewest materials"
        case .fewestSteps: "the practice with the fewest steps (then the fewest step days)"
        case .shortestPromisedLimit: "the shortest promised limit in working days"
        case .fewestVisits: "the fewest visits in person"
        case .mostChannels: "the deepest online handling, then the most channels"
        case .provinceWideSharing: "a locality takes it from a province-wide shared source, so every locality can"
        case .legalMinimum: "the item's legal frame requires it, so the standard keeps it"
        case .pinned: "pinned by an editor in the item file"
        case .frameOnly: "no locality has a practice for the item; taken from its frame"
        }
    }

    /// The written tie-break rule, quoted in every report.
    public static let tieBreak =
        "Ties break by the next criterion named in the rule, then by the lowest locality division code."
}

/// Where a value of the standard came from: the locality and the place in its practice
/// file (or the item file), and the rule that chose it.
public struct Provenance: Codable, Sendable, Hashable {
    public var locality: String?
    public var file: String
    public var line: Int
    public var column: Int
    public var rule: MergeRule

    public init(locality: String?, location: SourceLocation, rule: MergeRule) {
        self.locality = locality
        self.file = location.file
        self.line = location.line
        self.column = location.column
        self.rule = rule
    }

    public var location: SourceLocation { SourceLocation(file: file, line: line, column: column) }
}
