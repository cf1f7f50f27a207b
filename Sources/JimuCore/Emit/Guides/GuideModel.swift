/// What a guide says, as the values a Mustache template reads: one builder for every format.
/// Editor text goes through the `style` (one language with a visible fallback, both
/// languages, or the translation check); numbers, keys and codes are passed as they are.
/// Escaping is the template's: Markdown templates escape for Markdown, HTML ones for HTML.
///
/// Nested values never reuse a key of their parent for something else, since Mustache
/// looks a missing key up in the enclosing values.
struct GuideModel {
    typealias Values = TemplateObject

    let catalog: StandardCatalog
    private(set) var style: any GuideTextStyle
    /// The extension of the guide files links point at: `md` or `html`.
    let fileExtension: String
    /// Whether a guide exists in this language (`items`/`bundles`, key); links to one that
    /// does not go to the Chinese guide instead.
    var linkable: (_ folder: String, _ key: String) -> Bool = { _, _ in true }

    private let departments: [String: Department]
    private let sources: [String: SharedSource]
    private let materials: [String: Material]
    private let elements: [String: DataElement]
    private let codeLists: [String: CodeList]
    private let items: [String: StandardItem]
    private let bundlesOfItem: [String: [StandardBundle]]
    /// Which item declares each local field, for the place of its label.
    private let localFieldOwner: [String: ItemFrame]

    init(catalog: StandardCatalog, style: any GuideTextStyle, fileExtension: String) {
        self.catalog = catalog
        self.style = style
        self.fileExtension = fileExtension
        func index<T>(_ values: [T], _ key: (T) -> String) -> [String: T] {
            Dictionary(values.map { (key($0), $0) }, uniquingKeysWith: { first, _ in first })
        }
        departments = index(catalog.departments) { $0.id.value }
        sources = index(catalog.sources) { $0.id.value }
        materials = index(catalog.materials) { $0.id.value }
        elements = index(catalog.elements) { $0.id.value }
        codeLists = index(catalog.codeLists) { $0.id.value }
        items = index(catalog.items) { $0.key }
        var bundlesOfItem: [String: [StandardBundle]] = [:]
        for bundle in catalog.bundles {
            for key in bundle.items { bundlesOfItem[key, default: []].append(bundle) }
        }
        self.bundlesOfItem = bundlesOfItem
        var owners: [String: ItemFrame] = [:]
        for item in catalog.items {
            for field in item.frame.localFields where owners[field.id.value] == nil { owners[field.id.value] = item.frame }
        }
        localFieldOwner = owners
    }

    /// The same model writing its texts through `style`: the lookup tables are shared, not
    /// built again.
    func restyled(_ style: any GuideTextStyle) -> GuideModel {
        var copy = self
        copy.style = style
        return copy
    }

    // MARK: Text

    private func words(_ text: LocalizedText) -> TemplateValue { style.text(text, nil) }

    private func itemName(_ item: StandardItem) -> TemplateValue {
        style.text(item.frame.name, namePlace(item))
    }

    func namePlace(_ item: StandardItem) -> TextPlace {
        Self.itemNamePlace(file: item.frame.file, anchor: item.frame.key.location, key: item.key)
    }

    func namePlace(_ bundle: StandardBundle) -> TextPlace {
        Self.bundleNamePlace(file: bundle.bundle.file, anchor: bundle.bundle.key.location, key: bundle.key)
    }

    private static func itemNamePlace(file: String, anchor: SourceLocation, key: String) -> TextPlace {
        TextPlace(file: file, path: [.key("name")], anchor: anchor, what: "the name of item `\(key)`")
    }

    private static func bundleNamePlace(file: String, anchor: SourceLocation, key: String) -> TextPlace {
        TextPlace(file: file, path: [.key("name")], anchor: anchor, what: "the name of bundle `\(key)`")
    }

    private func department(_ id: String) -> TemplateValue {
        guard let department = departments[id] else { return words(LocalizedText(zh: id, en: id)) }
        return style.text(
            department.name,
            TextPlace(
                file: department.id.location.file, path: [.key("departments"), .entry(field: "id", value: id), .key("name")],
                anchor: department.id.location, what: "the name of department `\(id)`"))
    }

