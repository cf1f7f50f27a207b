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
public struct StandardItem: Sendable {
    public var frame: ItemFrame
    public var form: [StandardField]
    public var materials: [StandardMaterial]
    public var steps: Chosen<[StandardStep]>
    public var promisedLimit: Chosen<Int>
    public var visits: Chosen<Int>?
    public var visitReason: LocalizedText?
    public var channels: Chosen<[Channel]>
    public var onlineDepth: OnlineDepth?
    public var decisions: [DimensionDecision]
    /// The practices the standard was chosen from, by locality code.
    public var practices: [ResolvedPractice]
    /// Fields and materials the law required that the chosen practice lacked.
    public var addedBack: [String]

    public var key: String { frame.key.value }
    public var handFilledCount: Int { form.count { $0.isHandFilled } }
    public var submittedCount: Int { materials.count { $0.isSubmitted } }
}
