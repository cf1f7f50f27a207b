/// A field of an item's standard form.
public struct StandardField: Sendable {
    public var id: String
    public var origin: FieldOrigin
    public var label: LocalizedText
    public var spec: FieldSpec
    public var required: Bool
    /// The province-wide source that prefills it; nil when the applicant fills it by hand.
    public var prefill: String?
    public var requiredIf: ConditionExpression?
    public var visibleIf: ConditionExpression?
    public var provenance: Provenance
    /// Where the prefill came from, when another locality's data sharing spread to it.
    public var prefillProvenance: Provenance?

    public var isHandFilled: Bool { prefill == nil }
}

/// A material of an item's standard.
public struct StandardMaterial: Sendable {
    public var id: String
    public var name: LocalizedText
    public var source: MaterialSource
    /// The province-wide source it is fetched from, when `source` is `.shared`.
    public var from: String?
    public var form: MaterialForm
    public var copies: Int
    public var required: Bool
    public var provenance: Provenance
    /// Where the sharing came from, when another locality's fetch spread to it.
    public var sourceProvenance: Provenance?

    public var isSubmitted: Bool { source == .applicant }
}

/// A step of an item's standard process.
public struct StandardStep: Sendable {
    public var name: LocalizedText
    public var days: Int?
}

/// A value of the standard with where it came from.
public struct Chosen<Value: Sendable>: Sendable {
    public var value: Value
    public var provenance: Provenance
}

/// What one locality's practice offers in one dimension, as the merge compared it.
public struct Alternative: Sendable, Codable, Hashable {
    public var locality: String
    public var value: String
    public var file: String
    public var line: Int
}

/// The merge's decision for one dimension of one item: the value, why, and what it beat.
public struct DimensionDecision: Sendable {
    public var dimension: MergeDimension
    public var summary: String
    public var provenance: Provenance
    public var alternatives: [Alternative]
}

/// The province standard of one item: the frame, and per dimension the best practice.
///
/// Immutable, and a class: every emitter walks every item, often more than once, and
/// copying a value this size (dozens of strings and arrays) retained and released each of
/// them at every step, about half a CPU-second over a province.
public final class StandardItem: Sendable {
    public let frame: ItemFrame
    public let form: [StandardField]
    public let materials: [StandardMaterial]
    public let steps: Chosen<[StandardStep]>
    public let promisedLimit: Chosen<Int>
    public let visits: Chosen<Int>?
    public let visitReason: LocalizedText?
    public let channels: Chosen<[Channel]>
    public let onlineDepth: OnlineDepth?
    public let decisions: [DimensionDecision]
    /// The practices the standard was chosen from, by locality code.
    public let practices: [ResolvedPractice]
    /// Fields and materials the law required that the chosen practice lacked.
    public let addedBack: [String]

    init(
        frame: ItemFrame, form: [StandardField], materials: [StandardMaterial], steps: Chosen<[StandardStep]>,
        promisedLimit: Chosen<Int>, visits: Chosen<Int>?, visitReason: LocalizedText?, channels: Chosen<[Channel]>,
        onlineDepth: OnlineDepth?, decisions: [DimensionDecision], practices: [ResolvedPractice], addedBack: [String]
    ) {
        self.frame = frame
        self.form = form
        self.materials = materials
        self.steps = steps
        self.promisedLimit = promisedLimit
        self.visits = visits
        self.visitReason = visitReason
        self.channels = channels
        self.onlineDepth = onlineDepth
        self.decisions = decisions
        self.practices = practices
        self.addedBack = addedBack
    }

    public var key: String { frame.key.value }
    public var handFilledCount: Int { form.count { $0.isHandFilled } }
    public var submittedCount: Int { materials.count { $0.isSubmitted } }
}
