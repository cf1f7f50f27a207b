import Foundation
import JimuCore
import Testing

/// A one-item catalog for merge tests, written compactly and rendered as the YAML files of a
/// valid catalog (jimu.yaml, the dictionary, one item, one practice per locality).
///
/// The dictionary is fixed: data elements `a` … `h` (strings), materials `m1` … `m6`, a
/// province-wide source `pop` and a city source `citydb`, one department `dept`.
///
/// Compact notation, space separated:
/// - a form field: `a` (by hand), `a@pop` / `a@citydb` (prefilled from that source),
///   a trailing `?` for `required: false` (`a?`, `a@pop?`);
/// - a material: `m1` (the applicant brings it), `m1@pop` / `m1@citydb` (`source: shared`
///   from that source), `m1!` (`source: issued`), a trailing `?` for `required: false`.
struct MergeCatalog: Sendable, CustomTestStringConvertible {
    var label: String
    var item = ItemSpec()
    var practices: [PracticeSpec] = []
    /// Localities that have no practice for the item.
    var extraLocalities: [String] = []
    /// Chinese names of localities, by code; `地区<code>` otherwise.
    var localityNames: [String: String] = [:]

    var testDescription: String { label }

    static let itemKey = "test-item"
    static let itemFile = "items/test-item.yaml"

    struct ItemSpec: Sendable {
        var name = "测试事项"
        var nameEN = "Test item"
        var statutory = 20
        /// Legally required fields and materials, as ids.
        var requiredFields: [String] = []
        var requiredMaterials: [String] = []
        /// Dimension → locality code, written in this order.
        var pins: [(String, String)] = []
    }

    struct PracticeSpec: Sendable {
        var code: String
        var fields = ""
        var materials = ""
        /// The days of each step, in order; nil writes no `steps:`.
        var steps: [Int]?
        var limit: Int?
        var visits: Int?
        var channels = ""
        var depth: String?
    }

    static func folder(_ code: String) -> String { "localities/\(code)-l\(code)" }
    static func practiceFile(_ code: String) -> String { "\(folder(code))/\(itemKey).yaml" }

    /// The catalog's files, by path.
    var files: [String: String] {
        var files: [String: String] = [:]
        files["jimu.yaml"] = """
            jimu: 1
            province: {code: "330000", name: {zh: 浙江省, en: Zhejiang Province}}
            languages: [zh, en]
            schema_base: https://schemas.example.org/jimu/
            version: 1.0.0
            merge:
              tie_break: locality-code

            """
        files["dictionary/fields.yaml"] =
            "elements:\n"
            + Self.elementIDs.map { id in
                "  - id: \(id)\n    label: {zh: 字段\(id), en: Field \(id)}\n    type: string\n"
            }.joined()
        files["dictionary/materials.yaml"] =
            "materials:\n"
            + Self.materialIDs.map { id in
                "  - id: \(id)\n    name: {zh: 材料\(id), en: Material \(id)}\n    form: copy\n"
            }.joined()
        files["dictionary/sources.yaml"] = """
            sources:
              - id: pop
                name: {zh: 省人口库, en: Provincial population database}
                scope: province
              - id: citydb
                name: {zh: 市数据库, en: City database}
                scope: city

            """
        files["dictionary/departments.yaml"] = """
            departments:
              - id: dept
                name: {zh: 某部门, en: A department}

            """
        files[Self.itemFile] = itemYAML
        let codes = (practices.map(\.code) + extraLocalities)
        for code in Set(codes) {
            let level = code.hasSuffix("00") ? "city" : "county"
            files["\(Self.folder(code))/locality.yaml"] =
                "code: \"\(code)\"\nname: {zh: \(Self.quoted(localityNames[code] ?? "地区\(code)")), en: Locality \(code)}\n"
                + "level: \(level)\n"
        }
        for practice in practices {
            files[Self.practiceFile(practice.code)] = Self.practiceYAML(practice)
        }
        return files
    }

    static let elementIDs = ["a", "b", "c", "d", "e", "f", "g", "h"]
    static let materialIDs = ["m1", "m2", "m3", "m4", "m5", "m6"]

