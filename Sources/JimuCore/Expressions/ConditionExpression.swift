/// A parsed `required_if` / `visible_if` condition over the fields of one form.
///
/// The language is deliberately small (comparisons, `in`, `and`/`or`/`not`, presence) so
/// that every condition can be expressed exactly in JSON Schema and in Swift.
public indirect enum ConditionExpression: Hashable, Sendable {
    case and(ConditionExpression, ConditionExpression)
    case or(ConditionExpression, ConditionExpression)
    case not(ConditionExpression)
    case compare(Operand, Comparison, Operand)
    case member(Operand, [Literal])
    case present(FieldName)
    /// A lone boolean field or literal, true when it holds `true`.
    case truth(Operand)

    public enum Comparison: String, Hashable, Sendable, CaseIterable {
        case equal = "=="
        case notEqual = "!="
        case less = "<"
        case lessOrEqual = "<="
        case greater = ">"
        case greaterOrEqual = ">="
    }

    public enum Operand: Hashable, Sendable {
        case field(FieldName)
        case literal(Literal)
    }

    public enum Literal: Hashable, Sendable {
        case string(String)
        case number(CatalogNumber)
        case bool(Bool)
    }

    /// A field id as written, with its offset (in Unicode scalars) inside the expression, so
    /// an unknown field can be reported at its own column. In a decoded catalog the offset
    /// counts columns of the file from the expression's first character instead, which
    /// differs after an escape such as `\"`.
    public struct FieldName: Hashable, Sendable {
        public var id: String
        public var offset: Int
    }

    /// Every field the condition reads, in order of appearance.
    public var fields: [FieldName] {
        switch self {
        case .and(let l, let r), .or(let l, let r): l.fields + r.fields
        case .not(let e): e.fields
        case .compare(let l, _, let r): l.fields + r.fields
        case .member(let o, _), .truth(let o): o.fields
        case .present(let f): [f]
        }
    }
}

extension ConditionExpression.Operand {
    var fields: [ConditionExpression.FieldName] {
        if case .field(let f) = self { return [f] }
        return []
    }
}

extension ConditionExpression {
    /// The same condition with every field's offset replaced by `transform(offset)`: the
    /// decoder turns offsets in the value into columns as written, escapes included.
    func mappingFieldOffsets(_ transform: (Int) -> Int) -> ConditionExpression {
        func field(_ name: FieldName) -> FieldName { FieldName(id: name.id, offset: transform(name.offset)) }
        func operand(_ operand: Operand) -> Operand {
            if case .field(let name) = operand { return .field(field(name)) }
            return operand
        }
        switch self {
        case .and(let l, let r): return .and(l.mappingFieldOffsets(transform), r.mappingFieldOffsets(transform))
        case .or(let l, let r): return .or(l.mappingFieldOffsets(transform), r.mappingFieldOffsets(transform))
        case .not(let e): return .not(e.mappingFieldOffsets(transform))
        case .compare(let l, let op, let r): return .compare(operand(l), op, operand(r))
        case .member(let o, let values): return .member(operand(o), values)
        case .present(let name): return .present(field(name))
        case .truth(let o): return .truth(operand(o))
        }
    }
}