    private func sourcePlace(_ source: SharedSource) -> TextPlace {
        TextPlace(
            file: source.id.location.file, path: [.key("sources"), .entry(field: "id", value: source.id.value), .key("name")],
            anchor: source.id.location, what: "the name of shared source `\(source.id.value)`")
    }

    private func materialName(_ id: String, fallback: LocalizedText) -> TemplateValue {
        guard let material = materials[id] else { return words(fallback) }
        return style.text(
            material.name,
            TextPlace(
                file: material.id.location.file, path: [.key("materials"), .entry(field: "id", value: id), .key("name")],
                anchor: material.id.location, what: "the name of material `\(id)`"))
    }

    private func labelPlace(_ field: StandardField) -> TextPlace? {
        switch field.origin {
        case .element:
            guard let element = elements[field.id] else { return nil }
            return TextPlace(
                file: element.id.location.file, path: [.key("elements"), .entry(field: "id", value: field.id), .key("label")],
                anchor: element.id.location, what: "the label of data element `\(field.id)`")
        case .local:
            guard let owner = localFieldOwner[field.id], let local = owner.localFields.first(where: { $0.id.value == field.id })
            else { return nil }
            return TextPlace(
                file: owner.file, path: [.key("local_fields"), .entry(field: "id", value: field.id), .key("label")],
                anchor: local.id.location, what: "the label of local field `\(field.id)` of item `\(owner.key.value)`")
        }
    }

    /// A relative link from a guide in `from` (`items`, `bundles`, or "" for the index).
    private func href(_ folder: String, _ key: String, from: String) -> String {
        let file = "\(key).\(fileExtension)"
        guard linkable(folder, key) else {
            return (from.isEmpty ? "../zh/" : "../../zh/") + "\(folder)/\(file)"
        }
        if from == folder { return file }
        return (from.isEmpty ? "" : "../") + "\(folder)/\(file)"
    }

    private func href(item key: String, from folder: String) -> String { href("items", key, from: folder) }

    private func href(bundle key: String, from folder: String) -> String { href("bundles", key, from: folder) }

    // MARK: Item

