import JimuFormsRuntime

/// Translates one form (an item's standard form or a bundle's) into a Swift struct: typed
/// optional properties, `validate()` returning every violation, and `validate(json:)`, the
/// entry point services use, which reads raw bytes and reports type mismatches and unknown
/// properties as the JSON Schema does.
struct SwiftFormTranslator {
    let formID: String
    let typeName: String
    let title: LocalizedText
    let fields: [StandardField]
    let codeListTypes: [String: String]
    let codeLists: [String: CodeList]
    let patterns: SwiftPatternTable

    struct Property {
        var field: StandardField
        /// The field's position in the form: its bit in `FieldFlags`, its number in `fieldNames`.
        var index: Int
        var name: String
        var rules: FieldRules
        var swiftType: String
        var path: String
    }

    func properties() -> [Property] {
        var names = SwiftNames(reserved: ["formID", "fieldNames", "validate", "init", "CodingKeys"])
        return fields.enumerated().map { index, field in
            let rules = FieldRules(field.spec, codeLists: codeLists)
            let swiftType: String =
                switch rules.kind {
                case .string, .date: "String"
                case .integer: "Int64"
                case .decimal: "Double"
                case .boolean: "Bool"
                case .code(let list, _): codeListTypes[list] ?? "String"
                }
            return Property(
                field: field, index: index, name: names.make(field.id, fallback: "field\(index + 1)"), rules: rules, swiftType: swiftType,
                path: jsonPointer(field.id))
        }
    }

    func declarations() -> [SwiftDeclaration] {
        let properties = properties()
        var members: [SwiftDeclaration] = [
            .doc("The form's id, as `JimuForms.validate(form:json:)` names it."),
            .property(modifiers: ["public", "static"], isLet: true, name: "formID", type: nil, value: .string(formID)),
        ]
        for property in properties {
            members.append(.doc(Bilingual.title(property.field.label) + " (`\(property.field.id)`)"))
            members.append(
                .property(modifiers: ["public"], isLet: false, name: property.name, type: property.swiftType + "?", value: nil))
        }
        members.append(
            .enumeration(
                modifiers: [], name: "CodingKeys", conformances: ["String", "CodingKey"],
                members: properties.map { .enumCase(name: $0.name, rawValue: .string($0.field.id)) }))
        members.append(
            .initializer(
                modifiers: ["public"],
                parameters: properties.map {
                    SwiftParameter(label: $0.name, name: $0.name, type: $0.swiftType + "?", defaultValue: .nilLiteral)
                },
                body: properties.map { .assign(.member(.name("self"), $0.name), .name($0.name)) }))
        members.append(.doc("Every violation of the form's rules, each with its field path and a stable code."))
        members.append(
            .function(
                modifiers: ["public"], name: "validate", parameters: [], returns: "[Violation]",
                body: [
                    .variable(isLet: false, name: "violations", type: "[Violation]", value: .array([])),
                    .expression(
                        .call(.name("validate"), [SwiftArgument("alsoPresent", .call(.name("FieldFlags"), [])), SwiftArgument("into", .inOut("violations"))])),
                    .returns(.name("violations")),
                ]))
        members.append(validateBody(properties))
        members.append(.doc("The fields' names in JSON, numbered as `validate(json:)` and `FieldFlags` number them."))
        members.append(
            .property(
                modifiers: ["static"], isLet: true, name: "fieldNames", type: nil,
                value: .call(.name("NameTable"), [SwiftArgument(nil, .array(properties.map { .string($0.field.id) }))])))
        members.append(.doc("Validates a submission given as raw JSON bytes."))
        members.append(
            .function(
                modifiers: ["public", "static"], name: "validate",
                parameters: [SwiftParameter(label: "json", name: "json", type: "[UInt8]")], returns: "[Violation]",
                body: [
                    .returns(
                        .call(
                            .member(.name("json"), "withUnsafeBufferPointer"),
                            [SwiftArgument(nil, .closure(parameter: "bytes", body: .call(.name("validate"), [SwiftArgument("bytes", .name("bytes"))])))]))
                ]))
        members.append(.doc("`validate(json:)` over the bytes where they lie."))
        members.append(jsonEntry(properties))
        return [
            .doc(Bilingual.title(title)),
            .structure(modifiers: ["public"], name: typeName, conformances: ["Codable", "Sendable", "Equatable"], members: members),
        ]
    }

