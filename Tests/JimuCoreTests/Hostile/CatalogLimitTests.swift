import Foundation
import JimuCore
import Testing

/// One limit of `jimu.yaml`: files that breach it, the setting's value during the breach
/// (nil: the default), and a value that lifts it.
struct LimitCase: Sendable, CustomTestStringConvertible {
    var setting: String
    var code: DiagnosticCode
    var files: [String: [UInt8]]
    var breachedAt: Int?
    var raisedTo: Int
    /// The codes left once the limit is raised: [] when the breaching content is otherwise a
    /// valid catalog.
    var afterRaising: [DiagnosticCode] = []

    var testDescription: String { "limits.\(setting)" }
}

private let vaccination = "items/vaccination-certificate.yaml"

enum LimitTable {
    static let cases: [LimitCase] = [
        // A valid item file grown past 1 MiB by a comment.
        LimitCase(
            setting: "max_file_bytes", code: .fileTooLarge,
            files: [vaccination: Array((Hostile.mini(vaccination) + "# " + String(repeating: "x", count: 2 << 20) + "\n").utf8)],
            breachedAt: nil, raisedTo: 4 << 20),
        // 100 levels where 64 are allowed; raised, the nesting is read and found to be no
        // catalog key (but nothing crashes or recurses out of stack).
        LimitCase(
            setting: "max_depth", code: .depthLimit,
            files: [
                Hostile.standalone: Array(
                    (Hostile.standaloneText + "deep: " + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + "\n").utf8)
            ],
            breachedAt: nil, raisedTo: 1_000, afterRaising: [.unknownKey]),
        // Four aliases of a two-entry text add 16 nodes.
        LimitCase(
            setting: "max_alias_expansion", code: .aliasExpansion,
            files: [
                Hostile.standalone: Array(
                    ("year: 2027\nworkdays: []\nholidays:\n  - {name: &n {zh: 假日, en: Holiday}, from: 2027-01-01, to: 2027-01-01}\n"
                        + (2...5).map { "  - {name: *n, from: 2027-03-0\($0), to: 2027-03-0\($0)}\n" }.joined()).utf8)
            ],
            breachedAt: 10, raisedTo: 16),
        // mini/ has 17 YAML files.
        LimitCase(setting: "max_files", code: .tooManyFiles, files: [:], breachedAt: 16, raisedTo: 17),
        // The longest condition of mini/ has 51 characters.
        LimitCase(setting: "max_expression_length", code: .expressionTooLong, files: [:], breachedAt: 50, raisedTo: 51),
        // mini/'s bundle has 3 items.
        LimitCase(setting: "max_bundle_items", code: .bundleTooLarge, files: [:], breachedAt: 2, raisedTo: 3),
        // A description of 20,000 bytes where 10,000 are allowed.
        LimitCase(
            setting: "max_string_length", code: .stringTooLong,
            files: [
                "bundles/newborn.yaml": Hostile.edit(
                    "bundles/newborn.yaml", "description: {zh: 一表申请、一次提交、一并审批、一站办结,",
                    "description: {zh: " + String(repeating: "一表申请", count: 20_000 / 12) + ",")
            ],
            breachedAt: nil, raisedTo: 30_000),
    ]
}

/// The default of a setting, as docs/catalog-format.md documents it.
private func defaultValue(of setting: String) -> Int {
    let limits = CatalogLimits()
    switch setting {
    case "max_file_bytes": return limits.maxFileBytes
    case "max_depth": return limits.maxDepth
    case "max_alias_expansion": return limits.maxAliasExpansion
    case "max_files": return limits.maxFiles
    case "max_expression_length": return limits.maxExpressionLength
    case "max_bundle_items": return limits.maxBundleItems
    case "max_string_length": return limits.maxStringLength
    default: preconditionFailure("no setting \(setting)")
    }
}

@Suite struct CatalogLimitTests {
    /// Breached, each limit gives its diagnostic, which names the limit's value and the
    /// `jimu.yaml` setting that raises it, and the check ends quickly.
    @Test(arguments: LimitTable.cases)
    func breachNamesTheLimitAndTheSetting(_ limit: LimitCase) throws {
        var files = Hostile.catalog(limit.files)
        files["jimu.yaml"] = Hostile.config(limits: limit.breachedAt.map { [limit.setting: $0] } ?? [:])
        let (result, seconds) = try Hostile.timed { try CheckPipeline.run(InMemoryFileSystem(bytes: files)) }
        let value = limit.breachedAt ?? defaultValue(of: limit.setting)
        let breaches = result.diagnostics.filter { $0.code == limit.code }
        #expect(!breaches.isEmpty, "no \(limit.code.rawValue):\n\(result.rendered(files: files))")
        for diagnostic in breaches {
            #expect(diagnostic.severity == .error)
            #expect(diagnostic.message.contains("`limits.\(limit.setting)` in jimu.yaml"), "\(diagnostic.message)")
            #expect(diagnostic.message.contains(String(value)), "the limit's value is not named: \(diagnostic.message)")
        }
        #expect(seconds < 20, "took \(seconds) s")
    }