    private var itemYAML: String {
        var out = """
            key: \(Self.itemKey)
            code: 330000-000001-001
            name: {zh: \(Self.quoted(item.name)), en: \(Self.quoted(item.nameEN))}
            department: dept
            kind: public-service
            level: county
            audience: [citizen]
            handling: promised
            legal_basis:
              - {zh: 某条例第一条, en: Article 1}
            statutory_limit: \(item.statutory)

            """
        if !item.requiredFields.isEmpty || !item.requiredMaterials.isEmpty {
            out += "required:\n"
            if !item.requiredFields.isEmpty { out += "  fields: [\(item.requiredFields.joined(separator: ", "))]\n" }
            if !item.requiredMaterials.isEmpty {
                out += "  materials: [\(item.requiredMaterials.joined(separator: ", "))]\n"
            }
        }
        if !item.pins.isEmpty {
            out += "pins:\n" + item.pins.map { "  \($0.0): \"\($0.1)\"\n" }.joined()
        }
        return out
    }

    /// A double-quoted YAML scalar.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    private static func words(_ text: String) -> [String] {
        text.split(separator: " ").map(String.init)
    }

    private static func practiceYAML(_ practice: PracticeSpec) -> String {
        var out = "item: \(itemKey)\n"
        let fields = words(practice.fields)
        if !fields.isEmpty {
            out += "fields:\n"
            for word in fields {
                let (body, optional) = word.hasSuffix("?") ? (String(word.dropLast()), true) : (word, false)
                let parts = body.split(separator: "@").map(String.init)
                out += "  - ref: \(parts[0])\n"
                if optional { out += "    required: false\n" }
                if parts.count > 1 { out += "    prefill: \(parts[1])\n" }
            }
        }
        let materials = words(practice.materials)
        if !materials.isEmpty {
            out += "materials:\n"
            for word in materials {
                var body = word
                let optional = body.hasSuffix("?")
                if optional { body.removeLast() }
                let issued = body.hasSuffix("!")
                if issued { body.removeLast() }
                let parts = body.split(separator: "@").map(String.init)
                out += "  - ref: \(parts[0])\n"
                if issued {
                    out += "    source: issued\n"
                } else if parts.count > 1 {
                    out += "    source: shared\n    from: \(parts[1])\n"
                } else {
                    out += "    source: applicant\n"
                }
                if optional { out += "    required: false\n" }
            }
        }
        if let steps = practice.steps {
            out += "steps:\n"
            for (index, days) in steps.enumerated() {
                out += "  - {name: {zh: 步骤\(index + 1), en: Step \(index + 1)}, days: \(days)}\n"
            }
        }
        if let limit = practice.limit { out += "promised_limit: \(limit)\n" }
        if let visits = practice.visits {
            out += "visits: \(visits)\n"
            if visits > 0 { out += "visit_reason: {zh: 核验原件, en: Originals are checked}\n" }
        }
        let channels = words(practice.channels)
        if !channels.isEmpty { out += "channels: [\(channels.joined(separator: ", "))]\n" }
        if let depth = practice.depth { out += "online_depth: \(depth)\n" }
        return out
    }

    /// Builds the catalog through the whole pipeline up to the merge.
    func standard() throws -> (check: CheckResult, standard: StandardCatalog?) {
        try BuildPipeline.standard(InMemoryFileSystem(files: files))
    }

    /// Builds the catalog, failing the test on any diagnostic; the standard of the item.
    func merged(sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> (StandardCatalog, StandardItem) {
        let built = try standard()
        let files = self.files.mapValues { Array($0.utf8) }
        expectNoDiagnostics(built.check, files: files, sourceLocation: sourceLocation)
        let catalog = try #require(built.standard, sourceLocation: sourceLocation)
        let item = try #require(catalog.item(Self.itemKey), sourceLocation: sourceLocation)
        return (catalog, item)
    }
}