    /// An item's guide: who may apply, materials, form, steps, limits, visits, channels,
    /// fees, legal basis, department and contacts.
    func item(_ item: StandardItem) -> Values {
        let frame = item.frame
        var v: Values = [
            "key": .text(item.key), "code": .text(frame.code.value), "name": itemName(item),
            "kind": words(GuideVocabulary.kind(frame.kind.value)),
            "level": words(GuideVocabulary.level(frame.level.value)),
            "handling": words(GuideVocabulary.handling(frame.handling.value)),
            "department": department(frame.department.value),
            "audience": .list(frame.audience.map { words(GuideVocabulary.audience($0.value)) }),
            "statutoryLimit": .int(frame.statutoryLimit.value),
            "statutoryText": words(GuideVocabulary.workingDays(frame.statutoryLimit.value)),
            "promisedLimit": .int(item.promisedLimit.value),
            "promisedText": words(GuideVocabulary.workingDays(item.promisedLimit.value)),
            "visits": words(GuideVocabulary.visits(item.visits?.value)),
            "zeroVisits": .bool(item.visits?.value == 0),
            "atMostOneVisit": .bool((item.visits?.value ?? 2) <= 1),
        ]
        if let count = item.visits?.value { v["visitCount"] = .text(String(count)) }
        v["reformTerm"] = GuideVocabulary.reformTerm(item.visits?.value).map { .text($0) }
        if let conditions = frame.conditions {
            v["conditions"] = style.text(
                conditions,
                TextPlace(file: frame.file, path: [.key("conditions")], anchor: frame.key.location, what: "the conditions of item `\(item.key)`"))
        }
        v["legalBasis"] = .list(frame.legalBasis.enumerated().map { index, basis in
            style.text(
                basis,
                TextPlace(
                    file: frame.file, path: [.key("legal_basis"), .index(index)], anchor: frame.key.location,
                    what: "legal basis \(index + 1) of item `\(item.key)`"))
        })
        v["hasLegalBasis"] = .bool(!frame.legalBasis.isEmpty)
        if let reason = item.visitReason, let visits = item.visits, visits.value > 0 {
            v["visitReason"] = style.text(
                reason,
                TextPlace(
                    file: visits.provenance.file, path: [.key("visit_reason")], anchor: visits.provenance.location,
                    what: "the visit reason of item `\(item.key)`"))
        }
        v["channels"] = .list(item.channels.value.map { words(GuideVocabulary.channel($0)) })
        v["hasChannels"] = .bool(!item.channels.value.isEmpty)
        if let depth = item.onlineDepth { v["onlineDepth"] = words(GuideVocabulary.onlineDepth(depth)) }
        v.merge(fees(frame))
        v.merge(contacts(frame.contacts))

        let producers = preconditionOutputs(item)
        let materialRows = item.materials.map { material(material: $0, earlier: producers[$0.id]) }
        v["materials"] = .objects(materialRows)
        v["hasMaterials"] = .bool(!materialRows.isEmpty)
        v["submittedCount"] = .int(item.submittedCount)
        v["exemptCount"] = .int(item.materials.count - item.submittedCount)

        let fieldRows = formRows(item.form, process: [])
        v["fields"] = .objects(fieldRows)
        v["hasFields"] = .bool(!fieldRows.isEmpty)
        v["handFilledCount"] = .int(item.handFilledCount)
        v["prefilledCount"] = .int(item.form.count - item.handFilledCount)

        v["steps"] = .objects(item.steps.value.enumerated().map { index, step in
            var row: Values = [
                "number": .int(index + 1),
                "stepName": style.text(
                    step.name,
                    TextPlace(
                        file: item.steps.provenance.file, path: [.key("steps"), .index(index), .key("name")],
                        anchor: item.steps.provenance.location, what: "the name of step \(index + 1) of item `\(item.key)`")),
            ]
            if let days = step.days { row["stepDays"] = words(GuideVocabulary.stepDays(days)) }
            return row
        })
        v["hasSteps"] = .bool(!item.steps.value.isEmpty)

        let preconditions = frame.preconditions.compactMap { items[$0.value] }
        v["preconditions"] = .objects(preconditions.map { link(item: $0, from: "items") })
        v["hasPreconditions"] = .bool(!preconditions.isEmpty)
        v["outputs"] = .list(frame.outputMaterials.map { materialName($0.value, fallback: LocalizedText(zh: $0.value, en: $0.value)) })
        v["hasOutputs"] = .bool(!frame.outputMaterials.isEmpty)
        let bundles = bundlesOfItem[item.key] ?? []
        v["bundles"] = .objects(bundles.map { link(bundle: $0, from: "items") })
        v["hasBundles"] = .bool(!bundles.isEmpty)
        return v
    }

    private func link(item: StandardItem, from folder: String) -> Values {
        ["linkKey": .text(item.key), "linkName": itemName(item), "href": .text(href(item: item.key, from: folder))]
    }

    private func link(bundle: StandardBundle, from folder: String) -> Values {
        [
            "linkKey": .text(bundle.key), "linkName": style.text(bundle.bundle.name, namePlace(bundle)),
            "href": .text(href(bundle: bundle.key, from: folder)),
        ]
    }

    private func fees(_ frame: ItemFrame) -> Values {
        guard let fees = frame.fees, fees.charged.value else {
            return ["charged": .bool(false), "feeText": words(GuideVocabulary.free)]
        }
        var v: Values = ["charged": .bool(true), "feeText": words(GuideVocabulary.charged)]
        if let standard = fees.standard {
            v["feeStandard"] = style.text(
                standard,
                TextPlace(
                    file: frame.file, path: [.key("fees"), .key("standard")], anchor: fees.charged.location,
                    what: "the fee standard of item `\(frame.key.value)`"))
        }
        if let basis = fees.basis {
            v["feeBasis"] = style.text(
                basis,
                TextPlace(
                    file: frame.file, path: [.key("fees"), .key("basis")], anchor: fees.charged.location,
                    what: "the fee basis of item `\(frame.key.value)`"))
        }
        return v
    }

