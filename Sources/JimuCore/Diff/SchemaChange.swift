/// One change between two generated trees, classified for downstream consumers.
public struct SchemaChange: Codable, Sendable, Equatable {
    public enum Impact: String, Codable, Sendable, Comparable {
        /// Text only: titles, descriptions, provenance.
        case text
        /// Old submissions stay valid: a new optional field, a widened constraint.
        case compatible
        /// Some old submission becomes invalid, or the process asks more.
        case breaking

        private var rank: Int {
            switch self {
            case .text: 0
            case .compatible: 1
            case .breaking: 2
            }
        }

        public static func < (lhs: Impact, rhs: Impact) -> Bool { lhs.rank < rhs.rank }
    }

    public var schema: String
    public var field: String?
    public var impact: Impact
    public var message: String
}

/// The verdict on one schema: its changes, its version before and after, and whether the
/// version moved as semver demands.
public struct SchemaVerdict: Codable, Sendable, Equatable {
    public var schema: String
    public var oldVersion: String?
    public var newVersion: String?
    public var impact: SchemaChange.Impact?
    /// Why the version bump is not enough, if it is not.
    public var versionProblem: String?

    enum CodingKeys: String, CodingKey {
        case schema
        case oldVersion = "old_version"
        case newVersion = "new_version"
        case impact
        case versionProblem = "version_problem"
    }
}
