import Foundation
import JimuCore
import Testing

/// A small catalog for bundle tests, written compactly and rendered as YAML files: one
/// locality (`330100`) with one practice per item, so each item's standard is its practice.
///
/// The dictionary is fixed: string data elements `a` … `h`, materials `m1` … `m6`, a
/// province-wide source `pop`, departments `d1` `d2` `d3`, and the 2026 calendar of DOMAIN.md.
///
/// Fields in compact notation: `a` (by hand), `a@pop` (prefilled), `a?` (optional),
/// `local:x.note` (the item's local field); anything starting with `{` is written as is.
/// Materials: `m1` (applicant), `m1@pop` (shared from pop), `m1!` (issued); `{…}` as is.
struct BundleTestCatalog {
    struct Item {
        var key: String
        /// The item's Chinese name as a YAML scalar (quoted when it needs to be).
        var name: String?
        var department = "d1"
        var limit = 1
        var preconditions: [String] = []
        var outputFields: [String] = []
        var outputMaterials: [String] = []
        /// `id:type` (string, integer, decimal, boolean, date).
        var localFields: [String] = []
        var fields: [String] = []
        var materials: [String] = []
        /// Write no practice: the item's standard comes from its frame.
        var practice = true
    }

    struct Bundle {
        var key: String
        var items: [String]
        var limit: Int
        var name: String?
    }

    var items: [Item]
    var bundles: [Bundle] = []