    /// Constraints of present values, then presence: required, required when, hidden unless.
    /// `alsoPresent`: fields present in JSON with a value of the wrong type.
    private func validateBody(_ properties: [Property]) -> SwiftDeclaration {
        var body: [SwiftStatement] = []
        let byID = Dictionary(properties.map { ($0.field.id, $0) }, uniquingKeysWith: { first, _ in first })
        for property in properties {
            if let check = constraintCheck(property) {
                body.append(.ifLet(name: "value", value: .member(.name("self"), property.name), [check]))
            }
        }
        for property in properties {
            let requirement = FieldRequirement(property.field)
            let absent = SwiftExpression.binary(
                .binary(.member(.name("self"), property.name), "==", .nilLiteral), "&&",
                .not(.call(.member(.name("alsoPresent"), "contains"), [SwiftArgument(nil, .integer(Int64(property.index)))])))
            let requiredViolation = SwiftStatement.expression(
                .call(.member(.name("violations"), "append"), [SwiftArgument(nil, .call(.dot("required"), [SwiftArgument(nil, .string(property.path))]))]))
            switch requirement.required {
            case .never: break
            case .always: body.append(.ifThen(absent, [requiredViolation], otherwise: nil))
            case .when(let condition):
                body.append(.ifThen(.binary(.paren(self.condition(condition, byID)), "&&", .paren(absent)), [requiredViolation], otherwise: nil))
            }
            if let visible = requirement.hiddenUnless {
                let present = SwiftExpression.binary(
                    .binary(.member(.name("self"), property.name), "!=", .nilLiteral), "||",
                    .call(.member(.name("alsoPresent"), "contains"), [SwiftArgument(nil, .integer(Int64(property.index)))]))
                body.append(
                    .ifThen(
                        .binary(.not(.paren(self.condition(visible, byID))), "&&", .paren(present)),
                        [.expression(.call(.member(.name("violations"), "append"), [SwiftArgument(nil, .call(.dot("hidden"), [SwiftArgument(nil, .string(property.path))]))]))],
                        otherwise: nil))
            }
        }
        return .function(
            modifiers: [], name: "validate",
            parameters: [
                SwiftParameter(label: "alsoPresent", name: "alsoPresent", type: "FieldFlags"),
                SwiftParameter(label: "into", name: "violations", type: "inout [Violation]"),
            ],
            returns: nil, body: body)
    }

    private func constraintCheck(_ property: Property) -> SwiftStatement? {
        let rules = property.rules
        var arguments = [SwiftArgument(nil, .name("value")), SwiftArgument("path", .string(property.path))]
        switch rules.kind {
        case .string, .date:
            arguments += stringCheckArguments(rules)
            guard arguments.count > 2 else { return nil }
            arguments.append(SwiftArgument("into", .inOut("violations")))
            return .expression(.call(.member(.name("FieldChecks"), "string"), arguments))
        case .integer, .decimal:
            let value: SwiftExpression = rules.kind == .integer ? .call(.name("Double"), [SwiftArgument(nil, .name("value"))]) : .name("value")
            arguments[0] = SwiftArgument(nil, value)
            if let minimum = rules.minimum { arguments.append(SwiftArgument("minimum", .double(minimum.value))) }
            if let maximum = rules.maximum { arguments.append(SwiftArgument("maximum", .double(maximum.value))) }
            guard arguments.count > 2 else { return nil }
            arguments.append(SwiftArgument("into", .inOut("violations")))
            return .expression(.call(.member(.name("FieldChecks"), "number"), arguments))
        case .boolean, .code:
            return nil
        }
    }

    /// The arguments of a string field's `FieldChecks.string` after its value and path.
    private func stringCheckArguments(_ rules: FieldRules) -> [SwiftArgument] {
        var arguments: [SwiftArgument] = []
        if let minLength = rules.minLength { arguments.append(SwiftArgument("minLength", .integer(Int64(minLength)))) }
        if let maxLength = rules.maxLength { arguments.append(SwiftArgument("maxLength", .integer(Int64(maxLength)))) }
        // One pattern (the common case) is passed alone: an array would be made per call.
        if rules.patterns.count == 1, let pattern = rules.patterns.first {
            arguments.append(SwiftArgument("pattern", .member(.name("Patterns"), patterns.name(for: pattern))))
        } else if !rules.patterns.isEmpty {
            arguments.append(SwiftArgument("patterns", .array(rules.patterns.map { .member(.name("Patterns"), patterns.name(for: $0)) })))
        }
        if let format = rules.format, let known = FieldChecks.Format(rawValue: format) {
            arguments.append(SwiftArgument("format", .dot(Self.formatCase(known))))
        }
        return arguments
    }