/// `P("330100", fields: "a b@pop")`: a practice in one line.
func P(
    _ code: String, fields: String = "", materials: String = "", steps: [Int]? = nil, limit: Int? = nil,
    visits: Int? = nil, channels: String = "", depth: String? = nil
) -> MergeCatalog.PracticeSpec {
    MergeCatalog.PracticeSpec(
        code: code, fields: fields, materials: materials, steps: steps, limit: limit, visits: visits,
        channels: channels, depth: depth)
}

// MARK: Reading a standard compactly

extension StandardItem {
    /// The form in the builder's notation: `a b@pop c?`.
    var formNotation: String {
        form.map { $0.id + ($0.prefill.map { "@" + $0 } ?? "") + ($0.required ? "" : "?") }.joined(separator: " ")
    }

    /// The materials in the builder's notation: `m1 m2@pop m3!`.
    var materialNotation: String {
        materials.map { material in
            let source =
                switch material.source {
                case .applicant: ""
                case .shared: "@" + (material.from ?? "")
                case .issued: "!"
                }
            return material.id + source + (material.required ? "" : "?")
        }.joined(separator: " ")
    }

    func decision(_ dimension: MergeDimension) -> DimensionDecision? {
        decisions.first { $0.dimension == dimension }
    }

    /// Which locality (or `frame`) each dimension came from, and by which rule: `330100 fewest-steps`.
    func chosen(_ dimension: MergeDimension) -> String {
        guard let decision = decision(dimension) else { return "missing" }
        return "\(decision.provenance.locality ?? "frame") \(decision.provenance.rule.rawValue)"
    }
}

// MARK: The merge's guarantee