    static let elementIDs = ["a", "b", "c", "d", "e", "f", "g", "h"]
    static let bundleMaterialIDs = ["m1", "m2", "m3", "m4", "m5", "m6"]

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
            + Self.elementIDs.map { "  - id: \($0)\n    label: {zh: 字段\($0), en: Field \($0)}\n    type: string\n" }.joined()
        files["dictionary/materials.yaml"] =
            "materials:\n"
            + Self.bundleMaterialIDs.map { "  - id: \($0)\n    name: {zh: 材料\($0), en: Material \($0)}\n    form: copy\n" }
            .joined()
        files["dictionary/sources.yaml"] = """
            sources:
              - id: pop
                name: {zh: 省人口库, en: Provincial population database}
                scope: province

            """
        files["dictionary/departments.yaml"] = """
            departments:
              - id: d1
                name: {zh: 部门一, en: Department 1}
              - id: d2
                name: {zh: 部门二, en: Department 2}
              - id: d3
                name: {zh: 部门三, en: Department 3}

            """
        files["calendar/2026.yaml"] = """
            year: 2026
            holidays:
              - {name: {zh: 元旦, en: New Year's Day}, from: 2026-01-01, to: 2026-01-03}
              - {name: {zh: 春节, en: Spring Festival}, from: 2026-02-15, to: 2026-02-23}
              - {name: {zh: 清明节, en: Qingming Festival}, from: 2026-04-04, to: 2026-04-06}
              - {name: {zh: 劳动节, en: Labour Day}, from: 2026-05-01, to: 2026-05-05}
              - {name: {zh: 端午节, en: Dragon Boat Festival}, from: 2026-06-19, to: 2026-06-21}
              - {name: {zh: 中秋节, en: Mid-Autumn Festival}, from: 2026-09-25, to: 2026-09-27}
              - {name: {zh: 国庆节, en: National Day}, from: 2026-10-01, to: 2026-10-07}
            workdays:
              - {date: 2026-01-04, for: {zh: 元旦, en: New Year's Day}}
              - {date: 2026-02-14, for: {zh: 春节, en: Spring Festival}}
              - {date: 2026-02-28, for: {zh: 春节, en: Spring Festival}}
              - {date: 2026-05-09, for: {zh: 劳动节, en: Labour Day}}
              - {date: 2026-09-20, for: {zh: 国庆节, en: National Day}}
              - {date: 2026-10-10, for: {zh: 国庆节, en: National Day}}

            """
        files["localities/330100-city/locality.yaml"] = "code: \"330100\"\nname: {zh: 杭州市, en: Hangzhou}\nlevel: city\n"
        for (index, item) in items.enumerated() {
            files["items/\(item.key).yaml"] = Self.itemYAML(item, number: index + 1)
            if item.practice { files["localities/330100-city/\(item.key).yaml"] = Self.practiceYAML(item) }
        }
        for bundle in bundles {
            files["bundles/\(bundle.key).yaml"] = """
                key: \(bundle.key)
                name: {zh: \(bundle.name ?? "一件事\(bundle.key)"), en: Bundle \(bundle.key)}
                lead_department: d1
                items: [\(bundle.items.joined(separator: ", "))]
                promised_limit: \(bundle.limit)

                """
        }
        return files
    }

    static func itemYAML(_ item: Item, number: Int) -> String {
        var out = """
            key: \(item.key)
            code: 330000-\(String(format: "%06d", number))-001
            name: {zh: \(item.name ?? "事项\(item.key)"), en: Item \(item.key)}
            department: \(item.department)
            kind: public-service
            level: county
            audience: [citizen]
            handling: promised
            legal_basis:
              - {zh: 某条例第一条, en: Article 1}
            statutory_limit: 30

            """
        if !item.preconditions.isEmpty { out += "preconditions: [\(item.preconditions.joined(separator: ", "))]\n" }
        if !item.outputFields.isEmpty || !item.outputMaterials.isEmpty {
            out += "outputs:\n"
            if !item.outputFields.isEmpty { out += "  fields: [\(item.outputFields.joined(separator: ", "))]\n" }
            if !item.outputMaterials.isEmpty { out += "  materials: [\(item.outputMaterials.joined(separator: ", "))]\n" }
        }
        if !item.localFields.isEmpty {
            out += "local_fields:\n"
            for field in item.localFields {
                let parts = field.split(separator: ":").map(String.init)
                out += "  - {id: \(parts[0]), label: {zh: 本地\(parts[0]), en: Local \(parts[0])}, type: \(parts[1])}\n"
            }
        }
        return out
    }

    static func practiceYAML(_ item: Item) -> String {
        var out = "item: \(item.key)\n"
        if !item.fields.isEmpty {
            out += "fields:\n"
            for field in item.fields { out += "  - \(fieldYAML(field))\n" }
        }
        if !item.materials.isEmpty {
            out += "materials:\n"
            for material in item.materials { out += "  - \(materialYAML(material))\n" }
        }
        out += "steps:\n  - {name: {zh: 受理, en: Acceptance}, days: 0}\n"
        out += "promised_limit: \(item.limit)\nvisits: 0\nchannels: [online]\nonline_depth: full\n"
        return out
    }

    static func fieldYAML(_ notation: String) -> String {
        if notation.hasPrefix("{") { return notation }
        var text = notation
        var extra = ""
        if text.hasSuffix("?") {
            text.removeLast()
            extra += ", required: false"
        }
        if text.hasPrefix("local:") { return "{local: \(text.dropFirst(6))\(extra)}" }
        let parts = text.split(separator: "@").map(String.init)
        if parts.count == 2 { extra += ", prefill: \(parts[1])" }
        return "{ref: \(parts[0])\(extra)}"
    }

    static func materialYAML(_ notation: String) -> String {
        if notation.hasPrefix("{") { return notation }
        if notation.hasSuffix("!") { return "{ref: \(notation.dropLast()), source: issued}" }
        let parts = notation.split(separator: "@").map(String.init)
        if parts.count == 2 { return "{ref: \(parts[0]), source: shared, from: \(parts[1])}" }
        return "{ref: \(notation), source: applicant}"
    }

    func build() throws -> (check: CheckResult, standard: StandardCatalog?) {
        try BuildPipeline.standard(InMemoryFileSystem(files: files))
    }

    /// Builds the catalog; fails the test on any diagnostic (warnings included) other than
    /// the codes `allowing`, and returns the standard.
    func standard(
        allowing allowed: Set<DiagnosticCode> = [], sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> StandardCatalog {
        let built = try build()
        let unexpected = built.check.diagnostics.filter { !allowed.contains($0.code) }
        if !unexpected.isEmpty {
            let rendered: String = built.check.rendered(files: files.mapValues { Array($0.utf8) })
            Issue.record("unexpected diagnostics:\n\(rendered)", sourceLocation: sourceLocation)
        }
        return try #require(built.standard, "no standard", sourceLocation: sourceLocation)
    }

    /// The diagnostics of the build with the given code.
    func diagnostics(_ code: DiagnosticCode) throws -> [Diagnostic] {
        try build().check.diagnostics.filter { $0.code == code }
    }
}