    /// The ids of the fields whose values a condition reads (required when, hidden unless):
    /// those `validate(bytes:)` must hold in the struct, whatever their checks say.
    private func fieldsReadByConditions() -> Set<String> {
        var ids: Set<String> = []
        for field in fields {
            let requirement = FieldRequirement(field)
            if case .when(let condition) = requirement.required { ids.formUnion(condition.fields.map(\.id)) }
            if let visible = requirement.hiddenUnless { ids.formUnion(visible.fields.map(\.id)) }
        }
        return ids
    }

    static func formatCase(_ format: FieldChecks.Format) -> String {
        switch format {
        case .residentID: "residentID"
        case .creditCode: "creditCode"
        case .mobile: "mobile"
        case .postcode: "postcode"
        case .division: "division"
        case .email: "email"
        case .date: "date"
        }
    }

    /// `validate(bytes:)`, the body of `validate(json:)`: read each member straight into its
    /// typed property (type mismatches and unknown names reported on the way, the last of
    /// duplicated names winning), then the typed checks. A present value of the wrong type
    /// counts as present for `required`.
    ///
    /// A string field no condition reads, with one pattern at most, is checked as it is read
    /// (`readUncheckedString`): a value that passes makes no `String`, the property stays nil
    /// and the field counts as present (as a value of the wrong type does), so
    /// `validate(alsoPresent:)` has nothing left to check of it; one that fails is held and
    /// checked there, in the field's turn.
    private func jsonEntry(_ properties: [Property]) -> SwiftDeclaration {
        var cases: [SwiftSwitchCase] = []
        let readByConditions = fieldsReadByConditions()
        for property in properties {
            var checks: [SwiftArgument] = []
            let reader: String
            switch property.rules.kind {
            case .string, .date:
                if property.rules.patterns.count <= 1, !readByConditions.contains(property.field.id) {
                    reader = "readUncheckedString"
                    checks = stringCheckArguments(property.rules)
                } else {
                    reader = "readString"
                }
            case .integer: reader = "readInteger"
            case .decimal: reader = "readDecimal"
            case .boolean: reader = "readBool"
            case .code: reader = "readCode"
            }
            let read = SwiftExpression.call(
                .member(.name("reader"), reader),
                [SwiftArgument("path", .string(property.path))] + checks + [SwiftArgument("into", .inOut("violations"))])
            cases.append(
                SwiftSwitchCase(
                    patterns: [.integer(Int64(property.index))],
                    body: [
                        .assign(.member(.name("form"), property.name), read),
                        .expression(
                            .call(
                                .member(.name("invalid"), "set"),
                                [
                                    SwiftArgument(nil, .integer(Int64(property.index))),
                                    SwiftArgument(nil, .binary(.member(.name("form"), property.name), "==", .nilLiteral)),
                                ])),
                    ]))
        }
        let body: [SwiftStatement] = [
            .variable(isLet: false, name: "violations", type: "[Violation]", value: .array([])),
            .variable(isLet: false, name: "form", type: nil, value: .call(.name("Self"), [])),
            .variable(isLet: false, name: "invalid", type: nil, value: .call(.name("FieldFlags"), [])),
            .variable(
                isLet: false, name: "reader", type: nil,
                value: .call(.name("JSONFormReader"), [SwiftArgument(nil, .name("bytes")), SwiftArgument("fields", .name("fieldNames"))])),
            .whileLet(
                name: "field", value: .call(.member(.name("reader"), "nextField"), [SwiftArgument("into", .inOut("violations"))]),
                [.switchOn(.name("field"), cases: cases, otherwise: [.breaks])]),
            .ifThen(
                .not(.call(.member(.name("reader"), "finish"), [SwiftArgument("into", .inOut("violations"))])),
                [.returns(.name("violations"))], otherwise: nil),
            .expression(.call(.member(.name("form"), "validate"), [SwiftArgument("alsoPresent", .name("invalid")), SwiftArgument("into", .inOut("violations"))])),
            .returns(.name("violations")),
        ]
        return .function(
            modifiers: ["static"], name: "validate",
            parameters: [SwiftParameter(label: "bytes", name: "bytes", type: "UnsafeBufferPointer<UInt8>")], returns: "[Violation]",
            body: body)
    }

    // MARK: Conditions

