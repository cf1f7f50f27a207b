/// Checks one locality's practice against the dictionary and its item's frame: every field
/// resolves to exactly one element, no element is asked twice, conditions read fields of
/// this form, materials and sources exist, and the promised limit respects the law.
struct PracticeChecker {
    let symbols: CatalogSymbols
    let diagnostics: DiagnosticCollector

    func check(_ practice: Practice) {
        if symbols.localityFolders[practice.localityFolder] == nil {
            diagnostics.report(
                .missingFile,
                "the folder `localities/\(practice.localityFolder)` has no locality.yaml, so this practice belongs to no locality",
                at: .start(of: practice.file))
        }
        let item = symbols.items.resolve(practice.item, diagnostics: diagnostics)
        let formIDs = checkFields(practice, item: item)
        for field in practice.fields {
            for condition in [field.requiredIf, field.visibleIf].compactMap({ $0 }) {
                for name in condition.value.fields where !formIDs.contains(name.id) {
                    diagnostics.report(
                        .unknownReference, "condition reads `\(name.id)`, which is not a field of this form",
                        at: condition.location.advanced(by: name.offset),
                        fix: Suggestion.closest(to: name.id, among: formIDs.sorted()).map(Diagnostic.Fix.didYouMean))
                }
            }
        }
        checkMaterials(practice)
        if let item, let promised = practice.promisedLimit, promised.value > item.statutoryLimit.value {
            diagnostics.report(
                .limitExceedsStatutory,
                "promised limit of \(promised.value) working days exceeds the statutory limit of \(item.statutoryLimit.value)",
                at: promised.location, notes: [.init("statutory limit set here", at: item.statutoryLimit.location)])
        }
    }

    /// Resolves every field of the form and returns the ids the form holds.
    private func checkFields(_ practice: Practice, item: ItemFrame?) -> Set<String> {
        var seen: [String: SourceLocation] = [:]
        for field in practice.fields {
            guard let id = resolve(field.reference, item: item) else { continue }
            if let first = seen[id] {
                diagnostics.report(
                    .duplicateField, "the form asks for `\(id)` twice", at: field.location,
                    notes: [.init("first asked here", at: first)])
            } else {
                seen[id] = field.location
            }
            if let prefill = field.prefill { symbols.sources.resolve(prefill, diagnostics: diagnostics) }
        }
        return Set(seen.keys)
    }

    private func resolve(_ reference: FieldReference, item: ItemFrame?) -> String? {
        switch reference {
        case .element(let id):
            return symbols.elements.resolve(id, diagnostics: diagnostics) == nil ? nil : id.value
        case .local(let id):
            guard let item else { return nil }
            guard item.localFields.contains(where: { $0.id.value == id.value }) else {
                diagnostics.report(
                    .unknownReference, "item `\(item.key.value)` declares no local field `\(id.value)`",
                    at: id.location,
                    fix: Suggestion.closest(to: id.value, among: item.localFields.map(\.id.value))
                        .map(Diagnostic.Fix.didYouMean))
                return nil
            }
            return id.value
        case .label(let label):
            let matches = symbols.labels.elements(for: label.value)
            switch matches.count {
            case 1:
                return matches[0]
            case 0:
                let closest = symbols.labels.closest(to: label.value)
                diagnostics.report(
                    .unresolvedLabel, "label `\(label.value)` matches no data element", at: label.location,
                    fix: closest.map {
                        .init("did you mean `\($0.label)` (`\($0.element)`)? or write `ref:` with an element id", replacement: $0.element)
                    } ?? .init("write `ref:` with an element id, or add the label to an element's synonyms"))
                return nil
            default:
                diagnostics.report(
                    .ambiguousLabel,
                    "label `\(label.value)` matches \(matches.count) data elements: \(matches.map { "`\($0)`" }.joined(separator: ", "))",
                    at: label.location,
                    notes: matches.compactMap { id in symbols.elements.location(of: id).map { .init("`\(id)` defined here", at: $0) } },
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
