import Foundation
import JimuCore
import Testing

/// The figures of the golden `merge.json` and `kpi.json` of the mini fixture, worked out by
/// hand from the practice YAML (not from the compiler), so a wrong formula cannot hide
/// behind a re-recorded golden file.
@Suite struct MergeFiguresTests {
    static func golden<T: Decodable>(_ type: T.Type, _ path: String) throws -> T {
        let url = Golden.root.appendingPathComponent("mini/reports/\(path)")
        return try JSONDecoder().decode(T.self, from: Data(contentsOf: url))
    }

    static func share(_ share: ReformFigures.Share) -> String { "\(share.count)/\(share.of)" }

    /// A reduction with the percentage written out (a string, so `11.1` is exact).
    static func reduction(_ before: Int, _ after: Int, _ percent: String?) -> Reduction {
        var reduction = Reduction(before: before, after: after)
        reduction.percent = percent.flatMap { DecimalFigure($0) }
        return reduction
    }

    /// `household-registration-newborn`, practices of 杭州市 (330100) and 富阳区 (330111).
    ///
    /// Sharing: both prefill `mother.id_number` from `population` (province-wide), which adds
    /// nothing; 330100 fetches `birth_medical_certificate` from `hangzhou_health`, a city
    /// source, which does not spread: in the standard that material is brought by hand.
    ///
    /// The standard:
    /// - form: pinned to 330111: mother.id_number (prefilled), newborn.name, 联系电话
    ///   (applicant.mobile), applicant.age, registration.reason: 5 fields, 4 by hand; both
    ///   legally required fields (newborn.name, mother.id_number) are in it.
    /// - materials: 330100 submits 3 under the standard's rules (its city fetch counts as
    ///   submitted: birth certificate, register page, marriage certificate), 330111 2 (birth
    ///   certificate, register page): 330111's 2 materials, 2 submitted.
    /// - steps: both 2; days 0+3 = 3 against 0+2 = 2: 330111's 2 steps.
    /// - limit: min(5, 3) = 3 (statutory 20). Visits: both 0, tie: 0.
    ///
    /// Each locality as it stands (a field is by hand unless it prefills it, from any
    /// source; a material is submitted when its source is `applicant`):
    /// - 330100: 6 fields, 5 by hand (all but mother.id_number); 3 materials, 2 submitted
    ///   (register page, marriage certificate; the birth certificate is fetched); 2 steps;
    ///   5 days; 0 visits. Reductions: by hand 5 → 4 (−1, 1/5 = 20%); submitted 2 → 2 (0%);
    ///   steps 2 → 2 (0%); days 5 → 3 (−2, 2/5 = 40%); visits 0 → 0 (no percentage of 0).
    ///   Must change: form (5 > 4 by hand), limit (5 > 3).
    /// - 330111: 5 fields, 4 by hand; 2 submitted; 2 steps; 3 days; 0 visits: all equal to
    ///   the standard, 0% each, nothing to change.
    @Test func householdRegistrationReductionsPerLocality() throws {
        let report = try Self.golden(MergeReport.self, "merge.json")
        let entry = try #require(report.items.first { $0.key == "household-registration-newborn" })
        let standard = PracticeMeasures(
            fields: 5, handFilledFields: 4, materials: 2, submittedMaterials: 2, steps: 2, promisedLimit: 3, visits: 0)
        #expect(entry.standard == standard)
        #expect(entry.practices == 2 && !entry.frameOnly)
        #expect(entry.report == "reports/merge/household-registration-newborn.json")
        // The index names the item's own report, which holds the rest.
        let item = try Self.golden(MergeReport.ItemReport.self, "merge/household-registration-newborn.json")
        #expect(item.key == entry.key && item.standard == standard)
        #expect(item.localities.map(\.locality) == ["330100", "330111"])

        let hangzhou = try #require(item.localities.first)
        #expect(
            hangzhou.before
                == PracticeMeasures(
                    fields: 6, handFilledFields: 5, materials: 3, submittedMaterials: 2, steps: 2, promisedLimit: 5,
                    visits: 0))
        #expect(hangzhou.reductions.handFilledFields == Self.reduction(5, 4, "20"))
        #expect(hangzhou.reductions.submittedMaterials == Self.reduction(2, 2, "0"))
        #expect(hangzhou.reductions.steps == Self.reduction(2, 2, "0"))
        #expect(hangzhou.reductions.days == Self.reduction(5, 3, "40"))
        #expect(hangzhou.reductions.visits == Self.reduction(0, 0, nil))
        #expect(hangzhou.mustChange == ["form", "limit"])

