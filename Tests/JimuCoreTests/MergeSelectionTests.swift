import Foundation
import JimuCore
import Testing

/// The merge's selection rules (DESIGN.md, "Merge"), pinned down over small one-item
/// catalogs. Locality codes: 330100 and 330200 are cities, 330102 a county; the lowest code
/// wins a tie. See `MergeCatalog` for the compact notation.
@Suite struct MergeSelectionTests {
    /// One table row: a catalog, and what the standard must say. Every expectation left nil
    /// is not checked; `chosen` maps a dimension to `"<locality or frame> <rule>"`.
    struct Case: Sendable, CustomTestStringConvertible {
        var catalog: MergeCatalog
        var chosen: [MergeDimension: String] = [:]
        var form: String?
        var handFilled: Int?
        var materials: String?
        var submitted: Int?
        var steps: [Int]?
        var limit: Int?
        var visits: Int??
        var channels: String?
        var addedBack: [String]?

        var testDescription: String { catalog.label }
    }

    static let cases: [Case] = [
        Case(
            catalog: MergeCatalog(
                label: "fewest hand-filled wins, even with more fields",
                practices: [
                    P("330100", fields: "a b c"),
                    P("330200", fields: "d e@pop f@pop g@pop"),
                ]),
            // 330100: 3 by hand in 3 fields; 330200: 1 by hand (d) in 4 fields.
            chosen: [.form: "330200 fewest-hand-filled-fields"], form: "d e@pop f@pop g@pop", handFilled: 1),
        Case(
            catalog: MergeCatalog(
                label: "sharing spreads before hand-filled fields are counted",
                practices: [
                    P("330100", fields: "a b c"),
                    P("330200", fields: "b@pop c@pop d e"),
                ]),
            // As written 330100 has 3 by hand and 330200 2; but 330200 prefills b and c from
            // the province-wide `pop`, so they are prefilled everywhere: 330100 has 1 by hand
            // (a), 330200 2 (d, e).
            chosen: [.form: "330100 fewest-hand-filled-fields"], form: "a b@pop c@pop", handFilled: 1),
        Case(
            catalog: MergeCatalog(
                label: "tie on hand-filled broken by fewer fields",
                practices: [
                    P("330100", fields: "a b c@pop"),
                    P("330200", fields: "a b"),
                ]),
            // Both have 2 by hand (a, b); 330200 has 2 fields against 3.
            chosen: [.form: "330200 fewest-hand-filled-fields"], form: "a b", handFilled: 2),
        Case(
            catalog: MergeCatalog(
                label: "full tie broken by lowest locality code",
                practices: [
                    P("330200", fields: "c d", materials: "m2", steps: [1], limit: 5, visits: 1, channels: "online", depth: "full"),
                    P("330102", fields: "a b", materials: "m1", steps: [1], limit: 5, visits: 1, channels: "counter", depth: "full"),
                    P("330100", fields: "e f", materials: "m3", steps: [1], limit: 5, visits: 1, channels: "mobile", depth: "full"),
                ]),
            chosen: [
                .form: "330100 fewest-hand-filled-fields", .materials: "330100 fewest-submitted-materials",
                .steps: "330100 fewest-steps", .limit: "330100 shortest-promised-limit", .visits: "330100 fewest-visits",
                .channels: "330100 most-channels",
            ],
            form: "e f", materials: "m3", channels: "mobile"),
        Case(
            catalog: MergeCatalog(
                label: "province-wide prefill spreads to the chosen form",
                practices: [
                    P("330100", fields: "a@pop b c"),
                    P("330200", fields: "a d"),
                ]),
            // 330100 prefills a from the province-wide `pop`, so a is prefilled everywhere:
            // 330200 has 1 by hand (d), 330100 2 (b, c).
            chosen: [.form: "330200 fewest-hand-filled-fields"], form: "a@pop d", handFilled: 1),
        Case(
            catalog: MergeCatalog(
                label: "city-scope prefill does not spread",
                practices: [
                    P("330100", fields: "a@citydb b"),
                    P("330200", fields: "c d@pop"),
                ]),
            // If `citydb` spread, 330100 would tie 330200 at 1 by hand in 2 fields and win on
            // its code; it does not: 330100 has 2 by hand, 330200 1.
            chosen: [.form: "330200 fewest-hand-filled-fields"], form: "c d@pop", handFilled: 1),
        Case(
            catalog: MergeCatalog(
                label: "city-scope prefill counts as by hand in the standard",
                practices: [P("330100", fields: "a@citydb b@pop")]),
            chosen: [.form: "330100 fewest-hand-filled-fields"], form: "a b@pop", handFilled: 1),
        Case(
            catalog: MergeCatalog(
                label: "province-wide shared material spreads",
                practices: [
                    P("330100", materials: "m1@pop m2 m3"),
                    P("330200", materials: "m1 m4"),
                ]),
            // m1 is fetched from `pop` in 330100, so everywhere: 330200 submits 1 (m4), 330100 2.
            chosen: [.materials: "330200 fewest-submitted-materials"], materials: "m1@pop m4", submitted: 1),
        Case(
            catalog: MergeCatalog(
                label: "city-scope shared material does not spread",
                practices: [
                    P("330100", materials: "m1@citydb m2"),
                    P("330200", materials: "m3 m4@pop"),
                ]),
            chosen: [.materials: "330200 fewest-submitted-materials"], materials: "m3 m4@pop", submitted: 1),
        Case(
            catalog: MergeCatalog(
                label: "issued materials are not submitted",
                practices: [
                    P("330100", materials: "m1 m2"),
                    P("330200", materials: "m1 m2! m3!"),
                ]),
            chosen: [.materials: "330200 fewest-submitted-materials"], materials: "m1 m2! m3!", submitted: 1),
        Case(
            catalog: MergeCatalog(
                label: "tie on submitted broken by fewer materials",
                practices: [
                    P("330100", materials: "m1 m2!"),
                    P("330200", materials: "m3"),
                ]),
            chosen: [.materials: "330200 fewest-submitted-materials"], materials: "m3", submitted: 1),
        Case(
            catalog: MergeCatalog(
                label: "legally required field missing from the winner is added back",
                item: .init(requiredFields: ["h"]),
                practices: [
                    P("330100", fields: "a"),
                    P("330200", fields: "b c h"),
                ]),
            // Even with h back, 330100's form (a, h: 2 by hand) beats 330200's (3 by hand).
            chosen: [.form: "330100 fewest-hand-filled-fields"], form: "a h", handFilled: 2, addedBack: ["h"]),
        Case(
            catalog: MergeCatalog(
                label: "legally required field made required",
                item: .init(requiredFields: ["a"]),
                practices: [P("330100", fields: "a? b")]),
            chosen: [.form: "330100 fewest-hand-filled-fields"], form: "a b", addedBack: []),
        Case(
            catalog: MergeCatalog(
                label: "added-back field prefilled when some locality shares it",
                item: .init(requiredFields: ["h"]),
                practices: [
                    P("330100", fields: "a"),
                    P("330200", fields: "b c h@pop"),
                ]),
            // h is prefilled province-wide by 330200, so adding it back costs nothing by hand.
            chosen: [.form: "330100 fewest-hand-filled-fields"], form: "a h@pop", handFilled: 1, addedBack: ["h"]),
        Case(
            catalog: MergeCatalog(
                label: "required material added back",
                item: .init(requiredMaterials: ["m5"]),
                practices: [
                    P("330100", materials: "m1"),
                    P("330200", materials: "m2 m3 m5"),
                ]),
            chosen: [.materials: "330100 fewest-submitted-materials"], materials: "m1 m5", submitted: 2, addedBack: ["m5"]),
        Case(
            catalog: MergeCatalog(
                label: "added-back material fetched when some locality shares it",
                item: .init(requiredMaterials: ["m5"]),
                practices: [
                    P("330100", materials: "m1"),
                    P("330200", materials: "m2 m3 m5@pop"),
                ]),
            chosen: [.materials: "330100 fewest-submitted-materials"], materials: "m1 m5@pop", submitted: 1,
            addedBack: ["m5"]),
        Case(
            catalog: MergeCatalog(
                label: "winner judged with the law's fields back",
                item: .init(requiredFields: ["g", "h"]),
                practices: [
                    P("330100", fields: "a b"),
                    P("330200", fields: "g h c"),
                ]),
            // 330100 has 2 by hand but lacks g and h: with them back it asks 4. 330200 asks 3
            // and is lawful as it stands; the standard must not ask more than that.
            chosen: [.form: "330200 fewest-hand-filled-fields"], form: "g h c", handFilled: 3, addedBack: []),
        Case(
            catalog: MergeCatalog(
                label: "winner judged with the law's materials back",
                item: .init(requiredMaterials: ["m5", "m6"]),
                practices: [
                    P("330100", materials: "m1"),
                    P("330200", materials: "m5 m6"),
                ]),
            chosen: [.materials: "330200 fewest-submitted-materials"], materials: "m5 m6", submitted: 2, addedBack: []),
        Case(
            catalog: MergeCatalog(
                label: "pin overrides a better practice",
                item: .init(pins: [("form", "330200"), ("limit", "330200")]),
                practices: [
                    P("330100", fields: "a", limit: 2),
                    P("330200", fields: "a b c", limit: 10),
                ]),
            chosen: [.form: "330200 pinned", .limit: "330200 pinned"], form: "a b c", handFilled: 3, limit: 10),
        Case(
            catalog: MergeCatalog(
                label: "single locality",
                item: .init(statutory: 10),
                practices: [
                    P(
                        "330102", fields: "a b@pop", materials: "m1 m2@pop", steps: [0, 2], limit: 3, visits: 1,
                        channels: "online counter", depth: "application")
                ]),
            chosen: [
                .form: "330102 fewest-hand-filled-fields", .materials: "330102 fewest-submitted-materials",
                .steps: "330102 fewest-steps", .limit: "330102 shortest-promised-limit", .visits: "330102 fewest-visits",
                .channels: "330102 most-channels",
            ],
            form: "a b@pop", handFilled: 1, materials: "m1 m2@pop", submitted: 1, steps: [0, 2], limit: 3, visits: 1,
            channels: "online counter"),
        Case(
            catalog: MergeCatalog(
                label: "no practice: frame only, statutory limit",
                item: .init(statutory: 15, requiredFields: ["a", "b"], requiredMaterials: ["m1"]),
                extraLocalities: ["330100"]),
            chosen: [
                .form: "frame frame-only", .materials: "frame frame-only", .steps: "frame frame-only",
                .limit: "frame frame-only", .visits: "frame frame-only", .channels: "frame frame-only",
            ],
            form: "a b", handFilled: 2, materials: "m1", submitted: 1, steps: [], limit: 15, visits: .some(nil),
            channels: "", addedBack: ["a", "b", "m1"]),
        Case(
            catalog: MergeCatalog(
                label: "no limit stated: statutory, frame-only",
                item: .init(statutory: 12),
                practices: [P("330100", fields: "a"), P("330200", fields: "b")]),
            chosen: [.limit: "frame frame-only"], limit: 12),
        Case(
            catalog: MergeCatalog(
                label: "shortest limit",
                practices: [P("330100", limit: 5), P("330102"), P("330200", limit: 3)]),
            chosen: [.limit: "330200 shortest-promised-limit"], limit: 3),
        Case(
            catalog: MergeCatalog(
                label: "fewest visits",
                practices: [P("330100", visits: 2), P("330102"), P("330200", visits: 0)]),
            chosen: [.visits: "330200 fewest-visits"], visits: 0),
        Case(
            catalog: MergeCatalog(
                label: "fewest steps",
                practices: [P("330100", steps: [0, 0, 0]), P("330200", steps: [5, 5])]),
            chosen: [.steps: "330200 fewest-steps"], steps: [5, 5]),
        Case(
            catalog: MergeCatalog(
                label: "steps tie broken by fewer days",
                practices: [P("330100", steps: [0, 3]), P("330200", steps: [1, 1])]),
            chosen: [.steps: "330200 fewest-steps"], steps: [1, 1]),
        Case(
            catalog: MergeCatalog(
                label: "practices without steps do not compete",
                practices: [P("330100", fields: "a"), P("330200", steps: [2, 2])]),
            chosen: [.steps: "330200 fewest-steps"], steps: [2, 2]),
        Case(
            catalog: MergeCatalog(
                label: "channels by depth before count",
                practices: [
                    P("330100", channels: "online mobile counter self-service", depth: "application"),
                    P("330200", channels: "online", depth: "full"),
                ]),
            chosen: [.channels: "330200 most-channels"], channels: "online"),
        Case(
            catalog: MergeCatalog(
                label: "channels: equal depth, most channels",
                practices: [
                    P("330100", channels: "online counter", depth: "full"),
                    P("330200", channels: "online mobile counter", depth: "full"),
                    P("330102", channels: "counter delivery video home-visit"),
                ]),
            chosen: [.channels: "330200 most-channels"], channels: "online mobile counter"),
    ]