/// The guarantee of the issue, checked on any standard: the standard asks no more of an
/// applicant than any locality's practice — no more fields filled by hand, materials
/// submitted or steps — never exceeds the statutory limit nor any stated promise or visit
/// count, and keeps every legally required field and material, required.
///
/// Practices are measured as the standard is (DESIGN.md, "Merge"): a field prefilled, or a
/// material fetched, from a province-wide source by any locality counts as prefilled or
/// fetched everywhere; a city's own source counts as by hand, since it cannot serve the
/// province. A practice that drops a legally required field is measured with it put back:
/// the standard must keep it, so it can only be compared with the practice made lawful.
/// (For a lawful practice that is the practice itself.) A pinned dimension is the editor's
/// choice, not the merge's, and is not held to the guarantee.
func expectMergeGuarantees(
    _ item: StandardItem, in catalog: StandardCatalog, sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    let scope = Dictionary(catalog.sources.map { ($0.id.value, $0.scope.value) }, uniquingKeysWith: { a, _ in a })
    func provinceWide(_ source: String?) -> Bool { source.map { scope[$0] == .province } ?? false }
    let key = item.key
    let pinned = Set(item.decisions.filter { $0.provenance.rule == .pinned }.map(\.dimension))

    var sharedFields: Set<String> = []
    var sharedMaterials: Set<String> = []
    for practice in item.practices {
        for field in practice.fields where provinceWide(field.prefill?.value) { sharedFields.insert(field.id) }
        for material in practice.practice.materials where material.source.value == .shared && provinceWide(material.from?.value) {
            sharedMaterials.insert(material.material.value)
        }
    }
    let requiredFields = item.frame.requiredFields.map(\.value)
    let requiredMaterials = item.frame.requiredMaterials.map(\.value)

    for practice in item.practices {
        let code = practice.locality.code.value
        let ids = Set(practice.fields.map(\.id))
        let handFilled =
            practice.fields.count { !sharedFields.contains($0.id) }
            + requiredFields.count { !ids.contains($0) && !sharedFields.contains($0) }
        if !pinned.contains(.form) {
            #expect(
                item.handFilledCount <= handFilled,
                "\(key): the standard has \(item.handFilledCount) fields by hand, \(code)'s lawful practice \(handFilled)",
                sourceLocation: sourceLocation)
        }
        let materialIDs = Set(practice.practice.materials.map(\.material.value))
        let submitted =
            practice.practice.materials.count { material in
                material.source.value != .issued && !sharedMaterials.contains(material.material.value)
            }
            + requiredMaterials.count { !materialIDs.contains($0) && !sharedMaterials.contains($0) }
        if !pinned.contains(.materials) {
            #expect(
                item.submittedCount <= submitted,
                "\(key): the standard has \(item.submittedCount) materials submitted, \(code)'s lawful practice \(submitted)",
                sourceLocation: sourceLocation)
        }
        if !pinned.contains(.steps), !practice.practice.steps.isEmpty {
            #expect(
                item.steps.value.count <= practice.practice.steps.count,
                "\(key): the standard has \(item.steps.value.count) steps, \(code) \(practice.practice.steps.count)",
                sourceLocation: sourceLocation)
        }
        if !pinned.contains(.limit), let promised = practice.practice.promisedLimit?.value {
            #expect(
                item.promisedLimit.value <= promised,
                "\(key): the standard promises \(item.promisedLimit.value) days, \(code) \(promised)",
                sourceLocation: sourceLocation)
        }
        if !pinned.contains(.visits), let visits = practice.practice.visits?.value {
            #expect(
                (item.visits?.value ?? Int.max) <= visits,
                "\(key): the standard asks \(item.visits?.value ?? -1) visits, \(code) \(visits)",
                sourceLocation: sourceLocation)
        }
    }
    #expect(
        item.promisedLimit.value <= item.frame.statutoryLimit.value,
        "\(key): the promised limit exceeds the statutory one", sourceLocation: sourceLocation)
    for id in requiredFields {
        let field = item.form.first { $0.id == id }
        #expect(field?.required == true, "\(key): legally required field `\(id)` is missing or optional", sourceLocation: sourceLocation)
    }
    for id in requiredMaterials {
        let material = item.materials.first { $0.id == id }
        #expect(
            material?.required == true, "\(key): legally required material `\(id)` is missing or optional",
            sourceLocation: sourceLocation)
    }
    #expect(Set(item.form.map(\.id)).count == item.form.count, "\(key): a field twice in the form", sourceLocation: sourceLocation)
    #expect(
        Set(item.materials.map(\.id)).count == item.materials.count, "\(key): a material listed twice",
        sourceLocation: sourceLocation)
    // Every value of the standard says where it came from.
    let codes = Set(item.practices.map(\.locality.code.value))
    var provenances: [(String, Provenance)] =
        item.form.map { ("field \($0.id)", $0.provenance) } + item.materials.map { ("material \($0.id)", $0.provenance) }
        + item.decisions.map { ("decision \($0.dimension.rawValue)", $0.provenance) }
    provenances += [("steps", item.steps.provenance), ("limit", item.promisedLimit.provenance), ("channels", item.channels.provenance)]
    if let visits = item.visits { provenances.append(("visits", visits.provenance)) }
    for (what, provenance) in provenances {
        #expect(
            !provenance.file.isEmpty && provenance.line >= 1 && provenance.column >= 1,
            "\(key): \(what) has no place: \(provenance)", sourceLocation: sourceLocation)
        if let locality = provenance.locality {
            #expect(
                codes.contains(locality), "\(key): \(what) names \(locality), which has no practice",
                sourceLocation: sourceLocation)
            #expect(
                provenance.file.hasPrefix("localities/\(locality)-"),
                "\(key): \(what) from \(locality) points into \(provenance.file)", sourceLocation: sourceLocation)
        } else {
            #expect(
                [.legalMinimum, .frameOnly].contains(provenance.rule),
                "\(key): \(what) has no locality but rule \(provenance.rule)", sourceLocation: sourceLocation)
            #expect(provenance.file == item.frame.file, "\(key): \(what) from the frame points into \(provenance.file)", sourceLocation: sourceLocation)
        }
    }
    for field in item.form where field.provenance.rule == .legalMinimum {
        #expect(item.addedBack.contains(field.id), "\(key): `\(field.id)` is legal-minimum but not in addedBack", sourceLocation: sourceLocation)
    }
    for material in item.materials where material.provenance.rule == .legalMinimum {
        #expect(item.addedBack.contains(material.id), "\(key): `\(material.id)` is legal-minimum but not in addedBack", sourceLocation: sourceLocation)
    }
}
