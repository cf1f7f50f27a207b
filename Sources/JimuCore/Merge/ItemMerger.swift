/// Chooses the province standard of one item from its localities' practices, dimension by
/// dimension (DESIGN.md, "Merge"), within the item's legal frame.
struct ItemMerger {
    let frame: ItemFrame
    /// The item's practices, sorted by locality code: the first of equals wins a tie.
    let practices: [ResolvedPractice]
    let dictionary: MergeDictionary
    let diagnostics: DiagnosticCollector

    func merge() -> StandardItem {
        let fieldSharing = spreadFieldSharing()
        let materialSharing = spreadMaterialSharing()
        var decisions: [DimensionDecision] = []
        var addedBack: [String] = []

        // Form: the fewest fields filled by hand once sharing has spread, then the fewest fields;
        // each practice judged as the standard it would give, the law's fields back in it.
        let formChoice = choose(.form, rule: .fewestHandFilledFields) { practice in
            let missing = missingRequiredFields(practice)
            return [
                handFilled(practice, fieldSharing) + missing.count { fieldSharing[$0] == nil },
                practice.fields.count + missing.count,
            ]
        }
        var form = formChoice.map { choice in
            choice.practice.fields.map { field in
                standardField(field, sharing: fieldSharing, provenance: provenance(choice, at: field.location))
            }
        } ?? []
        for required in frame.requiredFields {
            if let index = form.firstIndex(where: { $0.id == required.value }) {
                form[index].required = true
            } else if let field = frameField(required, sharing: fieldSharing) {
                form.append(field)
                addedBack.append(required.value)
            }
        }
        decisions.append(
            decision(.form, formChoice, frameSummary: "") { practice in
                Self.count(practice.fields.count, "field") + ", \(handFilled(practice, fieldSharing)) by hand"
            })
        // The standard's own figures: the chosen form once the law's fields are back.
        decisions[decisions.count - 1].summary =
            Self.count(form.count, "field") + ", \(form.count { $0.isHandFilled }) by hand"

        // Materials: the fewest submitted once sharing has spread, then the fewest in all; the
        // law's materials back in each practice, as for the form.
        let materialChoice = choose(.materials, rule: .fewestSubmittedMaterials) { practice in
            let missing = missingRequiredMaterials(practice)
            return [
                submitted(practice, materialSharing) + missing.count { materialSharing[$0] == nil },
                practice.practice.materials.count + missing.count,
            ]
        }
        var materials = materialChoice.map { choice in
            choice.practice.practice.materials.compactMap { material in
                standardMaterial(material, sharing: materialSharing, provenance: provenance(choice, at: material.location))
            }
        } ?? []
        for required in frame.requiredMaterials {
            if let index = materials.firstIndex(where: { $0.id == required.value }) {
                materials[index].required = true
            } else if let material = frameMaterial(required, sharing: materialSharing) {
                materials.append(material)
                addedBack.append(required.value)
            }
        }
        decisions.append(
            decision(.materials, materialChoice, frameSummary: "") { practice in
                Self.count(practice.practice.materials.count, "material")
                    + ", \(submitted(practice, materialSharing)) submitted"
            })
        decisions[decisions.count - 1].summary =
            Self.count(materials.count, "material") + ", \(materials.count { $0.isSubmitted }) submitted"

        // Steps: the fewest, then the fewest step days.
        let stepChoice = choose(.steps, rule: .fewestSteps) { practice in
            practice.practice.steps.isEmpty ? nil : [practice.practice.steps.count, stepDays(practice)]
        }
        let steps = Chosen(
            value: stepChoice?.practice.practice.steps.map { StandardStep(name: $0.name, days: $0.days?.value) } ?? [],
            provenance: stepChoice.map { provenance($0, at: Self.place(of: .steps, in: $0.practice.practice)) }
                ?? frameProvenance)
        decisions.append(
            decision(.steps, stepChoice, frameSummary: "no steps stated") { practice in
                Self.count(practice.practice.steps.count, "step") + ", " + Self.count(stepDays(practice), "day")
            })

        // Limit: the shortest promised limit, never above the statutory one.
        let limitChoice = choose(.limit, rule: .shortestPromisedLimit) { practice in
            practice.practice.promisedLimit.map { [$0.value] }
        }
        let promised: Chosen<Int> =
            if let limitChoice, let limit = limitChoice.practice.practice.promisedLimit {
                Chosen(
                    value: min(limit.value, frame.statutoryLimit.value), provenance: provenance(limitChoice, at: limit.location))
            } else {
                Chosen(
                    value: frame.statutoryLimit.value,
                    provenance: Provenance(locality: nil, location: frame.statutoryLimit.location, rule: .frameOnly))
            }
        decisions.append(
            decision(.limit, limitChoice, frameSummary: "statutory \(frame.statutoryLimit.value) working days") {
                practice in
                practice.practice.promisedLimit.map { "\($0.value) working days" } ?? "not stated"
            })

        // Visits: the fewest.
        let visitChoice = choose(.visits, rule: .fewestVisits) { practice in
            practice.practice.visits.map { [$0.value] }
        }
        let visits = visitChoice.flatMap { choice in
            choice.practice.practice.visits.map { Chosen(value: $0.value, provenance: provenance(choice, at: $0.location)) }
        }
        decisions.append(
            decision(.visits, visitChoice, frameSummary: "not stated") { practice in
                practice.practice.visits.map { Self.count($0.value, "visit") } ?? "not stated"
            })

        // Channels: the deepest online handling, then the most channels.
        let channelChoice = choose(.channels, rule: .mostChannels) { practice in
            practice.practice.channels.isEmpty
                ? nil : [-Self.depthRank(practice.practice.onlineDepth?.value), -practice.practice.channels.count]
        }
        let channels = Chosen(
            value: channelChoice?.practice.practice.channels.map(\.value) ?? [],
            provenance: channelChoice.map { provenance($0, at: Self.place(of: .channels, in: $0.practice.practice)) }
                ?? frameProvenance)
        decisions.append(
            decision(.channels, channelChoice, frameSummary: "no channels stated") { practice in
                let depth = practice.practice.onlineDepth.map { " (online: \($0.value.rawValue))" } ?? ""
                return practice.practice.channels.map(\.value.rawValue).joined(separator: ", ") + depth
            })

        return StandardItem(
            frame: frame, form: form, materials: materials, steps: steps, promisedLimit: promised, visits: visits,
            visitReason: visitChoice?.practice.practice.visitReason, channels: channels,
            onlineDepth: channelChoice?.practice.practice.onlineDepth?.value, decisions: decisions,
            practices: practices, addedBack: addedBack)
    }

