import Foundation
import JimuYAML
import Testing

/// Runs every case of the yaml-test-suite copy in `shared/yaml-test-suite`, beside the
/// repository: error cases must throw a located error, valid cases must parse and, where the
/// suite gives `in.json`, produce the same JSON.
@Suite struct ConformanceTests {
    /// Cases that do not pass, each with its reason: libyaml 0.2.5 disagrees with the suite
    /// (checked against a plain C event walk over the same file), or the reader's own rules
    /// differ on purpose. `excludedCasesStillFail` keeps this list honest.
    static let excluded: [String: String] = [
        // libyaml rejects valid YAML.
        "2JQS": "libyaml rejects block mapping entries with empty keys (`: a`)",
        "2LFX": "libyaml rejects a reserved directive (`%FOO`) instead of ignoring it",
        "2SXE": "libyaml anchors allow only alphanumerics, `-` and `_`, so `&a:` ends at the colon",
        "4ABK": "libyaml rejects a flow mapping entry with an omitted value (`omitted value:,`)",
        "4MUZ/00": "libyaml rejects a flow mapping `:` on the line after its quoted key",
        "4MUZ/01": "libyaml rejects a flow mapping `:` on the line after its quoted key",
        "4MUZ/02": "libyaml rejects a flow mapping `:` on the line after its plain key",
        "58MP": "libyaml rejects a flow plain scalar that starts with `:` (`{x: :x}`)",
        "5MUD": "libyaml rejects a flow mapping `:` on the line after its key, adjacent to the value",
        "5T43": "libyaml rejects a value adjacent to `:` after a quoted flow key (`\"key\"::value`)",
        "6BCT": "libyaml rejects a tab as separation after `-` (`-\tbaz`)",
        "6CA3": "libyaml rejects tabs before a top-level flow sequence",
        "6LVF": "libyaml rejects a reserved directive (`%FOO`) instead of ignoring it",
        "6M2F": "libyaml rejects an empty-key entry after an explicit key (`: *a`)",
        "7Z25": "libyaml rejects a bare document after a `...` end marker",
        "8XYN": "libyaml anchors allow only ASCII alphanumerics, `-` and `_` (`&😁`)",
        "96NN/00": "libyaml rejects a tab at the start of literal block content",
        "96NN/01": "libyaml rejects a tab at the start of literal block content (no final newline)",
        "9SA2": "libyaml rejects a multi-line double-quoted key in a flow mapping",
        "A2M4": "libyaml rejects a tab as separation after `-` in nested block sequences",
        "BEC7": "libyaml rejects `%YAML 1.3` instead of warning",
        "CFD4": "libyaml rejects an empty implicit key in a flow sequence pair (`[ : empty key ]`)",
        "DBG4": "libyaml rejects a flow plain scalar that starts with `::` (`[ ::vector ]`)",
        "DK3J": "libyaml rejects a zero-indented folded scalar after `--- >` with a `#` line",
        "DK95/00": "libyaml rejects a tab after indentation spaces before a plain value",
        "DK95/03": "libyaml rejects a blank line of a space and a tab before the first key",
        "DK95/04": "libyaml rejects a line holding only a tab between mapping entries",
        "FP8R": "libyaml rejects a zero-indented folded scalar after `--- >`",
        "FRK4": "libyaml rejects completely empty flow nodes (`? foo :,`)",
        "HM87/00": "libyaml rejects a flow plain scalar that starts with `:` (`[:x]`)",
        "HWV9": "libyaml rejects a stream that holds only `...`",
        "K3WX": "libyaml rejects a flow mapping `:` on the line after a key and a comment",
        "M2N8/00": "libyaml rejects an explicit key whose content is an empty-key pair (`- ? : x`)",
        "M7A3": "libyaml rejects bare documents after `...` (spec example 9.3)",
        "MUS6/05": "libyaml rejects an unknown directive (`%YAM`) instead of ignoring it",
        "MUS6/06": "libyaml rejects an unknown directive (`%YAMLL`) instead of ignoring it",
        "NHX8": "libyaml rejects a block mapping with an empty key (`:`)",
        "NJ66": "libyaml rejects a multi-line plain key in a flow mapping",
        "NKF9": "libyaml rejects empty keys in block and flow mappings (`: empty key`)",
        "Q5MG": "libyaml rejects a tab before a flow mapping at the start of a line",
        "QT73": "libyaml rejects a stream of a comment and `...`",
        "R4YG": "libyaml rejects a tab at the start of block scalar content (spec example 8.2)",
        "S3PD": "libyaml rejects a block mapping entry with an empty key (spec example 8.18)",
        "SM9W/01": "libyaml rejects a stream that is only `:`",
        "UKK6/00": "libyaml rejects `- :` (an empty key and value in a sequence entry)",
        "UT92": "libyaml reads `%` at the start of a line inside a flow mapping as a directive",
        "VJP3/01": "libyaml rejects a flow mapping with the `:` alone on its own line",
        "W4TN": "libyaml reads `%!PS-Adobe-2.0` inside a block scalar as a directive",
        "W5VH": "libyaml anchors allow only alphanumerics, `-` and `_` (`&:@*!$\"<foo>:`)",
        "Y79Y/001": "libyaml rejects a line holding only a tab inside a literal block scalar",
        "Y79Y/010": "libyaml rejects a tab as separation after `-` (`-\t-1`)",
        // libyaml accepts invalid YAML.
        "9C9N": "libyaml accepts a flow sequence continued at less indentation than its key",
        "9HCY": "libyaml accepts a `%TAG` directive after a document without a `...` end marker",
        "9JBA": "libyaml accepts a comment without a space before it after `]`",
        "CVW2": "libyaml accepts a comment without a space before it after `,`",
        "DK95/01": "libyaml accepts a tab indenting a double-quoted scalar's continuation line",
        "EB22": "libyaml accepts a `%YAML` directive after a document without a `...` end marker",
        "G5U8": "libyaml accepts `-` as a plain scalar in a flow sequence (`[-, -]`)",
        "MUS6/00": "libyaml accepts a comment without a space before it after `%YAML 1.1`",
        "MUS6/01": "libyaml accepts a second `%YAML` directive after a document without `...`",
        "QB6E": "libyaml accepts a double-quoted scalar continued at less indentation than its key",
        "RHX7": "libyaml accepts a `%YAML` directive after a document without a `...` end marker",
        "S98Z": "libyaml accepts leading empty lines more indented than a block scalar's first line",
        "SU5Z": "libyaml accepts a comment without a space before it after a quoted scalar",
        "X4QW": "libyaml accepts a comment without a space before it after `>`",
        "Y79Y/003": "libyaml accepts a tab indenting an entry of a flow sequence in block context",
        "YJV2": "libyaml accepts `-` as a plain scalar in a flow sequence (`[-]`)",
        // libyaml reads valid YAML differently.
        "652Z": "libyaml reads `?foo` in a flow mapping as an explicit key `foo`, not the key `?foo`",
        "HM87/01": "libyaml reads `[?x]` as a pair with key `x`, not the scalar `?x`",
        "JEF9/02": "libyaml drops a final line of spaces without a line break from a `|+` scalar",
        "L24T/01": "libyaml drops a final line of spaces without a line break from a `|` scalar",
        "Y2GN": "libyaml ends the anchor `&an:chor` at the colon and reads `:chor value`",
        // Jimu's own rules.
        "X38W": "the same aliased sequence is used twice as a key: a duplicate key by our rule",
    ]

