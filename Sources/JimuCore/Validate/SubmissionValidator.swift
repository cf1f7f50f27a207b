import JimuFormsRuntime

/// A JSON value as the runtime parses it (JimuCore's own `JSONValue` is for writing).
typealias ParsedJSON = JimuFormsRuntime.JSONValue

/// Validates a submission against a form of the IR, interpreting the same rules the
/// generated Swift module compiles and the JSON Schema states: `jimu validate`, and the
/// reference that generated examples are checked with.
public struct SubmissionValidator: Sendable {
    /// A field's value once read with its type.
    enum Value: Equatable {
        case string(String)
        case integer(Int64)
        case decimal(Double)
        case bool(Bool)
    }

    struct Field {
        var field: StandardField
        var rules: FieldRules
        var path: String
        var compiled: [PortableRegex]
    }

    let fields: [Field]

    public init(form: [StandardField], codeLists: [CodeList]) {
        let lists = Dictionary(codeLists.map { ($0.id.value, $0) }, uniquingKeysWith: { first, _ in first })
        fields = form.map { field in
            let rules = FieldRules(field.spec, codeLists: lists)
            return Field(
                field: field, rules: rules, path: jsonPointer(field.id),
                // A validator checks a submission or a few examples: building the automata
                // would take longer than searching without them.
                compiled: rules.patterns.compactMap { try? PortableRegex($0, automaton: false) })
        }
    }

    public func validate(json: [UInt8]) -> [Violation] {
        var violations: [Violation] = []
        guard let members = JSONForm.members(of: json, into: &violations) else { return violations }
        var values: [String: Value] = [:]
        var invalid: Set<String> = []
        let byID = Dictionary(fields.map { ($0.field.id, $0) }, uniquingKeysWith: { first, _ in first })
        for member in members {
            guard let field = byID[member.key] else {
                violations.append(.unknown(jsonPointer(member.key)))
                continue
            }
            if let value = read(member.value, field, &violations) {
                values[member.key] = value
            } else {
                invalid.insert(member.key)
            }
        }
        return violations + validate(values: values, alsoPresent: invalid)
    }

    func read(_ json: ParsedJSON, _ field: Field, _ violations: inout [Violation]) -> Value? {
        switch field.rules.kind {
        case .string, .date: return FieldChecks.string(json, path: field.path, into: &violations).map(Value.string)
        case .integer: return FieldChecks.integer(json, path: field.path, into: &violations).map(Value.integer)
        case .decimal: return FieldChecks.decimal(json, path: field.path, into: &violations).map(Value.decimal)
        case .boolean: return FieldChecks.bool(json, path: field.path, into: &violations).map(Value.bool)
        case .code(_, let codes):
            guard let text = FieldChecks.string(json, path: field.path, into: &violations) else { return nil }
            guard FieldChecks.among(text, codes) else {
                violations.append(
                    Violation(path: field.path, code: .enum, message: "is not one of the allowed codes", messageZh: "不在代码表中"))
                return nil
            }
            return .string(text)
        }
    }

    func validate(values: [String: Value], alsoPresent: Set<String>) -> [Violation] {
        var violations: [Violation] = []
        for field in fields {
            guard let value = values[field.field.id] else { continue }
            let rules = field.rules
            switch value {
            case .string(let s):
                if case .code = rules.kind { continue }
                let format = rules.format.flatMap(FieldChecks.Format.init(rawValue:))
                FieldChecks.string(
                    s, path: field.path, minLength: rules.minLength, maxLength: rules.maxLength, patterns: field.compiled,
                    format: format, into: &violations)
            case .integer(let i):
                FieldChecks.number(Double(i), path: field.path, minimum: rules.minimum?.value, maximum: rules.maximum?.value, into: &violations)
            case .decimal(let d):
                FieldChecks.number(d, path: field.path, minimum: rules.minimum?.value, maximum: rules.maximum?.value, into: &violations)
            case .bool:
                break
            }
        }
        for field in fields {
            let requirement = FieldRequirement(field.field)
            let present = values[field.field.id] != nil || alsoPresent.contains(field.field.id)
            let required: Bool =
                switch requirement.required {
                case .never: false
                case .always: true
                case .when(let condition): ConditionEvaluator(values: values, alsoPresent: alsoPresent).holds(condition)
                }
            if required && !present { violations.append(.required(field.path)) }
            if let visible = requirement.hiddenUnless, present,
                !ConditionEvaluator(values: values, alsoPresent: alsoPresent).holds(visible)
            {
                violations.append(.hidden(field.path))
            }
        }
        return violations
    }
}

/// Evaluates a condition over typed values: a comparison with an absent (or invalid) field
/// is false, as in the JSON Schema's `if`.
struct ConditionEvaluator {
    let values: [String: SubmissionValidator.Value]
    let alsoPresent: Set<String>

    func holds(_ expression: ConditionExpression) -> Bool {
        switch expression {
        case .and(let l, let r): return holds(l) && holds(r)
        case .or(let l, let r): return holds(l) || holds(r)
        case .not(let e): return !holds(e)
        case .present(let f): return values[f.id] != nil || alsoPresent.contains(f.id)
        case .truth(let operand):
            switch operand {
            case .literal(let literal): return literal == .bool(true)
            case .field(let f): return values[f.id] == .bool(true)
            }
        case .member(let operand, let literals):
            guard case .field(let f) = operand, let value = values[f.id] else { return false }
            return literals.contains { compare(value, .equal, $0) }
        case .compare(let left, let comparison, let right):
            switch (left, right) {
            case (.field(let f), .literal(let literal)):
                guard let value = values[f.id] else { return false }
                return compare(value, comparison, literal)
            case (.literal(let literal), .field(let f)):
                guard let value = values[f.id] else { return false }
                return compare(value, comparison.mirrored, literal)
            case (.literal(let a), .literal(let b)):
                return ConditionSchema.holds(a, comparison, b)
            case (.field, .field):
                return false
            }
        }
    }

    private func compare(
        _ value: SubmissionValidator.Value, _ comparison: ConditionExpression.Comparison,
        _ literal: ConditionExpression.Literal
    ) -> Bool {
        switch (value, literal) {
        case (.string(let s), .string(let t)):
            switch comparison {
            // Exact scalars, as JSON Schema compares: not Swift's canonical equivalence.
            case .equal: return FieldChecks.same(s, t)
            case .notEqual: return !FieldChecks.same(s, t)
            default: return false
            }
        case (.bool(let b), .bool(let c)):
            switch comparison {
            case .equal: return b == c
            case .notEqual: return b != c
            default: return false
            }
        case (.integer(let i), .number(let n)):
            return ConditionSchema.holds(.number(CatalogNumber(value: Double(i), text: "")), comparison, .number(n))
        case (.decimal(let d), .number(let n)):
            return ConditionSchema.holds(.number(CatalogNumber(value: d, text: "")), comparison, .number(n))
        default:
            // Different types never compare equal; `!=` across types is true, as `not const`.
            return comparison == .notEqual
        }
    }
}
