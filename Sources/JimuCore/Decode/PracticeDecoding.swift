import JimuYAML

extension DocumentReader {
    static let practiceKeys = [
        "item", "effective", "fields", "materials", "steps", "promised_limit", "visits", "visit_reason",
        "channels", "online_depth", "fees",
    ]

    /// `localities/<folder>/<item-key>.yaml`: one locality's practice for one item.
    func decodePractice(root: YAMLNodeID, folder: String, fileKey: String) -> Practice? {
        guard let map = mapping(root, what: "practice", keys: Self.practiceKeys) else { return nil }
        let item = map.required("item").flatMap { name($0, what: "item key", syntax: .key) }
        if let item, item.value != fileKey {
            diagnostics.report(
                .nameMismatch, "practice for item `\(item.value)` lies in a file named `\(fileKey).yaml`",
                at: item.location, fix: .init("name the file `\(item.value).yaml`"))
        }
        let effective = map["effective"].flatMap { date($0, what: "effective") }
        let fields = map["fields"].map { list($0, what: "fields", practiceField) } ?? []
        let materials = map["materials"].map { list($0, what: "materials", practiceMaterial) } ?? []
        let steps = map["steps"].map { node in
            list(node, what: "steps") { entry -> ProcessStep? in
                guard let step = mapping(entry, what: "step", keys: ["name", "days"]) else { return nil }
                let title = step.required("name").flatMap { text($0, what: "step name") }
                let days = step["days"].flatMap { integer($0, what: "days (working days)", range: 0...3650) }
                guard let title else { return nil }
                return ProcessStep(name: title, days: days, location: location(entry))
            }
        } ?? []
        let promised = map["promised_limit"].flatMap {
            integer($0, what: "promised_limit (working days)", range: 0...3650)
        }
        let visits = map["visits"].flatMap { integer($0, what: "visits", range: 0...20) }
        let visitReason = map["visit_reason"].flatMap { text($0, what: "visit_reason") }
        if let visits, visits.value > 0, visitReason == nil {
            diagnostics.report(
                .missingVisitReason,
                "\(visits.value) visit\(visits.value == 1 ? "" : "s") in person need a `visit_reason`",
                at: visits.location)
        }
        let channels: [Located<Channel>] =
            map["channels"].map { list($0, what: "channels") { choice($0, what: "channel") } } ?? []
        let depth: Located<OnlineDepth>? = map["online_depth"].flatMap { choice($0, what: "online depth") }
        let fees = map["fees"].flatMap { decodeFees($0) }
        guard let item else { return nil }
        return Practice(
            file: file, localityFolder: folder, item: item, effective: effective, fields: fields,
            materials: materials, steps: steps, promisedLimit: promised, visits: visits, visitReason: visitReason,
            channels: channels, onlineDepth: depth, fees: fees)
    }

    private func practiceField(_ node: YAMLNodeID) -> PracticeField? {
        guard
            let map = mapping(
                node, what: "form field",
                keys: ["ref", "label", "local", "required", "prefill", "required_if", "visible_if"])
        else { return nil }
        let routes = ["ref", "label", "local"].filter { map[$0] != nil }
        guard routes.count == 1 else {
            diagnostics.report(
                routes.isEmpty ? .missingKey : .conflictingConstraints,
                routes.isEmpty
                    ? "form field needs one of `ref`, `label` or `local`"
                    : "form field has \(routes.map { "`\($0)`" }.joined(separator: " and ")); give exactly one",
                at: location(node))
            return nil
        }
        let reference: FieldReference
        switch routes[0] {
        case "ref":
            guard let id = map["ref"].flatMap({ name($0, what: "element id", syntax: .elementID) }) else { return nil }
            reference = .element(id)
        case "label":
            guard let label = map["label"].flatMap({ string($0, what: "field label") }) else { return nil }
            reference = .label(label)
        default:
            guard let id = map["local"].flatMap({ name($0, what: "local field id", syntax: .elementID) }) else {
                return nil
            }
            reference = .local(id)
        }
        return PracticeField(
            reference: reference,
            required: map["required"].flatMap { bool($0, what: "required") },
            prefill: map["prefill"].flatMap { name($0, what: "source id", syntax: .plainID) },
            requiredIf: map["required_if"].flatMap { condition($0, what: "required_if") },
            visibleIf: map["visible_if"].flatMap { condition($0, what: "visible_if") },
            location: location(node))
    }

    private func practiceMaterial(_ node: YAMLNodeID) -> PracticeMaterial? {
        guard
            let map = mapping(
                node, what: "material", keys: ["ref", "source", "from", "form", "copies", "required"])
        else { return nil }
        let id = map.required("ref").flatMap { name($0, what: "material id", syntax: .plainID) }
        let source: Located<MaterialSource>? = map.required("source").flatMap { choice($0, what: "material source") }
        let from = map["from"].flatMap { name($0, what: "source id", syntax: .plainID) }
        if let source, source.value == .shared, map["from"] == nil {
            diagnostics.report(
                .missingKey, "a shared material needs `from`: the source it is fetched from", at: source.location)
        }
        if let source, source.value != .shared, let fromKey = map.location(ofKey: "from") {
            diagnostics.report(
                .conflictingConstraints, "`from` applies only to materials with `source: shared`", at: fromKey)
        }
        let form: Located<MaterialForm>? = map["form"].flatMap { choice($0, what: "material form") }
        let copies = map["copies"].flatMap { integer($0, what: "copies", range: 0...100) }
        let required = map["required"].flatMap { bool($0, what: "required") }
        guard let id, let source else { return nil }
        return PracticeMaterial(
            material: id, source: source, from: from, form: form, copies: copies, required: required,
            location: location(node))
    }

    /// Parses a condition; an error points at its column inside the expression.
    func condition(_ node: YAMLNodeID, what: String) -> Located<ConditionExpression>? {
        guard let source = string(node, what: what) else { return nil }
        if source.value.unicodeScalars.count > limits.maxExpressionLength {
            diagnostics.report(
                .expressionTooLong,
                "\(what) is \(source.value.unicodeScalars.count) characters long, over the limit of "
                    + "\(limits.maxExpressionLength) (raise `limits.max_expression_length` in jimu.yaml)",
                at: source.location)
            return nil
        }
        do throws(ConditionParser.Failure) {
            let expression = try ConditionParser.parse(source.value)
            // Anchored at the expression's first character; each field's offset becomes its
            // distance in columns from there as written (an escape before it takes several),
            // so `advanced(by:)` lands on the field.
            let anchor = location(inside: node, offset: 0)
            let relocated = expression.mappingFieldOffsets { offset in
                let place = location(inside: node, offset: offset)
                return place.line == anchor.line ? max(0, place.column - anchor.column) : 0
            }
            return Located(relocated, at: anchor)
        } catch {
            diagnostics.report(
                .invalidExpression, "\(what): \(error.message)", at: location(inside: node, offset: error.offset))
            return nil
        }
    }
}
