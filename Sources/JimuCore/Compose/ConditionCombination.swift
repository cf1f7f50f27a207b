/// How a field's conditions combine when two items of a bundle ask for it: the bundle form
/// must ask for it whenever either item would.
enum ConditionCombination {
    /// The field as both items ask it: required whenever either item requires it (each
    /// item's requirement already limited to when it shows the field), and visible whenever
    /// either shows it. Returned as `required`, `required_if`, `visible_if`.
    static func combine(_ a: StandardField, _ b: StandardField) -> (Bool, ConditionExpression?, ConditionExpression?) {
        let required: FieldRequirement.When =
            switch (FieldRequirement(a).required, FieldRequirement(b).required) {
            case (.always, _), (_, .always): .always
            case (.never, let other), (let other, .never): other
            case (.when(let x), .when(let y)): .when(x == y ? x : .or(x, y))
            }
        let visible: ConditionExpression? =
            if let x = a.visibleIf, let y = b.visibleIf { x == y ? x : .or(x, y) } else { nil }
        switch required {
        case .never: return (false, nil, visible)
        case .always: return (true, nil, visible)
        case .when(let condition): return (true, condition, visible)
        }
    }
}

/// Whether two definitions of one field can be merged into one bundle field.
enum FieldSpecComparison {
    /// A description of the first contradiction between two specs, or nil when they agree.
    static func conflict(_ a: FieldSpec, _ b: FieldSpec) -> String? {
        if a.type.value != b.type.value { return "type \(a.type.value.rawValue) against \(b.type.value.rawValue)" }
        if a.format?.value != b.format?.value {
            return "format \(a.format?.value.rawValue ?? "none") against \(b.format?.value.rawValue ?? "none")"
        }
        if a.codeList?.value != b.codeList?.value {
            return "code list \(a.codeList?.value ?? "none") against \(b.codeList?.value ?? "none")"
        }
        if a.minLength?.value != b.minLength?.value || a.maxLength?.value != b.maxLength?.value {
            return "lengths differ"
        }
        if a.pattern?.value != b.pattern?.value { return "patterns differ" }
        if a.minimum?.value.value != b.minimum?.value.value || a.maximum?.value.value != b.maximum?.value.value {
            return "ranges differ"
        }
        return nil
    }
}
