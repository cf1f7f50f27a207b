import JimuYAML

extension DocumentReader {
    /// Opens `root` as `{<listKey>: [...]}` and reads each entry with `entry`.
    func entries<T>(root: YAMLNodeID, listKey: String, what: String, _ entry: (YAMLNodeID) -> T?) -> [T] {
        guard let map = mapping(root, what: file, keys: [listKey]), let node = map.required(listKey) else { return [] }
        return list(node, what: what, entry)
    }

    /// `dictionary/fields.yaml`.
    func decodeElements(root: YAMLNodeID) -> [DataElement] {
        entries(root: root, listKey: "elements", what: "elements") { node in
            guard
                let map = mapping(
                    node, what: "data element",
                    keys: ["id", "label", "synonyms", "shared", "description"] + Self.fieldSpecKeys)
            else { return nil }
            let id = map.required("id").flatMap { name($0, what: "element id", syntax: .elementID) }
            let label = map.required("label").flatMap { text($0, what: "label") }
            let spec = fieldSpec(map, what: "data element `\(id?.value ?? "?")`")
            let synonyms = map["synonyms"].map { list($0, what: "synonyms") { string($0, what: "synonym") } } ?? []
            let shared = map["shared"].flatMap { name($0, what: "source id", syntax: .plainID) }
            let description = map["description"].flatMap { text($0, what: "description") }
            guard let id, let label, let spec else { return nil }
            return DataElement(
                id: id, label: label, spec: spec, synonyms: synonyms, sharedSource: shared, description: description)
        }
    }

    /// `dictionary/materials.yaml`.
    func decodeMaterials(root: YAMLNodeID) -> [Material] {
        entries(root: root, listKey: "materials", what: "materials") { node in
            guard
                let map = mapping(
                    node, what: "material", keys: ["id", "name", "form", "copies", "shared", "synonyms"])
            else { return nil }
            let id = map.required("id").flatMap { name($0, what: "material id", syntax: .plainID) }
            let title = map.required("name").flatMap { text($0, what: "material name") }
            let form: Located<MaterialForm>? = map.required("form").flatMap { choice($0, what: "material form") }
            let copies = map["copies"].flatMap { integer($0, what: "copies", range: 0...100) }
            let shared = map["shared"].flatMap { name($0, what: "source id", syntax: .plainID) }
            let synonyms = map["synonyms"].map { list($0, what: "synonyms") { string($0, what: "synonym") } } ?? []
            guard let id, let title, let form else { return nil }
            return Material(id: id, name: title, form: form, copies: copies, sharedSource: shared, synonyms: synonyms)
        }
    }

    /// `dictionary/codelists.yaml`.
    func decodeCodeLists(root: YAMLNodeID) -> [CodeList] {
        entries(root: root, listKey: "codelists", what: "code lists") { node in
            guard let map = mapping(node, what: "code list", keys: ["id", "name", "standard", "codes"]) else {
                return nil
            }
            let id = map.required("id").flatMap { name($0, what: "code list id", syntax: .plainID) }
            let title = map.required("name").flatMap { text($0, what: "code list name") }
            let standard = map["standard"].flatMap { string($0, what: "standard") }
            let codes = map.required("codes").map { node in
                list(node, what: "codes") { entry -> CodeList.Entry? in
                    guard let code = mapping(entry, what: "code", keys: ["code", "label"]) else { return nil }
                    let value = code.required("code").flatMap { string($0, what: "code") }
                    let label = code.required("label").flatMap { text($0, what: "code label") }
                    guard let value, let label else { return nil }
                    return CodeList.Entry(code: value, label: label)
                }
            } ?? []
            if let codesNode = map["codes"], document.kind(of: codesNode) == .sequence, document.count(of: codesNode) == 0 {
                diagnostics.report(.missingKey, "code list `\(id?.value ?? "?")` has no codes", at: location(codesNode))
            }
            guard let id, let title else { return nil }
            return CodeList(id: id, name: title, standard: standard, entries: codes)
        }
    }

    /// `dictionary/sources.yaml`.
    func decodeSources(root: YAMLNodeID) -> [SharedSource] {
        entries(root: root, listKey: "sources", what: "sources") { node in
            guard let map = mapping(node, what: "shared source", keys: ["id", "name", "scope", "department"]) else {
                return nil
            }
            let id = map.required("id").flatMap { name($0, what: "source id", syntax: .plainID) }
            let title = map.required("name").flatMap { text($0, what: "source name") }
            let scope: Located<SourceScope>? = map.required("scope").flatMap { choice($0, what: "source scope") }
            let department = map["department"].flatMap { name($0, what: "department id", syntax: .plainID) }
            guard let id, let title, let scope else { return nil }
            return SharedSource(id: id, name: title, scope: scope, department: department)
        }
    }

    /// `dictionary/departments.yaml`.
    func decodeDepartments(root: YAMLNodeID) -> [Department] {
        entries(root: root, listKey: "departments", what: "departments") { node in
            guard let map = mapping(node, what: "department", keys: ["id", "name"]) else { return nil }
            let id = map.required("id").flatMap { name($0, what: "department id", syntax: .plainID) }
            let title = map.required("name").flatMap { text($0, what: "department name") }
            guard let id, let title else { return nil }
            return Department(id: id, name: title)
        }
    }
}