    // MARK: Choosing

    struct Choice {
        var practice: ResolvedPractice
        var rule: MergeRule
    }

    /// The practice with the lowest score (compared element by element); the first of
    /// equals, i.e. the lowest locality code, wins. A pin overrides the score. Practices
    /// with no score (nothing stated for the dimension) do not compete.
    func choose(_ dimension: MergeDimension, rule: MergeRule, score: (ResolvedPractice) -> [Int]?) -> Choice? {
        if let pin = frame.pins[dimension] {
            if let pinned = practices.first(where: { $0.locality.code.value == pin.value }) {
                return Choice(practice: pinned, rule: .pinned)
            }
            diagnostics.report(
                .unknownReference,
                "item `\(frame.key.value)` pins \(dimension.rawValue) to locality \(pin.value), which has no practice for it",
                at: pin.location)
        }
        var best: (practice: ResolvedPractice, score: [Int])?
        for practice in practices {
            guard let value = score(practice) else { continue }
            if let current = best, !value.lexicographicallyPrecedes(current.score) { continue }
            best = (practice, value)
        }
        return best.map { Choice(practice: $0.practice, rule: rule) }
    }

    private func decision(
        _ dimension: MergeDimension, _ choice: Choice?, frameSummary: String, describe: (ResolvedPractice) -> String
    ) -> DimensionDecision {
        DimensionDecision(
            dimension: dimension,
            summary: choice.map { describe($0.practice) } ?? frameSummary,
            provenance: choice.map { provenance($0, at: Self.place(of: dimension, in: $0.practice.practice)) }
                ?? frameProvenance,
            alternatives: practices.map { practice in
                Alternative(
                    locality: practice.locality.code.value, value: describe(practice), file: practice.practice.file,
                    line: Self.place(of: dimension, in: practice.practice).line)
            })
    }