    /// Raised in `jimu.yaml`, the limit no longer stops the catalog.
    @Test(arguments: LimitTable.cases)
    func raisingTheSettingLiftsIt(_ limit: LimitCase) throws {
        var files = Hostile.catalog(limit.files)
        files["jimu.yaml"] = Hostile.config(limits: [limit.setting: limit.raisedTo])
        let (result, seconds) = try Hostile.timed { try CheckPipeline.run(InMemoryFileSystem(bytes: files)) }
        #expect(Hostile.codes(result) == limit.afterRaising, "\(result.rendered(files: files))")
        #expect(seconds < 20, "took \(seconds) s")
    }

    @Test func everySettingHasACase() {
        #expect(LimitTable.cases.map(\.setting).sorted() == CatalogLimits.settingNames.sorted())
    }

    /// The limit message for a file too large goes through the reader's own check too: a file
    /// under the catalog's limit but over the reader's default is read.
    @Test func aRaisedFileLimitReachesTheReader() throws {
        var files = Hostile.catalog([
            Hostile.standalone: Array((Hostile.standaloneText + "# " + String(repeating: "x", count: 1_500_000) + "\n").utf8)
        ])
        files["jimu.yaml"] = Hostile.config(limits: ["max_file_bytes": 2_000_000])
        #expect(Hostile.codes(try CheckPipeline.run(InMemoryFileSystem(bytes: files))) == [])
    }

    /// A limit raised far does not let a hostile input crash or hang what comes after the
    /// reader. Nesting is read up to YAMLLimits.depthCeiling (10,000 levels) whatever the
    /// setting says, because libyaml's time grows with the square of the flow depth: a
    /// higher setting is refused in jimu.yaml itself.
    @Test func depthRaisedToItsCeilingStaysSafe() throws {
        let ceiling = 10_000
        func catalog(depth: Int, setting: Int) -> [String: [UInt8]] {
            var files = Hostile.catalog([
                Hostile.standalone: Array(
                    (Hostile.standaloneText + "deep: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n").utf8)
            ])
            files["jimu.yaml"] = Hostile.config(limits: ["max_depth": setting])
            return files
        }
        // `deep:` stands in the root mapping, level 1: 9,999 more levels reach the ceiling.
        let (atCeiling, seconds) = try Hostile.timed { try CheckPipeline.run(InMemoryFileSystem(bytes: catalog(depth: ceiling - 1, setting: ceiling))) }
        #expect(Hostile.codes(atCeiling) == [.unknownKey])
        #expect(seconds < 20, "took \(seconds) s")

        let (beyond, beyondSeconds) = try Hostile.timed { try CheckPipeline.run(InMemoryFileSystem(bytes: catalog(depth: 100_000, setting: ceiling))) }
        #expect(Hostile.codes(beyond) == [.depthLimit])
        #expect(beyondSeconds < 20, "took \(beyondSeconds) s")

        let tooHigh = try CheckPipeline.run(InMemoryFileSystem(bytes: catalog(depth: 10, setting: ceiling + 1)))
        #expect(tooHigh.diagnostics.contains { $0.code == .numberOutOfRange && $0.location?.file == "jimu.yaml" })
    }

    /// A condition of over 100,000 characters, once both limits that stop it are raised, is
    /// refused by the parser's own bound on `and`/`or` (256), not by a crash; at that bound
    /// the whole build, every emitter included, handles it.
    @Test func expressionLengthRaisedFarStaysSafe() throws {
        let practice = "localities/330100-hangzhou/household-registration-newborn.yaml"
        func catalog(comparisons: Int) -> [String: [UInt8]] {
            let long = Array(repeating: "relationship == '9'", count: comparisons).joined(separator: " or ")
            var files = Hostile.catalog([practice: Hostile.edit(practice, "required_if: \"relationship == '9'\"", "required_if: \"\(long)\"")])
            files["jimu.yaml"] = Hostile.config(limits: ["max_expression_length": 200_000, "max_string_length": 200_000])
            return files
        }
        let hostile = catalog(comparisons: 5_000)
        let (refused, seconds) = try Hostile.timed { try CheckPipeline.run(InMemoryFileSystem(bytes: hostile)) }
        #expect(Hostile.codes(refused) == [.invalidExpression], "\(refused.rendered(files: hostile))")
        #expect(refused.diagnostics.first?.message.contains("more than 257 comparisons") == true)
        #expect(seconds < 20, "took \(seconds) s")

        let atBound = catalog(comparisons: 257)
        let (built, buildSeconds) = try Hostile.timed { try BuildPipeline.run(InMemoryFileSystem(bytes: atBound)) }
        #expect(Hostile.codes(built.check) == [], "\(built.check.rendered(files: atBound))")
        #expect(!built.artifacts.isEmpty)
        #expect(buildSeconds < 60, "took \(buildSeconds) s")
    }
}
