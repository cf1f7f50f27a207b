import Foundation
import JimuCore
import Testing

@Suite struct TextDiagnosticRendererTests {
    static let item = "items/a.yaml"

    static func render(_ diagnostics: [Diagnostic], _ files: [String: String], colored: Bool = false, prefix: String = "")
        -> String
    {
        TextDiagnosticRenderer(colored: colored, pathPrefix: prefix).render(diagnostics) { files[$0].map { Array($0.utf8) } }
    }

    @Test func clangStyleWithSourceLineCaretAndFix() {
        let diagnostic = Diagnostic(
            .unknownKey, "unknown key `contact` in item", at: SourceLocation(file: Self.item, line: 2, column: 3),
            fix: .didYouMean("contacts"))
        let text = Self.render([diagnostic], [Self.item: "key: a\n  contact: x\n"])
        #expect(
            text == """
                items/a.yaml:2:3: error: unknown key `contact` in item [unknown-key]
                  contact: x
                  ^
                items/a.yaml:2:3: note: did you mean `contacts`?

                """)
    }

    @Test func caretUnderAChineseCharacterCountsTwoCellsPerCharacter() {
        // Column 15 is `分`: the three wide characters before it on the line take six cells.
        let line = "  - label: 母亲身分证号"
        let diagnostic = Diagnostic(
            .unresolvedLabel, "label `母亲身分证号` matches no data element",
            at: SourceLocation(file: "localities/330111-fuyang/x.yaml", line: 1, column: 15))
        let text = Self.render([diagnostic], ["localities/330111-fuyang/x.yaml": line + "\n"])
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "localities/330111-fuyang/x.yaml:1:15: warning: label `母亲身分证号` matches no data element [unresolved-label]")
        #expect(lines[1] == line)
        #expect(lines[2] == String(repeating: " ", count: 11 + 3 * 2) + "^")
    }

    @Test func caretAfterATabKeepsTheTab() {
        let diagnostic = Diagnostic(.tabIndentation, "tabs are not allowed for indentation", at: SourceLocation(file: Self.item, line: 2, column: 2))
        let text = Self.render([diagnostic], [Self.item: "steps:\n\t- x\n"])
        #expect(text.contains("\n\t- x\n\t^\n"))
    }

    @Test func windowsLineEndingsAreNotShown() {
        let diagnostic = Diagnostic(.invalidValue, "bad", at: SourceLocation(file: Self.item, line: 2, column: 7))
        let text = Self.render([diagnostic], [Self.item: "key: a\r\nlevel: nation\r\n"])
        #expect(text.contains("\nlevel: nation\n      ^\n"))
        #expect(!text.contains("\r"))
    }

    @Test func withoutALocationOrSource() {
        let missing = Diagnostic(.missingFile, "the catalog has no jimu.yaml; every catalog starts with one", at: nil)
        #expect(Self.render([missing], [:]) == "jimu: error: the catalog has no jimu.yaml; every catalog starts with one [missing-file]\n")
        // A place in a file whose bytes are not at hand gives the first line only.
        let elsewhere = Diagnostic(.emptyFile, "`b.yaml` is empty", at: .start(of: "b.yaml"))
        #expect(Self.render([elsewhere], [:]) == "b.yaml:1:1: error: `b.yaml` is empty [empty-file]\n")
    }

    @Test func notesFollowWithTheirOwnPlaces() {
        let diagnostic = Diagnostic(
            .duplicateDefinition, "material `x` is defined twice", at: SourceLocation(file: "m.yaml", line: 5, column: 9),
            notes: [.init("first defined here", at: SourceLocation(file: "m.yaml", line: 2, column: 9)), .init("no place", at: nil)])
        let text = Self.render([diagnostic], [:], prefix: "catalog/")
        #expect(
            text == """
                catalog/m.yaml:5:9: error: material `x` is defined twice [duplicate-definition]
                catalog/m.yaml:2:9: note: first defined here
                jimu: note: no place

                """)
    }

    @Test func colourOnlyWhenAsked() {
        let diagnostic = Diagnostic(.unknownKey, "unknown key", at: SourceLocation(file: Self.item, line: 1, column: 1))
        #expect(!Self.render([diagnostic], [Self.item: "x: 1\n"]).contains("\u{1B}["))
        let colored = Self.render([diagnostic], [Self.item: "x: 1\n"], colored: true)
        #expect(colored.contains("\u{1B}[1;31merror\u{1B}[0m"))
    }

    /// The renderer on a whole pipeline run: the first line of the rendered case is exactly
    /// the place the fixture marks.
    @Test func renderedPipelineOutput() throws {
        let broken = try BrokenCase(named: "unresolved-label")
        let result = try CheckPipeline.run(InMemoryFileSystem(bytes: broken.files))
        let text = result.rendered(files: broken.files)
        let location = try #require(broken.expected.first?.location)
        #expect(text.hasPrefix("\(location): warning: label `母亲名子` matches no data element [unresolved-label]\n"))
        #expect(text.contains("\n  - label: 母亲名子\n           ^\n"))
        #expect(text.contains("did you mean `母亲名字` (`mother.name`)?"))
    }
}

