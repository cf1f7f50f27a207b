/// Resolves one locality's practice against the dictionary and its item's frame: every field
/// names exactly one definition, no element is asked twice, conditions read fields of this
/// form, materials and sources exist, and the promised limit respects the law.
struct PracticeResolver {
    let symbols: CatalogSymbols
    let diagnostics: DiagnosticCollector

    /// The practice with its fields resolved; nil when its item or locality is unknown, so
    /// the merge never sees a practice it cannot place.
    func resolve(_ practice: Practice) -> ResolvedPractice? {
        let locality = symbols.localityFolders[practice.localityFolder]
        if locality == nil {
            diagnostics.report(
                .missingFile,
                "the folder `localities/\(practice.localityFolder)` has no locality.yaml, so this practice belongs to no locality",
                at: .start(of: practice.file))
        }
        let item = symbols.items.resolve(practice.item, diagnostics: diagnostics)
        let fields = resolveFields(practice, item: item)
        // Most forms have no condition: nothing is allocated for them, and their ids and
        // types are not gathered.
        var conditions: [Located<ConditionExpression>] = []
        for field in practice.fields {
            if let condition = field.requiredIf { conditions.append(condition) }
            if let condition = field.visibleIf { conditions.append(condition) }
        }
        if !conditions.isEmpty { check(conditions, readingFieldsOf: fields) }
        checkMaterials(practice)
        if let item, let promised = practice.promisedLimit, promised.value > item.statutoryLimit.value {
            diagnostics.report(
                .limitExceedsStatutory,
                "promised limit of \(promised.value) working days exceeds the statutory limit of \(item.statutoryLimit.value)",
                at: promised.location, notes: [.init("statutory limit set here", at: item.statutoryLimit.location)])
        }
        guard let locality, item != nil else { return nil }
        return ResolvedPractice(practice: practice, locality: locality, fields: fields)
    }

    /// Conditions read fields of this form, with operands of their types.
    private func check(_ conditions: [Located<ConditionExpression>], readingFieldsOf fields: [ResolvedField]) {
        let formIDs = Set(fields.map(\.id))
        let types = Dictionary(fields.map { ($0.id, $0.spec.type.value) }, uniquingKeysWith: { first, _ in first })
        for condition in conditions {
            for name in condition.value.fields where !formIDs.contains(name.id) {
                diagnostics.report(
                    .unknownReference, "condition reads `\(name.id)`, which is not a field of this form",
                    at: condition.location.advanced(by: name.offset),
                    fix: Suggestion.closest(to: name.id, among: formIDs.sorted()).map(Diagnostic.Fix.didYouMean))
            }
            for problem in ConditionTyping.problems(in: condition.value, types: types) {
                diagnostics.report(.invalidExpression, problem.message, at: condition.location.advanced(by: problem.offset))
            }
        }
    }

    /// Resolves every field of the form, once per definition.
    private func resolveFields(_ practice: Practice, item: ItemFrame?) -> [ResolvedField] {
        var seen: [String: SourceLocation] = [:]
        var fields: [ResolvedField] = []
        for field in practice.fields {
            if let prefill = field.prefill { symbols.sources.resolve(prefill, diagnostics: diagnostics) }
            guard let resolved = resolve(field, item: item) else { continue }
            if let first = seen[resolved.id] {
                diagnostics.report(
                    .duplicateField, "the form asks for `\(resolved.id)` twice", at: field.location,
                    notes: [.init("first asked here", at: first)])
                continue
            }
            seen[resolved.id] = field.location
            fields.append(resolved)
        }
        return fields
    }

    private func resolve(_ field: PracticeField, item: ItemFrame?) -> ResolvedField? {
        func make(_ id: String, _ origin: FieldOrigin, _ label: LocalizedText, _ spec: FieldSpec, written: String?)
            -> ResolvedField
        {
            ResolvedField(
                id: id, origin: origin, label: label, writtenLabel: written, spec: spec,
                required: field.required?.value ?? true, prefill: field.prefill, requiredIf: field.requiredIf,
                visibleIf: field.visibleIf, location: field.location)
        }
        switch field.reference {
        case .element(let id):
            guard let element = symbols.elements.resolve(id, diagnostics: diagnostics) else { return nil }
            return make(id.value, .element, element.label, element.spec, written: nil)
        case .local(let id):
            guard let item else { return nil }
            guard let local = item.localFields.first(where: { $0.id.value == id.value }) else {
                diagnostics.report(
                    .unknownReference, "item `\(item.key.value)` declares no local field `\(id.value)`",
                    at: id.location,
                    fix: Suggestion.closest(to: id.value, among: item.localFields.map(\.id.value))
                        .map(Diagnostic.Fix.didYouMean))
                return nil
            }
            return make(id.value, .local, local.label, local.spec, written: nil)
        case .label(let label):
            let matches = symbols.labels.elements(for: label.value)
            switch matches.count {
            case 1:
                guard let element = symbols.elements[matches[0]] else { return nil }
                return make(matches[0], .element, element.label, element.spec, written: label.value)
            case 0:
                let closest = symbols.labels.closest(to: label.value)
                diagnostics.report(
                    .unresolvedLabel, "label `\(label.value)` matches no data element", at: label.location,
                    fix: closest.map {
                        .init(
                            "did you mean `\($0.label)` (`\($0.element)`)? or write `ref:` with an element id",
                            replacement: $0.element)
                    } ?? .init("write `ref:` with an element id, or add the label to an element's synonyms"))
                return nil
            default:
                diagnostics.report(
                    .ambiguousLabel,
                    "label `\(label.value)` matches \(matches.count) data elements: "
                        + matches.map { "`\($0)`" }.joined(separator: ", "),
                    at: label.location,
                    notes: matches.compactMap { id in
                        symbols.elements.location(of: id).map { .init("`\(id)` defined here", at: $0) }
                    },
                    fix: .init("write `ref:` with the element you mean"))
                return nil
            }
        }
    }

    private func checkMaterials(_ practice: Practice) {
        var seen: [String: SourceLocation] = [:]
        for material in practice.materials {
            symbols.materials.resolve(material.material, diagnostics: diagnostics)
            if let from = material.from { symbols.sources.resolve(from, diagnostics: diagnostics) }
            if let first = seen[material.material.value] {
                diagnostics.report(
                    .duplicateDefinition, "material `\(material.material.value)` is listed twice",
                    at: material.location, notes: [.init("first listed here", at: first)])
            } else {
                seen[material.material.value] = material.location
            }
        }
    }
}