    private func contacts(_ contacts: Contacts?) -> Values {
        var v: Values = [:]
        if let consultation = contacts?.consultation?.value { v["consultation"] = .text(consultation) }
        if let complaint = contacts?.complaint?.value { v["complaint"] = .text(complaint) }
        v["hasContacts"] = .bool(!v.isEmpty)
        return v
    }

    /// For each material the item's preconditions produce, the earliest such item.
    private func preconditionOutputs(_ item: StandardItem) -> [String: StandardItem] {
        var out: [String: StandardItem] = [:]
        for key in item.frame.preconditions {
            guard let earlier = items[key.value] else { continue }
            for material in earlier.frame.outputMaterials where out[material.value] == nil { out[material.value] = earlier }
        }
        return out
    }

    /// One material: its name, form, copies, whether it is required, and whether the
    /// applicant submits it or it comes from shared data, the agency or an earlier item.
    private func material(material: StandardMaterial, earlier: StandardItem?, producedBy: StandardItem? = nil) -> Values {
        var row: Values = [
            "id": .text(material.id), "materialName": materialName(material.id, fallback: material.name),
            "form": words(GuideVocabulary.materialForm(material.form)), "copies": .int(material.copies),
            "required": words(GuideVocabulary.required(material.required)), "isRequired": .bool(material.required),
        ]
        let how: TemplateValue
        var submitted = false
        if let producer = producedBy {
            how = style.text(GuideVocabulary.producedBy(producer.frame.name), namePlace(producer))
        } else {
            switch material.source {
            case .applicant:
                how = words(GuideVocabulary.submit)
                submitted = true
                if let earlier {
                    row["note"] = style.text(GuideVocabulary.fromEarlierItem(earlier.frame.name), namePlace(earlier))
                }
            case .shared:
                if let id = material.from, let source = sources[id] {
                    how = style.text(GuideVocabulary.fetched(from: source.name), sourcePlace(source))
                } else {
                    let id = material.from ?? "?"
                    how = words(GuideVocabulary.fetched(from: LocalizedText(zh: id, en: id)))
                }
            case .issued:
                how = words(GuideVocabulary.issuedByAgency)
            }
        }
        row["how"] = how
        row["submitted"] = .bool(submitted)
        row["exempt"] = .bool(!submitted)
        return row
    }