        let fuyang = try #require(item.localities.last)
        #expect(
            fuyang.before
                == PracticeMeasures(
                    fields: 5, handFilledFields: 4, materials: 2, submittedMaterials: 2, steps: 2, promisedLimit: 3,
                    visits: 0))
        #expect(fuyang.reductions.handFilledFields == Self.reduction(4, 4, "0"))
        #expect(fuyang.reductions.submittedMaterials == Self.reduction(2, 2, "0"))
        #expect(fuyang.reductions.days == Self.reduction(3, 3, "0"))
        #expect(fuyang.mustChange == [])

        #expect(item.decisions.map(\.dimension) == ["form", "materials", "steps", "limit", "visits", "channels"])
        #expect(item.decisions.map { $0.locality ?? "frame" } == ["330111", "330111", "330111", "330111", "330100", "330100"])
        #expect(
            item.decisions.map(\.rule) == [
                "pinned", "fewest-submitted-materials", "fewest-steps", "shortest-promised-limit", "fewest-visits",
                "most-channels",
            ])
        #expect(item.addedBack == [])
        #expect(item.sharedFields.isEmpty && item.sharedMaterials.isEmpty)
    }

    /// Totals. The other two items have one practice each, equal to their standard:
    /// birth-medical-certificate (330100): 4 by hand, 1 submitted, 2 steps, 3 days, 1 visit;
    /// vaccination-certificate (330111): 3 by hand, 1 submitted (the record is issued),
    /// 1 step, 0 days, 1 visit.
    /// - 330100: by hand 5+4 = 9 → 4+4 = 8 (1/9 = 11.1%); days 5+3 = 8 → 3+3 = 6 (25%).
    /// - 330111: by hand 4+3 = 7 → 7; submitted 2+1 = 3 → 3; days 3+0 → 3+0.
    /// - province: by hand 16 → 15 (1/16 = 6.25%, rounded half away from zero: 6.3%);
    ///   submitted 6 → 6; steps 7 → 7; days 11 → 9 (2/11 = 18.18…: 18.2%); visits 2 → 2.
    @Test func totals() throws {
        let report = try Self.golden(MergeReport.self, "merge.json")
        let hangzhou = try #require(report.localities.first { $0.code == "330100" })
        #expect(hangzhou.practices == 2)
        #expect(hangzhou.totals.handFilledFields == Self.reduction(9, 8, "11.1"))
        #expect(hangzhou.totals.days == Self.reduction(8, 6, "25"))
        #expect(hangzhou.totals.visits == Self.reduction(1, 1, "0"))
        let fuyang = try #require(report.localities.first { $0.code == "330111" })
        #expect(fuyang.practices == 2)
        #expect(fuyang.totals.handFilledFields == Self.reduction(7, 7, "0"))
        #expect(fuyang.totals.submittedMaterials == Self.reduction(3, 3, "0"))
        #expect(fuyang.totals.days == Self.reduction(3, 3, "0"))
        #expect(report.totals.handFilledFields == Self.reduction(16, 15, "6.3"))
        #expect(report.totals.submittedMaterials == Self.reduction(6, 6, "0"))
        #expect(report.totals.steps == Self.reduction(7, 7, "0"))
        #expect(report.totals.days == Self.reduction(11, 9, "18.2"))
        #expect(report.totals.visits == Self.reduction(2, 2, "0"))
    }

    /// kpi.json. The standard: visits 0 (household), 1 (birth certificate, 330100's only
    /// practice), 1 (vaccination): at most one visit 3/3, none 1/3 = 33.3%; fully online only
    /// the household registration (both practices `full`; the tie goes to 330100): 1/3;
    /// promised (3+3+0)/3 = 2, statutory (20+10+0)/3 = 10.
    /// 330100: visits 0 and 1, `full` and `application`, promised 5 and 3, statutory 20 and
    /// 10: 2/2, 1/2, 1/2, average 4 against 15. 330111: visits 0 and 1, `full` and
    /// `information`, promised 3 and 0, statutory 20 and 0: 2/2, 1/2, 1/2, 1.5 against 10.
    @Test func reformFigures() throws {
        let figures = try Self.golden(ReformFigures.self, "kpi.json")
        let standard = figures.standard
        #expect(standard.items == 3)
        #expect(Self.share(standard.atMostOneVisit) == "3/3")
        #expect(standard.atMostOneVisit.percent == 100)
        #expect(Self.share(standard.zeroVisits) == "1/3")
        #expect(standard.zeroVisits.percent == DecimalFigure("33.3"))
        #expect(Self.share(standard.fullyOnline) == "1/3")
        #expect(standard.averagePromisedLimit == 2)
        #expect(standard.averageStatutoryLimit == 10)
        #expect(figures.localities.map(\.code) == ["330100", "330111"])
        let hangzhou = figures.localities[0].figures
        #expect(hangzhou.items == 2)
        #expect([hangzhou.atMostOneVisit, hangzhou.zeroVisits, hangzhou.fullyOnline].map(Self.share) == ["2/2", "1/2", "1/2"])
        #expect(hangzhou.averagePromisedLimit == 4)
        #expect(hangzhou.averageStatutoryLimit == 15)
        let fuyang = figures.localities[1].figures
        #expect([fuyang.atMostOneVisit, fuyang.zeroVisits, fuyang.fullyOnline].map(Self.share) == ["2/2", "1/2", "1/2"])
        #expect(fuyang.zeroVisits.percent == 50)
        #expect(fuyang.averagePromisedLimit == DecimalFigure("1.5"))
        #expect(fuyang.averageStatutoryLimit == 10)
    }

    /// Visits add up only where the practice states them: 330200 states none, so its totals
    /// must not show the standard's 2 visits as an increase from 0, nor the province's.
    @Test func visitTotalsCountOnlyStatedVisits() throws {
        let spec = MergeCatalog(label: "visits", practices: [P("330100", visits: 2), P("330200")])
        let (catalog, item) = try spec.merged()
        #expect(item.visits?.value == 2)
        let report = MergeReport(catalog)
        let comparison = try #require(MergeReport.itemReport(item).localities.last)
        #expect(comparison.locality == "330200")
        #expect(comparison.reductions.visits == nil)
        #expect(report.localities.first { $0.code == "330200" }?.totals.visits == Self.reduction(0, 0, nil))
        #expect(report.localities.first { $0.code == "330100" }?.totals.visits == Self.reduction(2, 2, "0"))
        #expect(report.totals.visits == Self.reduction(2, 2, "0"))
    }

    /// The golden figures are those of a fresh build (the golden test checks the bytes; this
    /// says the hand-checked numbers are not stale).
    @Test func goldenFiguresAreCurrent() throws {
        let files = CatalogFixtures.miniFiles()
        let built = try #require(try BuildPipeline.standard(InMemoryFileSystem(bytes: files)).standard)
        let fresh = try CanonicalJSON.encode(MergeReport(built))
        let golden = try String(contentsOf: Golden.root.appendingPathComponent("mini/reports/merge.json"), encoding: .utf8)
        #expect(fresh == golden)
        for item in built.items {
            let page = try String(
                contentsOf: Golden.root.appendingPathComponent("mini/" + MergeReport.itemPath(item.key)), encoding: .utf8)
            #expect(try CanonicalJSON.encode(MergeReport.itemReport(item)) == page)
        }
    }
}