    /// Where a practice states a dimension, for provenance: its first field, material or
    /// step, its limit, visits or first channel; the practice's `item:` line otherwise.
    static func place(of dimension: MergeDimension, in practice: Practice) -> SourceLocation {
        let place: SourceLocation? =
            switch dimension {
            case .form: practice.fields.first?.location
            case .materials: practice.materials.first?.location
            case .steps: practice.steps.first?.location
            case .limit: practice.promisedLimit?.location
            case .visits: practice.visits?.location
            case .channels: practice.channels.first?.location
            }
        return place ?? practice.item.location
    }

    private func provenance(_ choice: Choice, at location: SourceLocation) -> Provenance {
        Provenance(locality: choice.practice.locality.code.value, location: location, rule: choice.rule)
    }

    private var frameProvenance: Provenance {
        Provenance(locality: nil, location: frame.key.location, rule: .frameOnly)
    }

    static func count(_ n: Int, _ noun: String) -> String {
        "\(n) \(noun)" + (n == 1 ? "" : "s")
    }

    static func depthRank(_ depth: OnlineDepth?) -> Int {
        switch depth {
        case nil, .some(.none): 0
        case .information: 1
        case .application: 2
        case .full: 3
        }
    }

    // MARK: Sharing

    struct Sharing {
        var source: String
        var provenance: Provenance
    }

    /// Fields that some locality prefills from a province-wide source: prefilled everywhere.
    func spreadFieldSharing() -> [String: Sharing] {
        var sharing: [String: Sharing] = [:]
        for practice in practices {
            for field in practice.fields {
                guard sharing[field.id] == nil, let prefill = field.prefill, dictionary.isProvinceWide(prefill.value)
                else { continue }
                sharing[field.id] = Sharing(
                    source: prefill.value,
                    provenance: Provenance(
                        locality: practice.locality.code.value, location: prefill.location, rule: .provinceWideSharing))
            }
        }
        return sharing
    }

    /// Materials that some locality fetches from a province-wide source: fetched everywhere.
    func spreadMaterialSharing() -> [String: Sharing] {
        var sharing: [String: Sharing] = [:]
        for practice in practices {
            for material in practice.practice.materials {
                guard sharing[material.material.value] == nil, material.source.value == .shared,
                    let from = material.from, dictionary.isProvinceWide(from.value)
                else { continue }
                sharing[material.material.value] = Sharing(
                    source: from.value,
                    provenance: Provenance(
                        locality: practice.locality.code.value, location: from.location, rule: .provinceWideSharing))
            }
        }
        return sharing
    }

    /// Fields an applicant of this practice would fill by hand under province-wide sharing:
    /// a city's own source cannot prefill the standard elsewhere.
    func handFilled(_ practice: ResolvedPractice, _ sharing: [String: Sharing]) -> Int {
        practice.fields.count { field in
            sharing[field.id] == nil && !(field.prefill.map { dictionary.isProvinceWide($0.value) } ?? false)
        }
    }

    func submitted(_ practice: ResolvedPractice, _ sharing: [String: Sharing]) -> Int {
        practice.practice.materials.count { standardSource($0, sharing).source == .applicant }
    }

    /// The legally required fields a practice lacks: the merge adds them back if it wins.
    func missingRequiredFields(_ practice: ResolvedPractice) -> [String] {
        let present = Set(practice.fields.map(\.id))
        var seen: Set<String> = []
        return frame.requiredFields.map(\.value).filter { !present.contains($0) && seen.insert($0).inserted }
    }

    /// The legally required materials a practice lacks.
    func missingRequiredMaterials(_ practice: ResolvedPractice) -> [String] {
        let present = Set(practice.practice.materials.map(\.material.value))
        var seen: Set<String> = []
        return frame.requiredMaterials.map(\.value).filter { !present.contains($0) && seen.insert($0).inserted }
    }

