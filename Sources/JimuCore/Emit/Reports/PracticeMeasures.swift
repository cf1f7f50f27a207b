/// The burden a practice puts on an applicant, measured the same way for a locality's own
/// practice (before) and for the province standard (after).
public struct PracticeMeasures: Codable, Sendable, Equatable {
    public var fields: Int
    public var handFilledFields: Int
    public var materials: Int
    public var submittedMaterials: Int
    public var steps: Int
    public var promisedLimit: Int?
    public var visits: Int?

    enum CodingKeys: String, CodingKey {
        case fields
        case handFilledFields = "hand_filled_fields"
        case materials
        case submittedMaterials = "submitted_materials"
        case steps
        case promisedLimit = "promised_limit"
        case visits
    }

    /// A locality's own practice as it stands: a field is by hand unless it prefills it,
    /// from whatever source.
    init(practice: ResolvedPractice, statutoryLimit: Int) {
        fields = practice.fields.count
        handFilledFields = practice.fields.count { $0.prefill == nil }
        materials = practice.practice.materials.count
        submittedMaterials = practice.practice.materials.count { $0.source.value == .applicant }
        steps = practice.practice.steps.count
        promisedLimit = practice.practice.promisedLimit?.value ?? statutoryLimit
        visits = practice.practice.visits?.value
    }

    /// The province standard.
    init(standard: StandardItem) {
        fields = standard.form.count
        handFilledFields = standard.handFilledCount
        materials = standard.materials.count
        submittedMaterials = standard.submittedCount
        steps = standard.steps.value.count
        promisedLimit = standard.promisedLimit.value
        visits = standard.visits?.value
    }

    public init(
        fields: Int, handFilledFields: Int, materials: Int, submittedMaterials: Int, steps: Int, promisedLimit: Int?,
        visits: Int?
    ) {
        self.fields = fields
        self.handFilledFields = handFilledFields
        self.materials = materials
        self.submittedMaterials = submittedMaterials
        self.steps = steps
        self.promisedLimit = promisedLimit
        self.visits = visits
    }

    static let zero = PracticeMeasures(
        fields: 0, handFilledFields: 0, materials: 0, submittedMaterials: 0, steps: 0, promisedLimit: 0, visits: 0)

    static func + (lhs: PracticeMeasures, rhs: PracticeMeasures) -> PracticeMeasures {
        PracticeMeasures(
            fields: lhs.fields + rhs.fields, handFilledFields: lhs.handFilledFields + rhs.handFilledFields,
            materials: lhs.materials + rhs.materials,
            submittedMaterials: lhs.submittedMaterials + rhs.submittedMaterials, steps: lhs.steps + rhs.steps,
            promisedLimit: (lhs.promisedLimit ?? 0) + (rhs.promisedLimit ?? 0),
            visits: (lhs.visits ?? 0) + (rhs.visits ?? 0))
    }
}