    /// A condition as a Swift Boolean over the form's properties, true exactly when the
    /// JSON Schema's `if` holds: a comparison with an absent field is false.
    func condition(_ expression: ConditionExpression, _ byID: [String: Property]) -> SwiftExpression {
        switch expression {
        case .and(let l, let r): return .paren(.binary(condition(l, byID), "&&", condition(r, byID)))
        case .or(let l, let r): return .paren(.binary(condition(l, byID), "||", condition(r, byID)))
        case .not(let e): return .not(.paren(condition(e, byID)))
        case .present(let f):
            guard let property = byID[f.id] else { return .bool(false) }
            return .paren(
                .binary(
                    .binary(.member(.name("self"), property.name), "!=", .nilLiteral), "||",
                    .call(.member(.name("alsoPresent"), "contains"), [SwiftArgument(nil, .integer(Int64(property.index)))])))
        case .truth(let operand):
            switch operand {
            case .literal(let literal): return .bool(literal == .bool(true))
            case .field(let f):
                guard let property = byID[f.id] else { return .bool(false) }
                return .optionalMap(.member(.name("self"), property.name), parameter: "v", body: .binary(.name("v"), "==", .bool(true)), fallback: .bool(false))
            }
        case .member(let operand, let literals):
            guard case .field(let f) = operand, let property = byID[f.id] else { return .bool(false) }
            let value = valueExpression(property)
            let list = SwiftExpression.array(literals.map { literalExpression($0, for: property) })
            // Texts are compared scalar by scalar, as JSON Schema's `enum` does (see `FieldChecks.same`).
            let body: SwiftExpression =
                literals.allSatisfy(\.isString)
                ? .call(.member(.name("FieldChecks"), "among"), [SwiftArgument(nil, value), SwiftArgument(nil, list)])
                : .call(.member(list, "contains"), [SwiftArgument(nil, value)])
            return .optionalMap(.member(.name("self"), property.name), parameter: "v", body: body, fallback: .bool(false))
        case .compare(let left, let comparison, let right):
            switch (left, right) {
            case (.field(let f), .literal(let literal)):
                return compare(f, comparison, literal, byID)
            case (.literal(let literal), .field(let f)):
                return compare(f, comparison.mirrored, literal, byID)
            case (.literal(let a), .literal(let b)):
                return .bool(ConditionSchema.holds(a, comparison, b))
            case (.field, .field):
                return .bool(false)
            }
        }
    }

    private func compare(
        _ field: ConditionExpression.FieldName, _ comparison: ConditionExpression.Comparison,
        _ literal: ConditionExpression.Literal, _ byID: [String: Property]
    ) -> SwiftExpression {
        guard let property = byID[field.id] else { return .bool(false) }
        let value = valueExpression(property)
        let other = literalExpression(literal, for: property)
        let body: SwiftExpression
        if literal.isString, comparison == .equal || comparison == .notEqual {
            // Swift's `==` on String equates canonically equivalent texts ("é" and "e" with a
            // combining accent); JSON Schema's `const` compares scalars, so the module does too.
            let same = SwiftExpression.call(.member(.name("FieldChecks"), "same"), [SwiftArgument(nil, value), SwiftArgument(nil, other)])
            body = comparison == .equal ? same : .not(same)
        } else {
            body = .binary(value, comparison.rawValue, other)
        }
        return .optionalMap(.member(.name("self"), property.name), parameter: "v", body: body, fallback: .bool(false))
    }

    /// The bound value `v` as the comparison sees it: code lists by code, integers as Double.
    private func valueExpression(_ property: Property) -> SwiftExpression {
        switch property.rules.kind {
        case .code: .member(.name("v"), "rawValue")
        case .integer: .call(.name("Double"), [SwiftArgument(nil, .name("v"))])
        default: .name("v")
        }
    }

    private func literalExpression(_ literal: ConditionExpression.Literal, for property: Property) -> SwiftExpression {
        switch literal {
        case .string(let s): .string(s)
        case .number(let n): property.rules.kind == .decimal || property.rules.kind == .integer ? .double(n.value) : .string(n.text)
        case .bool(let b): .bool(b)
        }
    }
}

/// The patterns of the package, each compiled once as a `static let` of `Patterns`.
struct SwiftPatternTable {
    private(set) var names: [String: String] = [:]
    private(set) var ordered: [String] = []

    mutating func register(_ pattern: String) {
        guard names[pattern] == nil else { return }
        names[pattern] = "p\(ordered.count)"
        ordered.append(pattern)
    }

    func name(for pattern: String) -> String { names[pattern] ?? "p0" }
}

extension ConditionExpression.Literal {
    fileprivate var isString: Bool {
        if case .string = self { true } else { false }
    }
}