extension StandardBundle {
    var bundleFormIDs: [String] { form.map(\.id) }
    var bundleMaterialIDs: [String] { materials.map(\.id) }

    /// Removals as `kind id item reason`: `field a q duplicate:p`.
    var bundleRemovals: [String] {
        removed.map { entry in
            let reason =
                switch entry.reason {
                case .duplicate(let kept): "duplicate:\(kept)"
                case .producedBy(let item): "produced:\(item)"
                case .sharedData(let source): "shared:\(source)"
                }
            return "\(entry.kind.rawValue) \(entry.id) \(entry.item) \(reason)"
        }
    }
}

/// A condition as fully parenthesised text, whatever the offsets of its fields: the same
/// condition however it was written.
func bundleTestConditionText(_ expression: ConditionExpression) -> String {
    func operand(_ o: ConditionExpression.Operand) -> String {
        switch o {
        case .field(let name): name.id
        case .literal(let literal): text(literal)
        }
    }
    func text(_ literal: ConditionExpression.Literal) -> String {
        switch literal {
        case .string(let s): "'\(s)'"
        case .number(let n): "\(n)"
        case .bool(let b): "\(b)"
        }
    }
    switch expression {
    case .and(let l, let r): return "(\(bundleTestConditionText(l)) and \(bundleTestConditionText(r)))"
    case .or(let l, let r): return "(\(bundleTestConditionText(l)) or \(bundleTestConditionText(r)))"
    case .not(let e): return "not \(bundleTestConditionText(e))"
    case .compare(let l, let op, let r): return "\(operand(l)) \(op.rawValue) \(operand(r))"
    case .member(let o, let values): return "\(operand(o)) in [\(values.map(text).joined(separator: ", "))]"
    case .present(let name): return "present(\(name.id))"
    case .truth(let o): return operand(o)
    }
}

/// The text of a condition written in the expression language.
func bundleTestConditionText(_ source: String) -> String {
    bundleTestConditionText(try! ConditionParser.parse(source))
}

@Suite struct BundleCompositionTests {
    typealias Item = BundleTestCatalog.Item

    // MARK: One form: deduplication by data element

    /// Two items asking the same elements: the bundle form asks each once, in the items'
    /// order, and the report says why the second asking was dropped.
    @Test func duplicateFieldsAreAskedOnce() throws {
        let catalog = BundleTestCatalog(
            items: [
                Item(key: "p", fields: ["a", "b"]),
                Item(key: "q", department: "d2", fields: ["c", "a", "b"]),
            ],
            bundles: [.init(key: "pq", items: ["p", "q"], limit: 5)])
        let bundle = try #require(try catalog.standard().bundle("pq"))
        #expect(bundle.bundleFormIDs == ["a", "b", "c"])
        #expect(bundle.bundleRemovals == ["field a q duplicate:p", "field b q duplicate:p"])
        #expect(bundle.processFilled.isEmpty)
        #expect(bundle.separateHandFilledFields == 5)
        #expect(bundle.handFilledCount == 3)
    }