    @Test(arguments: cases)
    func selection(_ c: Case) throws {
        let (catalog, item) = try c.catalog.merged()
        for (dimension, expected) in c.chosen.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            #expect(item.chosen(dimension) == expected, "\(dimension.rawValue)")
        }
        if let form = c.form { #expect(item.formNotation == form) }
        if let handFilled = c.handFilled { #expect(item.handFilledCount == handFilled) }
        if let materials = c.materials { #expect(item.materialNotation == materials) }
        if let submitted = c.submitted { #expect(item.submittedCount == submitted) }
        if let steps = c.steps { #expect(item.steps.value.map { $0.days ?? -1 } == steps) }
        if let limit = c.limit { #expect(item.promisedLimit.value == limit) }
        if let visits = c.visits { #expect(item.visits?.value == visits) }
        if let channels = c.channels { #expect(item.channels.value.map(\.rawValue).joined(separator: " ") == channels) }
        if let addedBack = c.addedBack { #expect(item.addedBack == addedBack) }
        expectMergeGuarantees(item, in: catalog)
    }

    // MARK: Provenance

    /// The spread prefill names the locality that shares it, at its `prefill:` line; the
    /// field itself comes from the winner.
    @Test func spreadPrefillNamesTheSharingLocality() throws {
        let spec = MergeCatalog(
            label: "spread", practices: [P("330100", fields: "a@pop b c"), P("330200", fields: "d a")])
        let (catalog, item) = try spec.merged()
        let a = try #require(item.form.first { $0.id == "a" })
        #expect(a.prefill == "pop")
        #expect(a.isHandFilled == false)
        #expect(a.provenance.locality == "330200")
        #expect(a.provenance.file == MergeCatalog.practiceFile("330200"))
        #expect(a.provenance.line == 4)  // item:, fields:, `- ref: d`, `- ref: a`
        #expect(a.provenance.rule == .fewestHandFilledFields)
        let spread = try #require(a.prefillProvenance)
        #expect(spread.locality == "330100")
        #expect(spread.file == MergeCatalog.practiceFile("330100"))
        #expect(spread.line == 4)  // `    prefill: pop` under `  - ref: a`
        #expect(spread.column == 14)
        #expect(spread.rule == .provinceWideSharing)
        // The report lists the sharing and credits 330100 with it.
        let report = MergeReport(catalog)
        let itemReport = MergeReport.itemReport(item)
        #expect(itemReport.sharedFields.map(\.id) == ["a"])
        #expect(itemReport.sharedFields.first?.locality == "330100")
        #expect(itemReport.sharedFields.first?.at == "\(MergeCatalog.practiceFile("330100")):4:14")
        let contributions = report.localities.first { $0.code == "330100" }?.adopted.map(\.dimension) ?? []
        #expect(contributions.contains("sharing:a"))
        #expect(!contributions.contains("form"))
        expectMergeGuarantees(item, in: catalog)
    }

    @Test func spreadMaterialNamesTheSharingLocality() throws {
        let spec = MergeCatalog(
            label: "spread", practices: [P("330100", materials: "m1@pop m2 m3"), P("330200", materials: "m1 m4")])
        let (catalog, item) = try spec.merged()
        let m1 = try #require(item.materials.first { $0.id == "m1" })
        #expect(m1.source == .shared)
        #expect(m1.from == "pop")
        #expect(m1.provenance.locality == "330200")
        #expect(m1.sourceProvenance?.locality == "330100")
        #expect(m1.sourceProvenance?.rule == .provinceWideSharing)
        #expect(m1.sourceProvenance?.file == MergeCatalog.practiceFile("330100"))
        expectMergeGuarantees(item, in: catalog)
    }

    /// A field the law requires and the winner lacks: back, required, by the legal-minimum
    /// rule, at its place in the item file.
    @Test func addedBackFieldCarriesLegalMinimumProvenance() throws {
        let spec = MergeCatalog(
            label: "added back", item: .init(requiredFields: ["h"], requiredMaterials: ["m6"]),
            practices: [P("330100", fields: "a", materials: "m1")])
        let (catalog, item) = try spec.merged()
        let h = try #require(item.form.last)
        #expect(h.id == "h")
        #expect(h.required)
        #expect(h.provenance.rule == .legalMinimum)
        #expect(h.provenance.locality == nil)
        #expect(h.provenance.file == MergeCatalog.itemFile)
        #expect(h.provenance.line == 13)  // `required:` is line 12, `  fields: [h]` line 13
        let m6 = try #require(item.materials.last)
        #expect(m6.id == "m6")
        #expect(m6.required)
        #expect(m6.source == .applicant)
        #expect(m6.provenance.rule == .legalMinimum)
        #expect(m6.provenance.line == 14)
        #expect(item.addedBack == ["h", "m6"])
        let report = MergeReport.itemReport(item)
        #expect(report.addedBack == ["h", "m6"])
        // The decision describes the standard with the law's fields back.
        #expect(item.decision(.form)?.summary == "2 fields, 2 by hand")
        #expect(item.decision(.materials)?.summary == "2 materials, 2 submitted")
        expectMergeGuarantees(item, in: catalog)
    }

    /// Fields chosen by a pin carry the `pinned` rule too, not just the decision.
    @Test func pinnedFieldsCarryThePinnedRule() throws {
        let spec = MergeCatalog(
            label: "pinned", item: .init(pins: [("form", "330200")]),
            practices: [P("330100", fields: "a"), P("330200", fields: "b c")])
        let (_, item) = try spec.merged()
        #expect(item.form.map(\.provenance.rule) == [.pinned, .pinned])
        #expect(item.form.map(\.provenance.locality) == ["330200", "330200"])
        let report = MergeReport.itemReport(item)
        #expect(report.decisions.first { $0.dimension == "form" }?.rule == "pinned")
        #expect(MergeRule.pinned.explanation.contains("pinned"))
    }

    /// A pin to a locality that exists but has no practice for the item is reported at the
    /// pin, and the build stops.
    @Test func pinToLocalityWithoutPracticeIsADiagnostic() throws {
        let spec = MergeCatalog(
            label: "pin to nothing", item: .init(pins: [("steps", "330300")]),
            practices: [P("330100", steps: [1])], extraLocalities: ["330300"])
        let built = try spec.standard()
        let diagnostics = built.check.diagnostics
        #expect(diagnostics.map(\.code) == [.unknownReference], "\(diagnostics.map(\.message))")
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostic.location == SourceLocation(file: MergeCatalog.itemFile, line: 13, column: 10))
        #expect(diagnostic.message.contains("330300"))
        #expect(diagnostic.message.contains("steps"))
        #expect(built.standard == nil)
    }

    /// A pin to a locality that is not in the catalog at all is caught by Resolve.
    @Test func pinToUnknownLocalityIsADiagnostic() throws {
        let spec = MergeCatalog(
            label: "pin to unknown", item: .init(pins: [("form", "330999")]), practices: [P("330100", fields: "a")])
        let built = try spec.standard()
        #expect(built.check.diagnostics.map(\.code) == [.unknownReference])
        #expect(built.check.diagnostics.first?.location?.line == 13)
        #expect(built.standard == nil)
    }

    /// Pinning a dimension to a practice that states nothing for it must not crash: the
    /// standard follows the pin (no steps, no channels) and points at the practice.
    @Test(arguments: ["steps", "channels", "limit", "visits", "form", "materials"])
    func pinToPracticeThatStatesNothing(_ dimension: String) throws {
        let spec = MergeCatalog(
            label: "pin to silence", item: .init(statutory: 9, pins: [(dimension, "330200")]),
            practices: [
                P("330100", fields: "a", materials: "m1", steps: [1], limit: 3, visits: 0, channels: "online", depth: "full"),
                P("330200"),
            ])
        let (_, item) = try spec.merged()
        let decision = try #require(item.decision(MergeDimension(rawValue: dimension)!))
        #expect(decision.provenance.rule == .pinned)
        #expect(decision.provenance.locality == "330200")
        #expect(decision.provenance.file == MergeCatalog.practiceFile("330200"))
        switch dimension {
        case "steps": #expect(item.steps.value.isEmpty)
        case "channels": #expect(item.channels.value.isEmpty)
        case "limit": #expect(item.promisedLimit.value == 9)
        case "visits": #expect(item.visits == nil)
        case "form": #expect(item.form.isEmpty)
        default: #expect(item.materials.isEmpty)
        }
    }

    /// Frame only: the report says so, and the standard's values point into the item file.
    @Test func frameOnlyItemIsReportedAsSuch() throws {
        let spec = MergeCatalog(
            label: "frame only", item: .init(statutory: 15, requiredFields: ["a"]), extraLocalities: ["330100"])
        let (catalog, item) = try spec.merged()
        #expect(item.practices.isEmpty)
        #expect(item.promisedLimit.provenance.rule == .frameOnly)
        #expect(item.promisedLimit.provenance.file == MergeCatalog.itemFile)
        #expect(item.promisedLimit.provenance.line == 11)  // statutory_limit
        let report = MergeReport.itemReport(item)
        #expect(report.frameOnly)
        #expect(MergeReport(catalog).items.first?.frameOnly == true)
        #expect(report.localities.isEmpty)
        #expect(report.decisions.allSatisfy { $0.rule == "frame-only" && $0.locality == nil && $0.alternatives.isEmpty })
        expectMergeGuarantees(item, in: catalog)
    }

    /// Practices are compared in locality-code order whatever order the files come in, so a
    /// tie gives the same answer for any listing of the same catalog.
    @Test func tieBreakDoesNotDependOnFileOrder() throws {
        for order in [["330200", "330100", "330102"], ["330102", "330200", "330100"]] {
            let spec = MergeCatalog(label: "order", practices: order.map { P($0, fields: "a", limit: 4) })
            let (_, item) = try spec.merged()
            #expect(item.chosen(.form) == "330100 fewest-hand-filled-fields")
            #expect(item.chosen(.limit) == "330100 shortest-promised-limit")
            #expect(item.practices.map(\.locality.code.value) == ["330100", "330102", "330200"])
            #expect(item.decision(.form)?.alternatives.map(\.locality) == ["330100", "330102", "330200"])
        }
    }

    // MARK: The embedded catalog

    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The guarantee over the realistic catalog in `catalog/`: every item's standard asks no
    /// more than any practice and keeps the law's minimum.
    @Test func embeddedCatalogKeepsTheMergeGuarantees() throws {
        let root = Self.repositoryRoot.appendingPathComponent("catalog")
        guard FileManager.default.fileExists(atPath: root.appendingPathComponent("jimu.yaml").path) else {
            Issue.record("the embedded catalog is not there yet: \(root.path)/jimu.yaml does not exist")
            return
        }
        let fileSystem = LocalFileSystem(root: root.path)
        let built = try BuildPipeline.standard(fileSystem)
        let errors = built.check.diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "the embedded catalog has errors:\n\(built.check.rendered(files: [:]))")
        let catalog = try #require(built.standard)
        #expect(!catalog.items.isEmpty)
        #expect(catalog.items.contains { !$0.practices.isEmpty }, "no item of the embedded catalog has a practice")
        for item in catalog.items {
            expectMergeGuarantees(item, in: catalog)
        }
    }

    /// The mini fixture keeps the guarantee too.
    @Test func miniCatalogKeepsTheMergeGuarantees() throws {
        let built = try BuildPipeline.standard(InMemoryFileSystem(bytes: CatalogFixtures.miniFiles()))
        let catalog = try #require(built.standard)
        #expect(catalog.items.count == 3)
        for item in catalog.items {
            expectMergeGuarantees(item, in: catalog)
        }
    }
}
