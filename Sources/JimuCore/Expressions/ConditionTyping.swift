/// Checks a condition against the types of its form's fields, so that it means the same in
/// every output: JSON Schema can compare a field with a literal of its own type, order only
/// numbers, and cannot compare two fields — anything else is rejected here, at its column,
/// rather than silently changing meaning in a generated schema.
enum ConditionTyping {
    struct Problem: Equatable {
        var message: String
        var offset: Int
    }

    static func problems(in expression: ConditionExpression, types: [String: FieldType]) -> [Problem] {
        var problems: [Problem] = []
        visit(expression, types: types, into: &problems)
        return problems
    }

    private static func visit(_ expression: ConditionExpression, types: [String: FieldType], into problems: inout [Problem]) {
        switch expression {
        case .and(let l, let r), .or(let l, let r):
            visit(l, types: types, into: &problems)
            visit(r, types: types, into: &problems)
        case .not(let e):
            visit(e, types: types, into: &problems)
        case .present:
            break
        case .truth(let operand):
            if case .field(let f) = operand, let type = types[f.id], type != .boolean {
                problems.append(
                    .init(message: "`\(f.id)` is a \(type.rawValue), not a boolean: compare it with a value", offset: f.offset))
            }
        case .member(let operand, let literals):
            guard case .field(let f) = operand else {
                problems.append(.init(message: "the left side of `in` must be a field", offset: 0))
                return
            }
            for literal in literals { check(literal, against: f, types: types, into: &problems) }
        case .compare(let left, let comparison, let right):
            switch (left, right) {
            case (.field(let a), .field(let b)):
                problems.append(
                    .init(
                        message: "comparing two fields (`\(a.id)`, `\(b.id)`) cannot be expressed exactly in JSON Schema",
                        offset: b.offset))
            case (.field(let f), .literal(let literal)), (.literal(let literal), .field(let f)):
                check(literal, against: f, types: types, into: &problems)
                let ordering = comparison != .equal && comparison != .notEqual
                if ordering, let type = types[f.id], type != .integer && type != .decimal {
                    problems.append(
                        .init(
                            message: "`\(comparison.rawValue)` orders numbers only; `\(f.id)` is a \(type.rawValue)",
                            offset: f.offset))
                }
            case (.literal, .literal):
                break
            }
        }
    }

    private static func check(
        _ literal: ConditionExpression.Literal, against field: ConditionExpression.FieldName,
        types: [String: FieldType], into problems: inout [Problem]
    ) {
        guard let type = types[field.id] else { return }
        let fits: Bool
        switch literal {
        case .string: fits = type == .string || type == .enum || type == .date
        case .number(let n): fits = type == .decimal || (type == .integer && n.value.rounded() == n.value)
        case .bool: fits = type == .boolean
        }
        if !fits {
            problems.append(
                .init(message: "`\(field.id)` is a \(type.rawValue) and can never equal this value", offset: field.offset))
        }
    }
}