    /// A field an ancestor item outputs is filled by the process: not in the form, kept in
    /// `processFilled`; also through a chain (p → q → r: r's `d` is produced by p).
    @Test func fieldsProducedByAnAncestorAreFilledByTheProcess() throws {
        let catalog = BundleTestCatalog(
            items: [
                Item(key: "p", outputFields: ["d"], fields: ["a"]),
                Item(key: "q", preconditions: ["p"], outputFields: ["e"], fields: ["a", "d", "b"]),
                Item(key: "r", preconditions: ["q"], fields: ["d", "e", "c"]),
            ],
            bundles: [.init(key: "chain", items: ["r", "q", "p"], limit: 9)])
        let bundle = try #require(try catalog.standard().bundle("chain"))
        #expect(bundle.items == ["p", "q", "r"])
        #expect(bundle.bundleFormIDs == ["a", "b", "c"])
        #expect(bundle.processFilled.map(\.id) == ["d", "e"])
        #expect(
            bundle.bundleRemovals == [
                "field a q duplicate:p", "field d q produced:p", "field d r produced:p", "field e r produced:q",
            ])
        #expect(bundle.separateHandFilledFields == 1 + 3 + 3)
        #expect(bundle.handFilledCount == 3)
    }

    /// A producer that is not an ancestor runs in parallel: its output is not there yet, so
    /// the applicant still fills the field.
    @Test func fieldsProducedByANonAncestorStayInTheForm() throws {
        let catalog = BundleTestCatalog(
            items: [
                Item(key: "p", outputFields: ["d"], fields: ["a"]),
                Item(key: "r", fields: ["d", "c"]),
                // s needs r, not p: p's `d` is still no ancestor's output for s.
                Item(key: "s", preconditions: ["r"], fields: ["d"]),
            ],
            bundles: [.init(key: "parallel", items: ["p", "r", "s"], limit: 9)])
        let bundle = try #require(try catalog.standard().bundle("parallel"))
        #expect(bundle.bundleFormIDs == ["a", "d", "c"])
        #expect(bundle.processFilled.isEmpty)
        #expect(bundle.bundleRemovals == ["field d s duplicate:r"])
    }

    /// Two items' local fields with one id but different types cannot be one field.
    @Test func conflictingLocalFieldsAreABundleConflict() throws {
        let catalog = BundleTestCatalog(
            items: [
                Item(key: "p", localFields: ["x.note:string"], fields: ["a", "local:x.note"]),
                Item(key: "q", localFields: ["x.note:integer"], fields: ["local:x.note"]),
            ],
            bundles: [.init(key: "clash", items: ["p", "q"], limit: 5)])
        let built = try catalog.build()
        let conflicts = built.check.diagnostics.filter { $0.code == .bundleConflict }
        try #require(conflicts.count == 1, "\(built.check.diagnostics.map(\.message))")
        let conflict = conflicts[0]
        #expect(conflict.severity == .error)
        #expect(conflict.message.contains("`p`") && conflict.message.contains("`q`"))
        #expect(conflict.message.contains("`x.note`"))
        #expect(conflict.message.contains("string") && conflict.message.contains("integer"))
        // The error points at q's field and notes p's.
        #expect(conflict.location?.file == "localities/330100-city/q.yaml")
        #expect(conflict.notes.map(\.location?.file) == ["localities/330100-city/p.yaml"])
        #expect(built.standard == nil)
    }

    /// Same id, same type, same constraints: no conflict.
    @Test func identicalLocalFieldsMerge() throws {
        let catalog = BundleTestCatalog(
            items: [
                Item(key: "p", localFields: ["x.note:string"], fields: ["local:x.note"]),
                Item(key: "q", localFields: ["x.note:string"], fields: ["local:x.note"]),
            ],
            bundles: [.init(key: "same", items: ["p", "q"], limit: 5)])
        let bundle = try #require(try catalog.standard().bundle("same"))
        #expect(bundle.bundleFormIDs == ["x.note"])
    }

    // MARK: Conditions

    /// One row of the combination table: the field `a` in p and in q, with the form's other
    /// field `b` for the conditions to read.
    struct ConditionRow: Sendable, CustomTestStringConvertible {
        var label: String
        var p: String
        var q: String
        var required: Bool
        var requiredIf: String?
        var visibleIf: String?
        var testDescription: String { label }
    }

    static let conditionRows: [ConditionRow] = [
        .init(
            label: "always + conditional → always", p: "{ref: a}", q: #"{ref: a, required_if: "b == '1'"}"#,
            required: true, requiredIf: nil),
        .init(
            label: "conditional + always → always", p: #"{ref: a, required_if: "b == '1'"}"#, q: "{ref: a}",
            required: true, requiredIf: nil),
        .init(
            label: "conditional + conditional → or", p: #"{ref: a, required_if: "b == '1'"}"#,
            q: #"{ref: a, required_if: "b == '2'"}"#, required: true, requiredIf: "b == '1' or b == '2'"),
        .init(
            label: "the same condition twice → once", p: #"{ref: a, required_if: "b == '1'"}"#,
            q: #"{ref: a,   required_if: "b == '1'"}"#, required: true, requiredIf: "b == '1'"),
        .init(
            label: "conditional + optional → conditional", p: #"{ref: a, required_if: "b == '1'"}"#,
            q: "{ref: a, required: false}", required: true, requiredIf: "b == '1'"),
        .init(
            label: "optional + optional → optional", p: "{ref: a, required: false}", q: "{ref: a, required: false}",
            required: false, requiredIf: nil),
        .init(
            label: "optional + always → always", p: "{ref: a, required: false}", q: "{ref: a}", required: true,
            requiredIf: nil),
        .init(
            label: "visible always + visible if → always", p: "{ref: a}", q: #"{ref: a, visible_if: "b == '1'"}"#,
            required: true, requiredIf: nil, visibleIf: nil),
        .init(
            label: "visible if + visible if → or", p: #"{ref: a, visible_if: "b == '1'"}"#,
            q: #"{ref: a, visible_if: "present(b)"}"#, required: true, requiredIf: "b == '1' or present(b)",
            visibleIf: "b == '1' or present(b)"),
        .init(
            label: "visible if + the same → once", p: #"{ref: a, visible_if: "b in ['1', '2']"}"#,
            q: #"{ref: a, visible_if: "b in ['1', '2']"}"#, required: true, requiredIf: "b in ['1', '2']",
            visibleIf: "b in ['1', '2']"),
        // Each item's requirement is limited to when it shows the field: a required field
        // shown only if b is '1', met with an optional one always shown, is required only
        // if b is '1' — never more than either item asks.
        .init(
            label: "required when visible + optional → required if visible", p: #"{ref: a, visible_if: "b == '1'"}"#,
            q: "{ref: a, required: false}", required: true, requiredIf: "b == '1'", visibleIf: nil),
    ]

    @Test(arguments: BundleCompositionTests.conditionRows)
    func conditionsCombine(_ row: ConditionRow) throws {
        let catalog = BundleTestCatalog(
            items: [
                Item(key: "p", fields: ["b", row.p]),
                Item(key: "q", fields: ["b", row.q]),
            ],
            bundles: [.init(key: "cond", items: ["p", "q"], limit: 5)])
        let bundle = try #require(try catalog.standard().bundle("cond"))
        let field = try #require(bundle.form.first { $0.id == "a" })
        #expect(bundle.bundleFormIDs == ["b", "a"])
        #expect(field.required == row.required)
        #expect(field.requiredIf.map(bundleTestConditionText) == row.requiredIf.map(bundleTestConditionText))
        #expect(field.visibleIf.map(bundleTestConditionText) == row.visibleIf.map(bundleTestConditionText))
    }

    // MARK: Data sharing and materials

    /// A field one item fills by hand and another prefills from a province-wide source is
    /// prefilled in the bundle: the report names the source against the item that kept it.
    @Test func prefillIsMergedFromAnotherItem() throws {
        let catalog = BundleTestCatalog(
            items: [
                Item(key: "p", fields: ["a", "b"]),
                Item(key: "q", fields: ["a@pop", "c"]),
            ],
            bundles: [.init(key: "share", items: ["p", "q"], limit: 5)])
        let bundle = try #require(try catalog.standard().bundle("share"))
        #expect(bundle.bundleFormIDs == ["a", "b", "c"])
        #expect(bundle.form[0].prefill == "pop")
        #expect(bundle.form[0].prefillProvenance?.file == "localities/330100-city/q.yaml")
        #expect(bundle.bundleRemovals == ["field a q duplicate:p", "field a p shared:pop"])
        #expect(bundle.separateHandFilledFields == 2 + 1)
        #expect(bundle.handFilledCount == 2)
    }

    /// A later item that needs the owner of a field may prefill it from data the owner's own
    /// process creates, so its prefill does not spread back to the owner (nor a material's
    /// fetch): only an item independent of the owner proves the data exists up front.
    @Test func prefillFromADependentItemDoesNotSpreadBack() throws {
        let catalog = BundleTestCatalog(
            items: [
                Item(key: "p", fields: ["a", "b"], materials: ["m1"]),
                Item(key: "q", preconditions: ["p"], fields: ["a@pop", "c"], materials: ["m1@pop"]),
            ],
            bundles: [.init(key: "later", items: ["p", "q"], limit: 5)])
        let bundle = try #require(try catalog.standard().bundle("later"))
        #expect(bundle.form[0].id == "a" && bundle.form[0].prefill == nil)
        #expect(bundle.materials[0].id == "m1" && bundle.materials[0].source == .applicant)
        #expect(bundle.bundleRemovals == ["field a q duplicate:p", "material m1 q duplicate:p"])
        #expect(bundle.handFilledCount == 3)
        #expect(bundle.submittedCount == 1)
    }

    /// Materials deduplicate by id; one an ancestor issues is not submitted again; one another
    /// item fetches from a province-wide source is fetched for the whole bundle.
    @Test func materialsDeduplicateAndProducedOnesAreNotSubmitted() throws {
        let catalog = BundleTestCatalog(
            items: [
                Item(key: "p", outputMaterials: ["m3"], fields: ["a"], materials: ["m1", "m4"]),
                Item(key: "q", preconditions: ["p"], fields: ["a"], materials: ["m1", "m3"]),
                Item(key: "r", fields: ["b"], materials: ["m4@pop", "m2", "{ref: m1, source: applicant, required: false}"]),
            ],
            bundles: [.init(key: "papers", items: ["p", "q", "r"], limit: 5)])
        let bundle = try #require(try catalog.standard().bundle("papers"))
        #expect(bundle.bundleMaterialIDs == ["m1", "m4", "m2"])
        #expect(bundle.materials[0].required)
        #expect(bundle.materials[1].source == .shared && bundle.materials[1].from == "pop")
        #expect(
            bundle.bundleRemovals.filter { $0.hasPrefix("material") } == [
                "material m1 q duplicate:p", "material m3 q produced:p", "material m4 r duplicate:p",
                "material m4 p shared:pop", "material m1 r duplicate:p",
            ])
        // Separately: p submits m1 m4, q m1 m3, r m2 m1 (m4 is fetched) → 6; the bundle: m1 m2 → 2.
        #expect(bundle.separateSubmittedMaterials == 6)
        #expect(bundle.submittedCount == 2)
        #expect(bundle.separateHandFilledFields == 3)
        #expect(bundle.handFilledCount == 2)
    }

    // MARK: Time: stages, critical path, limit

    /// a (d1, 1 day) → b (d2, 3) and c (d3, 1) in parallel → d (d1, 2); e (d2, 0) needs
    /// nothing. Listed out of order on purpose.
    static func parallel(limit: Int) -> BundleTestCatalog {
        BundleTestCatalog(
        items: [
            Item(key: "a", department: "d1", limit: 1, fields: ["a"]),
            Item(key: "b", department: "d2", limit: 3, preconditions: ["a"], fields: ["b"]),
            Item(key: "c", department: "d3", limit: 1, preconditions: ["a"], fields: ["c"]),
            Item(key: "d", department: "d1", limit: 2, preconditions: ["b", "c"], fields: ["d"]),
            Item(key: "e", department: "d2", limit: 0, fields: ["e"]),
        ],
        bundles: [.init(key: "par", items: ["d", "c", "b", "a", "e"], limit: limit)])
    }

    @Test func scheduleRunsBranchesInParallel() throws {
        let standard = try Self.parallel(limit: 6).standard()
        let bundle = try #require(standard.bundle("par"))
        // Kahn's order, taking the first ready item in listing order each time.
        #expect(bundle.items == ["a", "c", "b", "d", "e"])
        #expect(bundle.schedule.stages.map(\.items) == [["a", "e"], ["c", "b"], ["d"]])
        #expect(bundle.schedule.stages.map(\.departments) == [["d1", "d2"], ["d2", "d3"], ["d1"]])
        #expect(bundle.schedule.criticalPath == ["a", "b", "d"])
        #expect(bundle.schedule.totalWorkingDays == 6)
        #expect(
            bundle.schedule.edges.map { "\($0.from)→\($0.to)" } == ["a→c", "a→b", "b→d", "c→d"])
    }

    @Test func limitExceededNamesTheCriticalPath() throws {
        let built = try Self.parallel(limit: 5).build()
        #expect(built.standard == nil)
        let errors = built.check.diagnostics.filter { $0.code == .bundleLimitExceeded }
        try #require(errors.count == 1)
        let error = errors[0]
        #expect(error.severity == .error)
        #expect(error.location?.file == "bundles/par.yaml")
        #expect(error.message.contains("promises 5 working days"))
        #expect(error.message.contains("takes 6"))
        #expect(error.message.contains("`a` (1) → `b` (3) → `d` (2)"))
        #expect(error.notes.count == 3)
        #expect(error.notes.map(\.location?.file) == ["a", "b", "d"].map { "localities/330100-city/\($0).yaml" })
    }

    /// Due dates of the bundle from Fri 2026-02-13 (see WorkingCalendarTests for the days):
    /// a: 1 day → Sat 02-14 (make-up day); c: 1 day from 02-14 → Tue 02-24 (春节 in between);
    /// b: 3 days from 02-14 → 24, 25, 26; d starts when the later of b and c is due (02-26):
    /// 2 days → Fri 02-27, Sat 02-28 (make-up day); e: 0 days → 02-13.
    @Test func bundleDueDatesFollowThePreconditions() throws {
        let standard = try Self.parallel(limit: 6).standard()
        let bundle = try #require(standard.bundle("par"))
        let calendar = WorkingCalendar(standard.calendars)
        let start = try #require(CivilDate("2026-02-13"))
        let entries = try DueDates.bundle(bundle, items: standard.items, from: start, calendar: calendar)
        #expect(
            entries.map { "\($0.item) \($0.start) \($0.due)" } == [
                "a 2026-02-13 2026-02-14", "c 2026-02-14 2026-02-24", "b 2026-02-14 2026-02-26",
                "d 2026-02-26 2026-02-28", "e 2026-02-13 2026-02-13",
            ])
        // One item alone: b, 3 working days from Fri 02-13 → Sat 02-14, Tue 02-24, Wed 02-25.
        let single = try DueDates.item(try #require(standard.item("b")), from: start, calendar: calendar)
        #expect("\(single.start) \(single.due) \(single.workingDays)" == "2026-02-13 2026-02-25 3")
        // The whole bundle is due when its critical path is: 6 working days from 02-13.
        let endToEnd = try calendar.dueDate(from: start, workingDays: bundle.schedule.totalWorkingDays)
        #expect(entries.map(\.due).max() == endToEnd)
        // Started on a holiday: everything is accepted the next working day (Tue 02-24).
        let late = try DueDates.bundle(bundle, items: standard.items, from: CivilDate("2026-02-16")!, calendar: calendar)
        #expect(late.first { $0.item == "a" }.map { "\($0.start) \($0.due)" } == "2026-02-24 2026-02-25")
        #expect(late.first { $0.item == "e" }.map { "\($0.start) \($0.due)" } == "2026-02-24 2026-02-24")
        // Running out of the calendar is a gap naming the year.
        #expect(throws: WorkingCalendar.Gap.self) {
            try DueDates.bundle(bundle, items: standard.items, from: CivilDate("2026-12-29")!, calendar: calendar)
        }
    }

    // MARK: Preconditions

    /// A precondition outside the bundle is a warning naming it; the bundle still composes.
    @Test func missingPreconditionIsAWarningNamingIt() throws {
        let catalog = BundleTestCatalog(
            items: [
                Item(key: "p", fields: ["a"]),
                Item(key: "q", preconditions: ["p"], fields: ["b"]),
                Item(key: "r", fields: ["c"]),
            ],
            bundles: [.init(key: "gap", items: ["q", "r"], limit: 5)])
        let standard = try catalog.standard(allowing: [.bundleMissingPrecondition])
        let warnings = try catalog.diagnostics(.bundleMissingPrecondition)
        try #require(warnings.count == 1)
        #expect(warnings[0].severity == .warning)
        #expect(warnings[0].message.contains("`p`"))
        #expect(warnings[0].message.contains("`q`"))
        #expect(warnings[0].location?.file == "bundles/gap.yaml")
        #expect(warnings[0].fix?.replacement == "p")
        let bundle = try #require(standard.bundle("gap"))
        #expect(bundle.schedule.edges.isEmpty)
        #expect(bundle.schedule.stages.map(\.items) == [["q", "r"]])
    }

    /// A cycle of three items is reported once, naming every member in order, from the
    /// Resolve stage (nothing is composed).
    @Test func preconditionCycleOfThreeNamesEveryMemberInOrder() throws {
        let catalog = BundleTestCatalog(
            items: [
                Item(key: "cyc-a", preconditions: ["cyc-b"], fields: ["a"]),
                Item(key: "cyc-b", preconditions: ["cyc-c"], fields: ["b"]),
                Item(key: "cyc-c", preconditions: ["cyc-a"], fields: ["c"]),
            ],
            bundles: [.init(key: "loop", items: ["cyc-a", "cyc-b", "cyc-c"], limit: 9)])
        let built = try catalog.build()
        #expect(built.standard == nil)
        let cycles = built.check.diagnostics.filter { $0.code == .preconditionCycle }
        try #require(cycles.count == 1, "\(cycles.map(\.message))")
        #expect(cycles[0].message == "preconditions form a cycle of 3 items: `cyc-a` → `cyc-b` → `cyc-c` → `cyc-a`")
        #expect(cycles[0].location?.file == "items/cyc-c.yaml")
        #expect(cycles[0].notes.map(\.message) == ["`cyc-a` needs `cyc-b` first", "`cyc-b` needs `cyc-c` first"])
        #expect(cycles[0].notes.map(\.location?.file) == ["items/cyc-a.yaml", "items/cyc-b.yaml"])
    }

    /// A cycle through 1,000 items is found without exhausting the stack, and named whole.
    @Test func thousandItemCycleIsReported() throws {
        let keys = (0..<1000).map { String(format: "k%04d", $0) }
        let catalog = BundleTestCatalog(
            items: keys.enumerated().map { index, key in
                Item(key: key, preconditions: [keys[(index + 1) % keys.count]], practice: false)
            })
        let built = try catalog.build()
        let cycles = built.check.diagnostics.filter { $0.code == .preconditionCycle }
        try #require(cycles.count == 1)
        let path = (keys + [keys[0]]).map { "`\($0)`" }.joined(separator: " → ")
        #expect(cycles[0].message == "preconditions form a cycle of 1000 items: \(path)")
        #expect(cycles[0].notes.count == 999)
    }

    /// A long chain (no cycle) is fine and reports nothing.
    @Test func thousandItemChainIsNoCycle() throws {
        let keys = (0..<1000).map { String(format: "k%04d", $0) }
        let catalog = BundleTestCatalog(
            items: keys.enumerated().map { index, key in
                Item(key: key, preconditions: index + 1 < keys.count ? [keys[index + 1]] : [], practice: false)
            })
        let built = try catalog.build()
        #expect(built.check.diagnostics.filter { $0.code == .preconditionCycle }.isEmpty)
    }

    @Test func selfPreconditionIsACycleOfOne() throws {
        let catalog = BundleTestCatalog(
            items: [
                Item(key: "p", preconditions: ["p"], fields: ["a"]),
                Item(key: "q", fields: ["b"]),
            ],
            bundles: [.init(key: "selfish", items: ["p", "q"], limit: 5)])
        let built = try catalog.build()
        let cycles = built.check.diagnostics.filter { $0.code == .preconditionCycle }
        try #require(cycles.count == 1)
        #expect(cycles[0].message == "item `p` lists itself as its own precondition")
        #expect(cycles[0].location?.file == "items/p.yaml")
        #expect(built.standard == nil)
    }
}