    func stepDays(_ practice: ResolvedPractice) -> Int {
        practice.practice.steps.reduce(0) { $0 + ($1.days?.value ?? 0) }
    }

    /// Where a practice's material comes from in the standard.
    private func standardSource(_ material: PracticeMaterial, _ sharing: [String: Sharing])
        -> (source: MaterialSource, from: String?, spread: Provenance?)
    {
        if material.source.value == .issued { return (.issued, nil, nil) }
        if material.source.value == .shared, let from = material.from, dictionary.isProvinceWide(from.value) {
            return (.shared, from.value, nil)
        }
        if let spread = sharing[material.material.value] { return (.shared, spread.source, spread.provenance) }
        return (.applicant, nil, nil)
    }

    // MARK: Building the standard's parts

    private func standardField(_ field: ResolvedField, sharing: [String: Sharing], provenance: Provenance)
        -> StandardField
    {
        var prefill: String?
        var prefillProvenance: Provenance?
        if let own = field.prefill, dictionary.isProvinceWide(own.value) {
            prefill = own.value
        } else if let spread = sharing[field.id] {
            prefill = spread.source
            prefillProvenance = spread.provenance
        }
        return StandardField(
            id: field.id, origin: field.origin, label: field.label, spec: field.spec, required: field.required,
            prefill: prefill, requiredIf: field.requiredIf?.value, visibleIf: field.visibleIf?.value,
            provenance: provenance, prefillProvenance: prefillProvenance)
    }

    private func frameField(_ id: Located<String>, sharing: [String: Sharing]) -> StandardField? {
        let provenance = Provenance(locality: nil, location: id.location, rule: .legalMinimum)
        let definition: (FieldOrigin, LocalizedText, FieldSpec)
        if let local = frame.localFields.first(where: { $0.id.value == id.value }) {
            definition = (.local, local.label, local.spec)
        } else if let element = dictionary.elements[id.value] {
            definition = (.element, element.label, element.spec)
        } else {
            return nil
        }
        return StandardField(
            id: id.value, origin: definition.0, label: definition.1, spec: definition.2, required: true,
            prefill: sharing[id.value]?.source, requiredIf: nil, visibleIf: nil, provenance: provenance,
            prefillProvenance: sharing[id.value]?.provenance)
    }

    private func standardMaterial(_ material: PracticeMaterial, sharing: [String: Sharing], provenance: Provenance)
        -> StandardMaterial?
    {
        guard let definition = dictionary.materials[material.material.value] else { return nil }
        let source = standardSource(material, sharing)
        return StandardMaterial(
            id: material.material.value, name: definition.name, source: source.source, from: source.from,
            form: material.form?.value ?? definition.form.value,
            copies: material.copies?.value ?? definition.copies?.value ?? 1, required: material.required?.value ?? true,
            provenance: provenance, sourceProvenance: source.spread)
    }

    private func frameMaterial(_ id: Located<String>, sharing: [String: Sharing]) -> StandardMaterial? {
        guard let definition = dictionary.materials[id.value] else { return nil }
        let spread = sharing[id.value]
        return StandardMaterial(
            id: id.value, name: definition.name, source: spread == nil ? .applicant : .shared, from: spread?.source,
            form: definition.form.value, copies: definition.copies?.value ?? 1, required: true,
            provenance: Provenance(locality: nil, location: id.location, rule: .legalMinimum),
            sourceProvenance: spread?.provenance)
    }
}

/// The dictionary lookups the merge needs.
struct MergeDictionary {
    let elements: [String: DataElement]
    let materials: [String: Material]
    let sources: [String: SharedSource]

    init(_ catalog: SourceCatalog) {
        elements = Dictionary(catalog.elements.map { ($0.id.value, $0) }, uniquingKeysWith: { first, _ in first })
        materials = Dictionary(catalog.materials.map { ($0.id.value, $0) }, uniquingKeysWith: { first, _ in first })
        sources = Dictionary(catalog.sources.map { ($0.id.value, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Only a province-wide source can serve every locality.
    func isProvinceWide(_ source: String) -> Bool {
        sources[source]?.scope.value == .province
    }
}