    /// One case folder: `in.yaml`, and `error` or (optionally) `in.json`.
    struct Case: CustomStringConvertible {
        var id: String
        var folder: URL
        var description: String { id }
    }

    /// What happened to one case.
    enum Outcome: Equatable {
        case passed
        case failed(String)
    }

    @Test func everyCaseOfTheSuite() throws {
        let cases = try Self.cases()
        #expect(cases.count >= 300, "expected the full suite, found \(cases.count) cases")
        var failures: [String] = []
        for testCase in cases where Self.excluded[testCase.id] == nil {
            if case .failed(let why) = Self.run(testCase) {
                failures.append("\(testCase.id): \(why)")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) yaml-test-suite cases fail:\n\(failures.joined(separator: "\n"))")
    }

    /// A listed case that passes means the list has rotted: remove it from the list.
    @Test func excludedCasesStillFail() throws {
        let cases = Dictionary(uniqueKeysWithValues: try Self.cases().map { ($0.id, $0) })
        for (id, reason) in Self.excluded.sorted(by: { $0.key < $1.key }) {
            guard let testCase = cases[id] else {
                Issue.record("excluded case \(id) does not exist in the suite")
                continue
            }
            #expect(
                Self.run(testCase) != .passed, "excluded case \(id) now passes; remove it from the list (\(reason))")
        }
    }

