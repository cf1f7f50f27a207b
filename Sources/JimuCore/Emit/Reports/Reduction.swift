/// How much the standard removes from a practice in one measure: the count and the share of
/// what the practice had (the "reduced by 70%" figure). Negative when the standard asks more,
/// as when the law adds a field back.
public struct Reduction: Codable, Sendable, Equatable {
    public var before: Int
    public var after: Int
    public var removed: Int
    public var percent: DecimalFigure?

    public init(before: Int, after: Int) {
        self.before = before
        self.after = after
        self.removed = before - after
        self.percent = Figures.percent(before - after, of: before)
    }

    /// `7 → 2 (−5, 71.4%)`.
    var text: String {
        let sign = removed > 0 ? "−" : removed < 0 ? "+" : "±"
        let share = percent.map { ", \(Figures.text($0.magnitude))%" } ?? ""
        return "\(before) → \(after) (\(sign)\(abs(removed))\(share))"
    }
}

/// The reductions in every measure.
public struct Reductions: Codable, Sendable, Equatable {
    public var handFilledFields: Reduction
    public var submittedMaterials: Reduction
    public var steps: Reduction
    public var days: Reduction
    public var visits: Reduction?

    enum CodingKeys: String, CodingKey {
        case handFilledFields = "hand_filled_fields"
        case submittedMaterials = "submitted_materials"
        case steps, days, visits
    }

    init(before: PracticeMeasures, after: PracticeMeasures) {
        handFilledFields = Reduction(before: before.handFilledFields, after: after.handFilledFields)
        submittedMaterials = Reduction(before: before.submittedMaterials, after: after.submittedMaterials)
        steps = Reduction(before: before.steps, after: after.steps)
        days = Reduction(before: before.promisedLimit ?? 0, after: after.promisedLimit ?? 0)
        if let b = before.visits, let a = after.visits {
            visits = Reduction(before: b, after: a)
        } else {
            visits = nil
        }
    }
}
