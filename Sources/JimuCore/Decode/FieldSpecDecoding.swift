import JimuYAML

/// Reads the type and constraints shared by data elements and item-local fields, and checks
/// that they fit together (a format only on text, a code list exactly on enums …).
extension DocumentReader {
    static let fieldSpecKeys = [
        "type", "format", "min_length", "max_length", "pattern", "minimum", "maximum", "codelist",
    ]

    func fieldSpec(_ map: MappingView, what: String) -> FieldSpec? {
        guard let typeNode = map.required("type"), let type: Located<FieldType> = choice(typeNode, what: "field type")
        else { return nil }
        var spec = FieldSpec(type: type)
        spec.format = map["format"].flatMap { choice($0, what: "format") }
        spec.minLength = map["min_length"].flatMap { integer($0, what: "min_length", range: 0...1_000_000) }
        spec.maxLength = map["max_length"].flatMap { integer($0, what: "max_length", range: 0...1_000_000) }
        spec.minimum = map["minimum"].flatMap { number($0, what: "minimum") }
        spec.maximum = map["maximum"].flatMap { number($0, what: "maximum") }
        spec.codeList = map["codelist"].flatMap { name($0, what: "code list id", syntax: .plainID) }
        if let node = map["pattern"], let pattern = string(node, what: "pattern") {
            do throws(PortablePattern.Violation) {
                try PortablePattern.validate(pattern.value)
                spec.pattern = pattern
            } catch {
                diagnostics.report(
                    .invalidPattern, "pattern is not portable: \(error.message)",
                    at: location(inside: node, offset: error.offset),
                    fix: error.suggestion.map { Diagnostic.Fix($0) })
            }
        }
        checkConsistency(spec, map: map, what: what)
        return spec
    }

    private func checkConsistency(_ spec: FieldSpec, map: MappingView, what: String) {
        let type = spec.type.value
        func reject(_ key: String, _ reason: String) {
            diagnostics.report(
                .conflictingConstraints, "`\(key)` \(reason) in \(what)",
                at: map.location(ofKey: key) ?? spec.type.location)
        }
        if type != .string {
            for key in ["format", "min_length", "max_length", "pattern"] where map[key] != nil {
                reject(key, "applies only to type string, not \(type.rawValue)")
            }
        }
        if type != .integer && type != .decimal {
            for key in ["minimum", "maximum"] where map[key] != nil {
                reject(key, "applies only to type integer or decimal, not \(type.rawValue)")
            }
        }
        if type == .enum && map["codelist"] == nil {
            diagnostics.report(
                .missingKey, "\(what) of type enum needs the key `codelist`", at: spec.type.location)
        }
        if type != .enum && map["codelist"] != nil {
            reject("codelist", "applies only to type enum, not \(type.rawValue)")
        }
        if let low = spec.minLength, let high = spec.maxLength, low.value > high.value {
            reject("min_length", "(\(low.value)) is greater than max_length (\(high.value))")
        }
        if let low = spec.minimum, let high = spec.maximum, low.value.value > high.value.value {
            reject("minimum", "(\(low.value.text)) is greater than maximum (\(high.value.text))")
        }
        if type == .integer {
            for bound in [spec.minimum, spec.maximum].compactMap({ $0 }) where bound.value.value.rounded() != bound.value.value {
                diagnostics.report(
                    .conflictingConstraints, "bound `\(bound.value.text)` of an integer field must be whole",
                    at: bound.location)
            }
        }
    }
}
