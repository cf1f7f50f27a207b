/// The explicit tags the reader honours, recognised from libyaml's resolved tag text.
///
/// libyaml expands `!!x` to `tag:yaml.org,2002:x` (or to whatever a `%TAG !!` directive
/// says), so matching the expanded form honours both spellings and respects directives.
enum CoreTag {
    /// No tag: the node is resolved from its style and text.
    case none
    /// `!`: a plain scalar is taken as a string.
    case nonSpecific
    case str, int, float, bool, null, map, seq
    /// Any other tag: kept for the caller, no effect on resolution.
    case other

    init(_ tag: String?) {
        guard let tag else {
            self = .none
            return
        }
        switch tag {
        case "!": self = .nonSpecific
        case "tag:yaml.org,2002:str": self = .str
        case "tag:yaml.org,2002:int": self = .int
        case "tag:yaml.org,2002:float": self = .float
        case "tag:yaml.org,2002:bool": self = .bool
        case "tag:yaml.org,2002:null": self = .null
        case "tag:yaml.org,2002:map": self = .map
        case "tag:yaml.org,2002:seq": self = .seq
        default: self = .other
        }
    }

    /// The short form for messages.
    var shortName: String {
        switch self {
        case .none: ""
        case .nonSpecific: "!"
        case .str: "!!str"
        case .int: "!!int"
        case .float: "!!float"
        case .bool: "!!bool"
        case .null: "!!null"
        case .map: "!!map"
        case .seq: "!!seq"
        case .other: "tag"
        }
    }
}