@Suite struct SARIFDiagnosticRendererTests {
    static func render(_ diagnostics: [Diagnostic], prefix: String = "") throws -> [String: Any] {
        let text = try SARIFDiagnosticRenderer(toolVersion: "9.9.9", pathPrefix: prefix).render(diagnostics)
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(object as? [String: Any])
    }

    static let sample = [
        Diagnostic(
            .duplicateDefinition, "material `x` is defined twice",
            at: SourceLocation(file: "dictionary/materials.yaml", line: 5, column: 9),
            notes: [.init("first defined here", at: SourceLocation(file: "dictionary/materials.yaml", line: 2, column: 9))],
            fix: .init("rename one of them")),
        Diagnostic(.unresolvedLabel, "label `母亲名子` matches no data element", at: SourceLocation(file: "localities/330111-富阳 x/a.yaml", line: 3, column: 12)),
        Diagnostic(.missingFile, "the catalog has no jimu.yaml", at: nil),
    ]

    @Test func logShape() throws {
        let log = try Self.render(Self.sample)
        #expect(log["version"] as? String == "2.1.0")
        #expect(log["$schema"] as? String == "https://json.schemastore.org/sarif-2.1.0.json")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        #expect(run["columnKind"] as? String == "unicodeCodePoints")
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "jimu")
        #expect(driver["version"] as? String == "9.9.9")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.compactMap { $0["id"] as? String } == DiagnosticCode.allCases.map(\.rawValue))
        for rule in rules {
            #expect(((rule["shortDescription"] as? [String: Any])?["text"] as? String)?.isEmpty == false)
        }
    }

    @Test func resultsCarryRuleLevelMessageAndRegion() throws {
        let log = try Self.render(Self.sample, prefix: "catalog/")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == 3)
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])

        let first = results[0]
        #expect(first["ruleId"] as? String == "duplicate-definition")
        let index = try #require(first["ruleIndex"] as? Int)
        #expect(rules[index]["id"] as? String == "duplicate-definition")
        #expect(first["level"] as? String == "error")
        #expect((first["message"] as? [String: Any])?["text"] as? String == "material `x` is defined twice (rename one of them)")
        let physical = try #require(((first["locations"] as? [[String: Any]])?.first)?["physicalLocation"] as? [String: Any])
        #expect((physical["artifactLocation"] as? [String: Any])?["uri"] as? String == "catalog/dictionary/materials.yaml")
        let region = try #require(physical["region"] as? [String: Any])
        #expect(region["startLine"] as? Int == 5)
        #expect(region["startColumn"] as? Int == 9)
        let related = try #require(first["relatedLocations"] as? [[String: Any]])
        #expect(related.count == 1)
        #expect((related[0]["message"] as? [String: Any])?["text"] as? String == "first defined here")
        let relatedRegion = (related[0]["physicalLocation"] as? [String: Any])?["region"] as? [String: Any]
        #expect(relatedRegion?["startLine"] as? Int == 2)

        let second = results[1]
        #expect(second["level"] as? String == "warning")
        let uri = ((((second["locations"] as? [[String: Any]])?.first)?["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: Any])?["uri"] as? String
        #expect(uri == "catalog/localities/330111-%E5%AF%8C%E9%98%B3%20x/a.yaml")

        // A diagnostic without a place has no location, and is still a result.
        #expect((results[2]["locations"] as? [Any])?.isEmpty == true)
        #expect(results[2]["ruleId"] as? String == "missing-file")
    }

    @Test func identicalRunsGiveIdenticalBytes() throws {
        let renderer = SARIFDiagnosticRenderer(toolVersion: "1")
        #expect(try renderer.render(Self.sample) == renderer.render(Self.sample))
        #expect(try renderer.render(Self.sample).hasSuffix("}\n"))
    }
}
