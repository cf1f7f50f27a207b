import JimuYAML

extension DocumentReader {
    static let itemKeys = [
        "key", "code", "name", "department", "kind", "level", "audience", "handling", "legal_basis",
        "conditions", "statutory_limit", "effective", "fees", "contacts", "preconditions", "outputs",
        "required", "local_fields", "pins",
    ]

    /// `items/<key>.yaml`: the province frame of one item.
    func decodeItem(root: YAMLNodeID, fileKey: String) -> ItemFrame? {
        guard let map = mapping(root, what: "item", keys: Self.itemKeys) else { return nil }
        let key = map.required("key").flatMap { name($0, what: "item key", syntax: .key) }
        if let key, key.value != fileKey {
            diagnostics.report(
                .nameMismatch, "item key `\(key.value)` does not match its file name `\(fileKey).yaml`",
                at: key.location, fix: .init("write `key: \(fileKey)` or rename the file", replacement: fileKey))
        }
        let code = map.required("code").flatMap { string($0, what: "item code") }
        if let code, let problem = ItemCode.problem(code.value) {
            diagnostics.report(.invalidItemCode, "item code `\(code.value)` \(problem)", at: code.location)
        }
        let title = map.required("name").flatMap { text($0, what: "item name") }
        let department = map.required("department").flatMap { name($0, what: "department id", syntax: .plainID) }
        let kind: Located<ItemKind>? = map.required("kind").flatMap { choice($0, what: "item kind") }
        let level: Located<GovernmentLevel>? = map.required("level").flatMap { choice($0, what: "level") }
        let audience: [Located<Audience>] =
            map.required("audience").map { list($0, what: "audience") { choice($0, what: "audience") } } ?? []
        let handling: Located<Handling>? = map.required("handling").flatMap { choice($0, what: "handling") }
        let legalBasis = map["legal_basis"].map { list($0, what: "legal basis") { text($0, what: "legal basis") } } ?? []
        let conditions = map["conditions"].flatMap { text($0, what: "conditions") }
        let statutory = map.required("statutory_limit").flatMap {
            integer($0, what: "statutory_limit (working days)", range: 0...3650)
        }
        let effective = map["effective"].flatMap { date($0, what: "effective") }
        let fees = map["fees"].flatMap { decodeFees($0) }
        let contacts = map["contacts"].flatMap { node -> Contacts? in
            guard let c = mapping(node, what: "contacts", keys: ["consultation", "complaint"]) else { return nil }
            return Contacts(
                consultation: c["consultation"].flatMap { string($0, what: "consultation contact") },
                complaint: c["complaint"].flatMap { string($0, what: "complaint contact") })
        }
        let preconditions = map["preconditions"].map { names($0, what: "precondition item key", syntax: .key) } ?? []
        var outputFields: [Located<String>] = []
        var outputMaterials: [Located<String>] = []
        if let node = map["outputs"], let outputs = mapping(node, what: "outputs", keys: ["fields", "materials"]) {
            outputFields = outputs["fields"].map { names($0, what: "output element id", syntax: .elementID) } ?? []
            outputMaterials = outputs["materials"].map { names($0, what: "output material id", syntax: .plainID) } ?? []
        }
        var requiredFields: [Located<String>] = []
        var requiredMaterials: [Located<String>] = []
        if let node = map["required"], let required = mapping(node, what: "required", keys: ["fields", "materials"]) {
            requiredFields = required["fields"].map { names($0, what: "required element id", syntax: .elementID) } ?? []
            requiredMaterials =
                required["materials"].map { names($0, what: "required material id", syntax: .plainID) } ?? []
        }
        let localFields = map["local_fields"].map { node in
            list(node, what: "local fields") { entry -> LocalField? in
                guard
                    let field = mapping(entry, what: "local field", keys: ["id", "label"] + Self.fieldSpecKeys)
                else { return nil }
                let id = field.required("id").flatMap { name($0, what: "local field id", syntax: .elementID) }
                let label = field.required("label").flatMap { text($0, what: "label") }
                let spec = fieldSpec(field, what: "local field `\(id?.value ?? "?")`")
                guard let id, let label, let spec else { return nil }
                return LocalField(id: id, label: label, spec: spec)
            }
        } ?? []
        var pins: [MergeDimension: Located<String>] = [:]
        if let node = map["pins"],
            let pinMap = mapping(node, what: "pins", keys: MergeDimension.allCases.map(\.rawValue))
        {
            for dimension in MergeDimension.allCases {
                if let code = pinMap[dimension.rawValue].flatMap({ name($0, what: "pinned locality", syntax: .divisionCode) }) {
                    pins[dimension] = code
                }
            }
        }
        guard let key, let code, let title, let department, let kind, let level, let handling, let statutory
        else { return nil }
        return ItemFrame(
            file: file, key: key, code: code, name: title, department: department, kind: kind, level: level,
            audience: audience, handling: handling, legalBasis: legalBasis, conditions: conditions,
            statutoryLimit: statutory, effective: effective, fees: fees, contacts: contacts,
            preconditions: preconditions, outputFields: outputFields, outputMaterials: outputMaterials,
            requiredFields: requiredFields, requiredMaterials: requiredMaterials, localFields: localFields, pins: pins)
    }

    /// `{charged: false}` or `{charged: true, basis: …, standard: …}`.
    func decodeFees(_ node: YAMLNodeID) -> Fees? {
        guard let map = mapping(node, what: "fees", keys: ["charged", "basis", "standard"]) else { return nil }
        guard let charged = map.required("charged").flatMap({ bool($0, what: "charged") }) else { return nil }
        let basis = map["basis"].flatMap { text($0, what: "fee basis") }
        let standard = map["standard"].flatMap { text($0, what: "fee standard") }
        if charged.value {
            if basis == nil { _ = map.required("basis") }
            if standard == nil { _ = map.required("standard") }
        }
        return Fees(charged: charged, basis: basis, standard: standard)
    }
}
