/// Compose: each "one thing" bundle from its items' standards — one form and one set of
/// materials deduplicated by data element, what earlier items produce filled by the process,
/// and the schedule in working days checked against the bundle's promise.
public enum BundleComposer {
    public static func compose(_ bundles: [ServiceBundle], items: [StandardItem])
        -> (bundles: [StandardBundle], diagnostics: [Diagnostic])
    {
        let diagnostics = DiagnosticCollector()
        let byKey = Dictionary(items.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let composed = bundles.map { bundle in
            compose(bundle, items: bundle.items.compactMap { byKey[$0.value] }, diagnostics: diagnostics)
        }
        return (composed, diagnostics.diagnostics)
    }

    static func compose(_ bundle: ServiceBundle, items: [StandardItem], diagnostics: DiagnosticCollector)
        -> StandardBundle
    {
        let graph = BundleGraph(bundle: bundle, items: items, diagnostics: diagnostics)
        let schedule = graph.schedule()
        if schedule.totalWorkingDays > bundle.promisedLimit.value {
            let byKey = Dictionary(items.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
            let path = schedule.criticalPath.map { "`\($0)` (\(byKey[$0]?.promisedLimit.value ?? 0))" }
            diagnostics.report(
                .bundleLimitExceeded,
                "bundle `\(bundle.key.value)` promises \(bundle.promisedLimit.value) working days, but its critical path takes "
                    + "\(schedule.totalWorkingDays): " + path.joined(separator: " → "),
                at: bundle.promisedLimit.location,
                notes: schedule.criticalPath.compactMap { key in
                    byKey[key].map { .init("`\(key)` promises \($0.promisedLimit.value) working days", at: $0.promisedLimit.provenance.location) }
                })
        }
        var form: [StandardField] = []
        var processFilled: [StandardField] = []
        var materials: [StandardMaterial] = []
        var removed: [BundleRemovedEntry] = []
        var fieldOwner: [String: (index: Int, item: String)] = [:]
        var materialOwner: [String: (index: Int, item: String)] = [:]

        for item in graph.ordered {
            let producers = graph.ancestors(of: item.key)
            for field in item.form {
                if let producer = producers.first(where: { $0.frame.outputFields.contains { $0.value == field.id } }) {
                    removed.append(.init(kind: .field, id: field.id, item: item.key, reason: .producedBy(item: producer.key)))
                    if !processFilled.contains(where: { $0.id == field.id }) { processFilled.append(field) }
                    continue
                }
                guard let owner = fieldOwner[field.id] else {
                    fieldOwner[field.id] = (form.count, item.key)
                    form.append(field)
                    continue
                }
                removed.append(.init(kind: .field, id: field.id, item: item.key, reason: .duplicate(keptFrom: owner.item)))
                var kept = form[owner.index]
                if let conflict = FieldSpecComparison.conflict(kept.spec, field.spec) {
                    diagnostics.report(
                        .bundleConflict,
                        "bundle `\(bundle.key.value)`: items `\(owner.item)` and `\(item.key)` define `\(field.id)` differently (\(conflict))",
                        at: field.provenance.location, notes: [.init("`\(owner.item)` defines it here", at: kept.provenance.location)])
                }
                // A later item may prefill what an earlier one creates: only an item that
                // does not depend on the owner proves the data exists before the bundle runs.
                let dependsOnOwner = producers.contains { $0.key == owner.item }
                if kept.prefill == nil, let source = field.prefill, !dependsOnOwner {
                    removed.append(.init(kind: .field, id: field.id, item: owner.item, reason: .sharedData(source: source)))
                    kept.prefill = source
                    kept.prefillProvenance = field.prefillProvenance ?? field.provenance
                }
                (kept.required, kept.requiredIf, kept.visibleIf) = ConditionCombination.combine(kept, field)
                form[owner.index] = kept
            }
            for material in item.materials {
                if let producer = producers.first(where: { $0.frame.outputMaterials.contains { $0.value == material.id } }) {
                    removed.append(.init(kind: .material, id: material.id, item: item.key, reason: .producedBy(item: producer.key)))
                    continue
                }
                guard let owner = materialOwner[material.id] else {
                    materialOwner[material.id] = (materials.count, item.key)
                    materials.append(material)
                    continue
                }
                removed.append(
                    .init(kind: .material, id: material.id, item: item.key, reason: .duplicate(keptFrom: owner.item)))
                var kept = materials[owner.index]
                kept.required = kept.required || material.required
                let dependsOnOwner = producers.contains { $0.key == owner.item }
                if kept.source == .applicant, material.source == .shared, let from = material.from, !dependsOnOwner {
                    removed.append(.init(kind: .material, id: material.id, item: owner.item, reason: .sharedData(source: from)))
                    kept.source = .shared
                    kept.from = from
                    kept.sourceProvenance = material.sourceProvenance ?? material.provenance
                }
                materials[owner.index] = kept
            }
        }
        return StandardBundle(
            bundle: bundle, items: graph.ordered.map(\.key), form: form, processFilled: processFilled,
            materials: materials, removed: removed, schedule: schedule,
            separateHandFilledFields: items.reduce(0) { $0 + $1.handFilledCount },
            separateSubmittedMaterials: items.reduce(0) { $0 + $1.submittedCount })
    }
}
