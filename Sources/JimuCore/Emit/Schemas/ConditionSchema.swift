/// A condition as a JSON Schema that holds exactly when the condition is true of a
/// submission. A comparison with an absent field is false, so each one requires its field.
/// ConditionTyping has already rejected what JSON Schema cannot express exactly.
enum ConditionSchema {
    static func schema(_ condition: ConditionExpression) -> JSONValue {
        switch condition {
        case .and(let l, let r): return ["allOf": [schema(l), schema(r)]]
        case .or(let l, let r): return ["anyOf": [schema(l), schema(r)]]
        case .not(let e): return ["not": schema(e)]
        case .present(let f): return ["required": [.string(f.id)]]
        case .truth(let operand):
            switch operand {
            case .field(let f): return on(f.id, ["const": true])
            case .literal(let literal): return .bool(literal == .bool(true))
            }
        case .member(let operand, let literals):
            guard case .field(let f) = operand else { return false }
            return on(f.id, ["enum": .array(literals.map(value))])
        case .compare(let left, let comparison, let right):
            switch (left, right) {
            case (.field(let f), .literal(let literal)):
                return on(f.id, constraint(comparison, literal))
            case (.literal(let literal), .field(let f)):
                return on(f.id, constraint(comparison.mirrored, literal))
            case (.literal(let a), .literal(let b)):
                return .bool(holds(a, comparison, b))
            case (.field, .field):
                return false
            }
        }
    }

    private static func on(_ field: String, _ constraint: JSONValue) -> JSONValue {
        ["required": [.string(field)], "properties": [field: constraint]]
    }

    private static func constraint(_ comparison: ConditionExpression.Comparison, _ literal: ConditionExpression.Literal)
        -> JSONValue
    {
        let v = value(literal)
        switch comparison {
        case .equal: return ["const": v]
        case .notEqual: return ["not": ["const": v]]
        case .less: return ["exclusiveMaximum": v]
        case .lessOrEqual: return ["maximum": v]
        case .greater: return ["exclusiveMinimum": v]
        case .greaterOrEqual: return ["minimum": v]
        }
    }

    static func value(_ literal: ConditionExpression.Literal) -> JSONValue {
        switch literal {
        case .string(let s): .string(s)
        case .number(let n): JSONValue(n)
        case .bool(let b): .bool(b)
        }
    }

    /// A comparison of two literals, decided at compile time.
    static func holds(
        _ a: ConditionExpression.Literal, _ comparison: ConditionExpression.Comparison, _ b: ConditionExpression.Literal
    ) -> Bool {
        switch (a, b) {
        case (.number(let x), .number(let y)):
            switch comparison {
            case .equal: return x.value == y.value
            case .notEqual: return x.value != y.value
            case .less: return x.value < y.value
            case .lessOrEqual: return x.value <= y.value
            case .greater: return x.value > y.value
            case .greaterOrEqual: return x.value >= y.value
            }
        default:
            switch comparison {
            case .equal: return a == b
            case .notEqual: return a != b
            default: return false
            }
        }
    }
}

extension ConditionExpression.Comparison {
    /// The same comparison with its sides swapped: `3 < x` is `x > 3`.
    var mirrored: Self {
        switch self {
        case .equal, .notEqual: self
        case .less: .greater
        case .lessOrEqual: .greaterOrEqual
        case .greater: .less
        case .greaterOrEqual: .lessOrEqual
        }
    }
}
