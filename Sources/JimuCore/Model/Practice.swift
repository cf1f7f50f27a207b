/// How a form field is written in a practice: by data element, by a local label that the
/// dictionary's synonyms resolve, or as one of the item's local fields.
public enum FieldReference: Sendable {
    case element(Located<String>)
    case label(Located<String>)
    case local(Located<String>)
}

/// One field of a locality's form for an item.
public struct PracticeField: Sendable {
    public var reference: FieldReference
    public var required: Located<Bool>?
    public var prefill: Located<String>?
    public var requiredIf: Located<ConditionExpression>?
    public var visibleIf: Located<ConditionExpression>?
    public var location: SourceLocation
}

/// Where a material comes from in a practice: the applicant brings it, the agency fetches it
/// from a shared source, or the agency issues it itself.
public enum MaterialSource: String, CaseIterable, Sendable, Codable {
    case applicant, shared, issued
}

/// One material of a locality's practice.
public struct PracticeMaterial: Sendable {
    public var material: Located<String>
    public var source: Located<MaterialSource>
    public var from: Located<String>?
    public var form: Located<MaterialForm>?
    public var copies: Located<Int>?
    public var required: Located<Bool>?
    public var location: SourceLocation
}

/// One step of a process (受理, 审核, 审批 …) and the working days it takes.
public struct ProcessStep: Sendable {
    public var name: LocalizedText
    public var days: Located<Int>?
    public var location: SourceLocation
}

/// A channel through which an applicant can handle an item.
public enum Channel: String, CaseIterable, Sendable, Codable {
    case online, mobile
    case selfService = "self-service"
    case counter, delivery
    case homeVisit = "home-visit"
    case overseas, video
}

/// How far an item can be handled online (网上办理深度).
public enum OnlineDepth: String, CaseIterable, Sendable, Codable {
    case none, information, application, full
}

/// One locality's way of running one item: its form, materials, steps, limits and channels.
///
/// Immutable, and a class: decoding, resolving and every report pass practices along by
/// the tens of thousands, and a value this size would be copied field by field each time.
public final class Practice: Sendable {
    public let file: String
    public let localityFolder: String
    public let item: Located<String>
    public let effective: Located<CivilDate>?
    public let fields: [PracticeField]
    public let materials: [PracticeMaterial]
    public let steps: [ProcessStep]
    public let promisedLimit: Located<Int>?
    public let visits: Located<Int>?
    public let visitReason: LocalizedText?
    public let channels: [Located<Channel>]
    public let onlineDepth: Located<OnlineDepth>?
    public let fees: Fees?

    init(
        file: String, localityFolder: String, item: Located<String>, effective: Located<CivilDate>?,
        fields: [PracticeField], materials: [PracticeMaterial], steps: [ProcessStep], promisedLimit: Located<Int>?,
        visits: Located<Int>?, visitReason: LocalizedText?, channels: [Located<Channel>],
        onlineDepth: Located<OnlineDepth>?, fees: Fees?
    ) {
        self.file = file
        self.localityFolder = localityFolder
        self.item = item
        self.effective = effective
        self.fields = fields
        self.materials = materials
        self.steps = steps
        self.promisedLimit = promisedLimit
        self.visits = visits
        self.visitReason = visitReason
        self.channels = channels
        self.onlineDepth = onlineDepth
        self.fees = fees
    }
}