    // MARK: - Running a case

    static func run(_ testCase: Case) -> Outcome {
        let folder = testCase.folder
        guard let yaml = try? Data(contentsOf: folder.appendingPathComponent("in.yaml")) else {
            return .failed("cannot read in.yaml")
        }
        let expectsError = FileManager.default.fileExists(atPath: folder.appendingPathComponent("error").path)
        let documents: [YAMLDocument]
        do {
            documents = try YAMLReader.parseStream(Array(yaml))
        } catch {
            guard expectsError else {
                return .failed("unexpected error \(error.kind) at \(error.mark): \(error.message)")
            }
            guard error.mark.line >= 1, error.mark.column >= 1, !error.message.isEmpty else {
                return .failed("error without a proper place or message: \(error)")
            }
            return .passed
        }
        if expectsError { return .failed("parsed, but the suite expects an error") }
        guard let json = try? Data(contentsOf: folder.appendingPathComponent("in.json")) else { return .passed }
        let expected: [JSONValue]
        do {
            expected = try JSONStreamReader.values(Array(json))
        } catch {
            return .failed("cannot read in.json: \(error)")
        }
        var actual: [JSONValue] = []
        for document in documents {
            guard let root = document.root else { continue }
            do {
                actual.append(try JSONValue(document, root))
            } catch {
                return .failed("no JSON form: \(error)")
            }
        }
        guard actual == expected else {
            return .failed("JSON differs\n  expected \(expected)\n  actual   \(actual)")
        }
        return .passed
    }

    // MARK: - Finding the suite

    /// The suite beside the repository: `<repository>/../shared/yaml-test-suite`.
    static func suiteFolder() -> URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // JimuYAMLTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // repository
            .deletingLastPathComponent()
            .appendingPathComponent("shared/yaml-test-suite")
    }

    struct SuiteMissing: Error, CustomStringConvertible {
        var description: String
    }

    /// Every case, sub-folders (`00`, `01`, …) each as a case `ID/00`, sorted by ID.
    static func cases() throws -> [Case] {
        let root = suiteFolder()
        let files = FileManager.default
        var isFolder: ObjCBool = false
        guard files.fileExists(atPath: root.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw SuiteMissing(description: """
                the yaml-test-suite is missing: expected it at \(root.path) \
                (a folder `shared/yaml-test-suite` beside the repository, as in CI)
                """)
        }
        var cases: [Case] = []
        for name in try files.contentsOfDirectory(atPath: root.path) where !name.hasPrefix(".") {
            let folder = root.appendingPathComponent(name)
            if files.fileExists(atPath: folder.appendingPathComponent("in.yaml").path) {
                cases.append(Case(id: name, folder: folder))
                continue
            }
            for sub in (try? files.contentsOfDirectory(atPath: folder.path)) ?? [] {
                let subFolder = folder.appendingPathComponent(sub)
                if files.fileExists(atPath: subFolder.appendingPathComponent("in.yaml").path) {
                    cases.append(Case(id: "\(name)/\(sub)", folder: subFolder))
                }
            }
        }
        return cases.sorted { $0.id < $1.id }
    }
}