    /// The form's fields, then those an earlier item fills (bundles only).
    private func formRows(_ form: [StandardField], process: [(StandardField, StandardItem)]) -> [Values] {
        let labels = Dictionary((form + process.map(\.0)).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let wording = ConditionWording(
            label: { id in labels[id]?.label ?? LocalizedText(zh: id, en: id) },
            codeLabel: { [self] field, code in self.codeLabel(labels[field], code)?.label })
        func touchCodeLabels(_ expression: ConditionExpression?) {
            // Record the code labels a condition shows, so a missing English one is reported.
            guard let expression else { return }
            for (field, code) in Self.comparedCodes(expression) {
                if let found = codeLabel(labels[field], code) { _ = style.text(found.label, found.place) }
            }
        }
        var rows: [Values] = form.map { field in
            var row = fieldRow(field)
            if let prefill = field.prefill {
                if let source = sources[prefill] {
                    row["fill"] = style.text(GuideVocabulary.prefilled(from: source.name), sourcePlace(source))
                } else {
                    row["fill"] = words(GuideVocabulary.prefilled(from: LocalizedText(zh: prefill, en: prefill)))
                }
            } else {
                row["fill"] = words(GuideVocabulary.byHand)
            }
            row["handFilled"] = .bool(field.isHandFilled)
            var notes: [TemplateValue] = []
            if let condition = field.requiredIf {
                touchCodeLabels(condition)
                let text = wording.words(condition)
                notes.append(words(LocalizedText(zh: "满足以下条件时必填：" + text.zh, en: text.en.map { "Required if " + $0 })))
            }
            if let condition = field.visibleIf {
                touchCodeLabels(condition)
                let text = wording.words(condition)
                notes.append(words(LocalizedText(zh: "满足以下条件时显示：" + text.zh, en: text.en.map { "Shown if " + $0 })))
            }
            row["notes"] = .list(notes)
            row["hasNotes"] = .bool(!notes.isEmpty)
            return row
        }
        rows += process.map { field, producer in
            var row = fieldRow(field)
            row["fill"] = style.text(GuideVocabulary.filledByProcess(producer.frame.name), namePlace(producer))
            row["handFilled"] = .bool(false)
            row["notes"] = .list([])
            row["hasNotes"] = .bool(false)
            return row
        }
        return rows
    }

    private func fieldRow(_ field: StandardField) -> Values {
        let requirement: LocalizedText =
            if field.requiredIf != nil {
                LocalizedText(zh: "条件必填", en: "Required if")
            } else if field.required {
                LocalizedText(zh: "必填", en: "Required")
            } else {
                LocalizedText(zh: "选填", en: "Optional")
            }
        return [
            "id": .text(field.id), "label": style.text(field.label, labelPlace(field)),
            "type": words(GuideVocabulary.fieldType(field.spec)), "requirement": words(requirement),
        ]
    }

    private func codeLabel(_ field: StandardField?, _ code: String) -> (label: LocalizedText, place: TextPlace)? {
        guard let field, let listID = field.spec.codeList?.value, let list = codeLists[listID],
            let entry = list.entries.first(where: { $0.code.value == code })
        else { return nil }
        let place = TextPlace(
            file: list.id.location.file,
            path: [
                .key("codelists"), .entry(field: "id", value: listID), .key("codes"), .entry(field: "code", value: code),
                .key("label"),
            ],
            anchor: entry.code.location, what: "the label of code `\(code)` of code list `\(listID)`")
        return (entry.label, place)
    }

    /// The (field, code) pairs a condition compares, to show codes by their labels.
    static func comparedCodes(_ e: ConditionExpression) -> [(String, String)] {
        switch e {
        case .and(let l, let r), .or(let l, let r): return comparedCodes(l) + comparedCodes(r)
        case .not(let inner): return comparedCodes(inner)
        case .compare(.field(let f), _, .literal(.string(let s))), .compare(.literal(.string(let s)), _, .field(let f)):
            return [(f.id, s)]
        case .member(.field(let f), let values):
            return values.compactMap { value in
                if case .string(let s) = value { return (f.id, s) }
                return nil
            }
        default: return []
        }
    }

    // MARK: Bundle

    /// A bundle's guide: the items, the one form and one set of materials, the stages that
    /// run in parallel, the critical path and the total working days.
    func bundle(_ bundle: StandardBundle) -> Values {
        let members = bundle.items.compactMap { items[$0] }
        let critical = Set(bundle.schedule.criticalPath)
        var stageOf: [String: Int] = [:]
        for (index, stage) in bundle.schedule.stages.enumerated() {
            for key in stage.items { stageOf[key] = index + 1 }
        }
        var v: Values = [
            "key": .text(bundle.key), "name": style.text(bundle.bundle.name, namePlace(bundle)),
            "promisedLimit": .int(bundle.bundle.promisedLimit.value),
            "promisedText": words(GuideVocabulary.workingDays(bundle.bundle.promisedLimit.value)),
            "totalWorkingDays": .int(bundle.schedule.totalWorkingDays),
            "totalText": words(GuideVocabulary.workingDays(bundle.schedule.totalWorkingDays)),
            "withinPromise": .bool(bundle.schedule.totalWorkingDays <= bundle.bundle.promisedLimit.value),
            "itemCount": .int(members.count),
        ]
        if let description = bundle.bundle.description {
            v["description"] = style.text(
                description,
                TextPlace(
                    file: bundle.bundle.file, path: [.key("description")], anchor: bundle.bundle.key.location,
                    what: "the description of bundle `\(bundle.key)`"))
        }
        if let lead = bundle.bundle.leadDepartment { v["leadDepartment"] = department(lead.value) }
        let stated = members.compactMap { $0.visits?.value }
        let visits = stated.count == members.count ? stated.max() ?? 0 : nil
        v["visits"] = words(GuideVocabulary.visits(visits))
        v["zeroVisits"] = .bool(visits == 0)
        v["atMostOneVisit"] = .bool((visits ?? 2) <= 1)
        v["reformTerm"] = GuideVocabulary.reformTerm(visits).map { .text($0) }

        v["items"] = .objects(members.enumerated().map { index, item in
            var row = link(item: item, from: "bundles")
            row["number"] = .int(index + 1)
            row["code"] = .text(item.frame.code.value)
            row["department"] = department(item.frame.department.value)
            row["itemPromised"] = words(GuideVocabulary.workingDays(item.promisedLimit.value))
            row["itemVisits"] = words(GuideVocabulary.visits(item.visits?.value))
            row["stage"] = .int(stageOf[item.key] ?? 0)
            row["critical"] = .bool(critical.contains(item.key))
            row["itemChannels"] = .list(item.channels.value.map { words(GuideVocabulary.channel($0)) })
            return row
        })
        v["stages"] = .objects(bundle.schedule.stages.enumerated().map { index, stage in
            [
                "number": .int(index + 1), "parallel": .bool(stage.items.count > 1),
                "stageItems": .objects(stage.items.compactMap { items[$0] }.map { link(item: $0, from: "bundles") }),
                "departments": .list(stage.departments.map { department($0) }),
            ] as Values
        })
        v["criticalPath"] = .objects(bundle.schedule.criticalPath.compactMap { items[$0] }.map { item in
            var row = link(item: item, from: "bundles")
            row["pathDays"] = words(GuideVocabulary.workingDays(item.promisedLimit.value))
            return row
        })
        v["conditions"] = .objects(members.compactMap { item -> Values? in
            guard let conditions = item.frame.conditions else { return nil }
            var row = link(item: item, from: "bundles")
            row["text"] = style.text(
                conditions,
                TextPlace(
                    file: item.frame.file, path: [.key("conditions")], anchor: item.frame.key.location,
                    what: "the conditions of item `\(item.key)`"))
            return row
        })

        // Materials: the bundle's own, then those an earlier item produces.
        var producedMaterials: [(String, StandardItem)] = []
        var producedFields: [String: StandardItem] = [:]
        for entry in bundle.removed {
            guard case .producedBy(let key) = entry.reason, let producer = items[key] else { continue }
            switch entry.kind {
            case .material:
                if !producedMaterials.contains(where: { $0.0 == entry.id }) { producedMaterials.append((entry.id, producer)) }
            case .field:
                if producedFields[entry.id] == nil { producedFields[entry.id] = producer }
            }
        }
        var materialRows = bundle.materials.map { material(material: $0, earlier: nil) }
        for (id, producer) in producedMaterials {
            guard let needing = members.lazy.flatMap(\.materials).first(where: { $0.id == id }) else { continue }
            materialRows.append(material(material: needing, earlier: nil, producedBy: producer))
        }
        v["materials"] = .objects(materialRows)
        v["hasMaterials"] = .bool(!materialRows.isEmpty)
        let process = bundle.processFilled.compactMap { field in producedFields[field.id].map { (field, $0) } }
        let fieldRows = formRows(bundle.form, process: process)
        v["fields"] = .objects(fieldRows)
        v["hasFields"] = .bool(!fieldRows.isEmpty)
        v["separateHandFilled"] = .int(bundle.separateHandFilledFields)
        v["handFilledCount"] = .int(bundle.handFilledCount)
        v["separateSubmitted"] = .int(bundle.separateSubmittedMaterials)
        v["submittedCount"] = .int(bundle.submittedCount)

        v["fees"] = .objects(members.compactMap { item -> Values? in
            guard item.frame.fees?.charged.value == true else { return nil }
            var row = link(item: item, from: "bundles")
            row.merge(fees(item.frame))
            return row
        })
        v["allFree"] = .bool(!members.contains { $0.frame.fees?.charged.value == true })
        v["legalBases"] = .objects(members.compactMap { item -> Values? in
            guard !item.frame.legalBasis.isEmpty else { return nil }
            var row = link(item: item, from: "bundles")
            row["bases"] = .list(item.frame.legalBasis.enumerated().map { index, basis in
                style.text(
                    basis,
                    TextPlace(
                        file: item.frame.file, path: [.key("legal_basis"), .index(index)], anchor: item.frame.key.location,
                        what: "legal basis \(index + 1) of item `\(item.key)`"))
            })
            return row
        })
        let contactRows = members.compactMap { item -> Values? in
            let contacts = contacts(item.frame.contacts)
            guard case .bool(true)? = contacts["hasContacts"] else { return nil }
            var row = link(item: item, from: "bundles")
            row.merge(contacts)
            return row
        }
        v["contacts"] = .objects(contactRows)
        v["hasContactList"] = .bool(!contactRows.isEmpty)
        return v
    }

    // MARK: Index

    /// Every bundle and item, grouped by department and by level.
    /// The index of the guides or the site: of summaries, as it lists every item and bundle of
    /// the catalog, which a rebuild has not all merged.
    func index(items chosen: [ItemIndexEntry], bundles chosenBundles: [BundleIndexEntry]) -> Values {
        let config = catalog.config
        var v: Values = [
            "province": style.text(
                config.provinceName,
                TextPlace(
                    file: config.provinceCode.location.file, path: [.key("province"), .key("name")],
                    anchor: config.provinceCode.location, what: "the province's name")),
            "version": .text(config.version.value),
        ]
        v["bundles"] = .objects(chosenBundles.map { bundle in
            var row: Values = [
                "linkKey": .text(bundle.key),
                "linkName": style.text(bundle.name, Self.bundleNamePlace(file: bundle.file, anchor: bundle.anchor, key: bundle.key)),
                "href": .text(href(bundle: bundle.key, from: "")),
            ]
            row["itemCount"] = .int(bundle.items.count)
            row["promisedText"] = words(GuideVocabulary.workingDays(bundle.promisedLimit))
            return row
        })
        v["hasBundles"] = .bool(!chosenBundles.isEmpty)
        func entry(_ item: ItemIndexEntry) -> Values {
            var row: Values = [
                "linkKey": .text(item.key),
                "linkName": style.text(item.name, Self.itemNamePlace(file: item.file, anchor: item.anchor, key: item.key)),
                "href": .text(href(item: item.key, from: "")),
            ]
            row["code"] = .text(item.code)
            row["itemVisits"] = words(GuideVocabulary.visits(item.visits))
            row["itemPromised"] = words(GuideVocabulary.workingDays(item.promisedLimit))
            return row
        }
        var byDepartment: [String: [ItemIndexEntry]] = [:]
        for item in chosen { byDepartment[item.department, default: []].append(item) }
        let order = catalog.departments.map(\.id.value) + byDepartment.keys.sorted()
        var seen: Set<String> = []
        v["departments"] = .objects(order.compactMap { id -> Values? in
            guard seen.insert(id).inserted, let members = byDepartment[id] else { return nil }
            return ["groupKey": .text(id), "groupName": department(id), "entries": .objects(members.map(entry))]
        })
        v["levels"] = .objects(GovernmentLevel.allCases.compactMap { level -> Values? in
            let members = chosen.filter { $0.level == level }
            guard !members.isEmpty else { return nil }
            return [
                "groupKey": .text(level.rawValue), "groupName": words(GuideVocabulary.level(level)),
                "entries": .objects(members.map(entry)),
            ]
        })
        v["itemCount"] = .int(chosen.count)
        return v
    }
}
