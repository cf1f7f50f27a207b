/// When a form field must be present and when it may be, from `required`, `required_if`
/// and `visible_if`: a hidden field is never required and must be absent; a visible one is
/// required when `required_if` holds, or always when it is plainly required. Every output
/// that validates submissions (JSON Schema, the Swift module) derives its rules from here.
public struct FieldRequirement: Sendable, Equatable {
    public enum When: Sendable, Equatable {
        case never
        case always
        case when(ConditionExpression)
    }

    /// When the field must be present.
    public var required: When
    /// When the field must be absent (the negation of `visible_if`), if ever.
    public var hiddenUnless: ConditionExpression?

    public init(required: Bool, requiredIf: ConditionExpression?, visibleIf: ConditionExpression?) {
        let base: When =
            if let requiredIf { .when(requiredIf) } else if required { .always } else { .never }
        hiddenUnless = visibleIf
        guard let visible = visibleIf else {
            self.required = base
            return
        }
        switch base {
        case .never: self.required = .never
        case .always: self.required = .when(visible)
        case .when(let condition): self.required = .when(.and(visible, condition))
        }
    }

    public init(_ field: StandardField) {
        self.init(required: field.required, requiredIf: field.requiredIf, visibleIf: field.visibleIf)
    }
}
