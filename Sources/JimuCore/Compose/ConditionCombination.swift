/// How a field's conditions combine when two items of a bundle ask for it: the bundle form
/// must ask for it whenever either item would.
enum ConditionCombination {
    /// Required always if either item requires it always; required under either condition
    /// if both require it conditionally; optional only if both leave it optional.
    static func requirement(
        _ a: (required: Bool, condition: ConditionExpression?), _ b: (required: Bool, condition: ConditionExpression?)
    ) -> (Bool, ConditionExpression?) {
        let always = (a.required && a.condition == nil) || (b.required && b.condition == nil)
        if always { return (true, nil) }
        switch (a.condition, b.condition) {
        case (let x?, let y?): return (true, x == y ? x : .or(x, y))
        case (let x?, nil): return (true, x)
        case (nil, let y?): return (true, y)
        case (nil, nil): return (false, nil)
        }
    }

    /// Visible always if either item shows it always, else under either condition.
    static func visibility(_ a: ConditionExpression?, _ b: ConditionExpression?) -> ConditionExpression? {
        guard let a, let b else { return nil }
        return a == b ? a : .or(a, b)
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
