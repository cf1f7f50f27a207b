import Foundation
import JimuCore
import Testing

/// Golden files: the expected bytes of an output, committed under `Golden/`. A test compares
/// what the compiler produces with them; `JIMU_RECORD=1` rewrites them instead.
enum Golden {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static var isRecording: Bool { ProcessInfo.processInfo.environment["JIMU_RECORD"] == "1" }

    static let recordCommand =
        "JIMU_RECORD=1 swift test --scratch-path .build-merge --filter MergeReportGoldenTests"

    /// Compares `actual` with the golden file at `path` (relative to `Golden/`), or records it.
    static func expectMatches(
        _ actual: [UInt8], golden path: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        let url = root.appendingPathComponent(path)
        if isRecording {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual).write(to: url, options: .atomic)
            return
        }
        guard let expected = try? [UInt8](Data(contentsOf: url)) else {
            Issue.record(
                "no golden file Tests/JimuCoreTests/Golden/\(path); record it with:\n  \(recordCommand)",
                sourceLocation: sourceLocation)
            return
        }
        guard expected != actual else { return }
        Issue.record(
            """
            \(path) differs from its golden file (- golden, + now):
            \(diff(expected: expected, actual: actual, name: path))
            If the change is intended, re-record with:
              \(recordCommand)
            and review the change with `git diff Tests/JimuCoreTests/Golden`.
            """,
            sourceLocation: sourceLocation)
    }

    /// A unified diff from `git diff --no-index`, or a plain line diff where git is missing.
    static func diff(expected: [UInt8], actual: [UInt8], name: String) -> String {
        if let text = gitDiff(expected: expected, actual: actual, name: name), !text.isEmpty { return text }
        return lineDiff(
            expected: String(decoding: expected, as: UTF8.self), actual: String(decoding: actual, as: UTF8.self))
    }

    private static func gitDiff(expected: [UInt8], actual: [UInt8], name: String) -> String? {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jimu-golden-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let leaf = URL(fileURLWithPath: name).lastPathComponent
        let a = folder.appendingPathComponent("golden").appendingPathComponent(leaf)
        let b = folder.appendingPathComponent("now").appendingPathComponent(leaf)
        do {
            for (url, bytes) in [(a, expected), (b, actual)] {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(bytes).write(to: url)
            }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["git", "diff", "--no-index", "--no-color", "--", "golden/\(leaf)", "now/\(leaf)"]
            process.currentDirectoryURL = folder
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = FileHandle.nullDevice
            try process.run()
            let output = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            // 1 means "the files differ"; anything else is a failure to diff.
            guard process.terminationStatus == 1 else { return nil }
            return truncated(String(decoding: output, as: UTF8.self))
        } catch {
            return nil
        }
    }

    /// The lines that differ, by longest common subsequence; enough to see a change.
    static func lineDiff(expected: String, actual: String) -> String {
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
        // The LCS table is quadratic; golden files are small, and a huge one shows its ends.
        guard old.count * new.count <= 4_000_000 else {
            return "(files too large to diff line by line: \(old.count) and \(new.count) lines)"
        }
        var table = Array(repeating: Array(repeating: 0, count: new.count + 1), count: old.count + 1)
        for i in stride(from: old.count - 1, through: 0, by: -1) {
            for j in stride(from: new.count - 1, through: 0, by: -1) {
                table[i][j] = old[i] == new[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var out = ["--- golden", "+++ now"]
        var i = 0
        var j = 0
        var inRun = false
        while i < old.count || j < new.count {
            if i < old.count, j < new.count, old[i] == new[j] {
                i += 1
                j += 1
                inRun = false
                continue
            }
            if !inRun {
                out.append("@@ golden line \(i + 1), now line \(j + 1) @@")
                inRun = true
            }
            if i < old.count, j == new.count || table[i + 1][j] >= table[i][j + 1] {
                out.append("-" + old[i])
                i += 1
            } else {
                out.append("+" + new[j])
                j += 1
            }
        }
        return truncated(out.joined(separator: "\n"))
    }

    private static func truncated(_ text: String, lines: Int = 200) -> String {
        let all = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard all.count > lines else { return text }
        return all.prefix(lines).joined(separator: "\n") + "\n… (\(all.count - lines) more lines)"
    }
}

@Suite struct MergeReportGoldenTests {
    static let miniItems = ["birth-medical-certificate", "household-registration-newborn", "vaccination-certificate"]
    static let reportPaths =
        ["reports/merge.md", "reports/merge.json", "reports/kpi.json"]
        + miniItems.flatMap { [MergeReport.itemPath($0), MergeReportMarkdown.itemPath($0)] }

    static func buildMini() throws -> BuildResult {
        let files = CatalogFixtures.miniFiles()
        let result = try BuildPipeline.run(InMemoryFileSystem(bytes: files))
        expectNoDiagnostics(result.check, files: files)
        return result
    }

    @Test(arguments: reportPaths)
    func miniReportMatchesGolden(_ path: String) throws {
        let result = try Self.buildMini()
        let artifact = try #require(result.artifacts.first { $0.path == path }, "no artifact \(path)")
        try Golden.expectMatches(artifact.contents, golden: "mini/\(path)")
    }

    /// The golden JSON files are what the report types decode, so tools can read them back.
    @Test func goldenJSONDecodes() throws {
        guard !Golden.isRecording else { return }
        let merge = try Data(contentsOf: Golden.root.appendingPathComponent("mini/reports/merge.json"))
        let report = try JSONDecoder().decode(MergeReport.self, from: merge)
        #expect(report.items.map(\.key) == Self.miniItems)
        #expect(try CanonicalJSON.encode(report) == String(decoding: merge, as: UTF8.self))
        for entry in report.items {
            let page = try Data(contentsOf: Golden.root.appendingPathComponent("mini/" + entry.report))
            let item = try JSONDecoder().decode(MergeReport.ItemReport.self, from: page)
            #expect(item.key == entry.key)
            #expect(try CanonicalJSON.encode(item) == String(decoding: page, as: UTF8.self))
        }
        let kpi = try Data(contentsOf: Golden.root.appendingPathComponent("mini/reports/kpi.json"))
        let figures = try JSONDecoder().decode(ReformFigures.self, from: kpi)
        #expect(try CanonicalJSON.encode(figures) == String(decoding: kpi, as: UTF8.self))
    }

    /// Same catalog, same bytes: twice in memory, and once more from disk.
    @Test func buildingTwiceGivesIdenticalBytes() throws {
        let first = try Self.buildMini()
        let second = try Self.buildMini()
        #expect(first.artifacts.map(\.path) == second.artifacts.map(\.path))
        for (a, b) in zip(first.artifacts, second.artifacts) {
            #expect(a.contents == b.contents, "\(a.path) differs between two builds")
        }
        let onDisk = try BuildPipeline.run(LocalFileSystem(root: CatalogFixtures.miniRoot.path))
        #expect(onDisk.artifacts.map(\.path) == first.artifacts.map(\.path))
        for (a, b) in zip(first.artifacts, onDisk.artifacts) {
            #expect(a.contents == b.contents, "\(a.path) differs between a build in memory and one from disk")
        }
        for path in Self.reportPaths {
            #expect(first.artifacts.contains { $0.path == path }, "no \(path)")
        }
    }

    /// The reports do not depend on the order the file system lists the catalog in.
    @Test func reportsDoNotDependOnListingOrder() throws {
        struct Reversed: CatalogFileSystem {
            var inner: InMemoryFileSystem
            func listFiles() throws(CatalogIOError) -> [CatalogFileEntry] { try inner.listFiles().reversed() }
            func read(_ path: String, limit: Int) throws(CatalogIOError) -> [UInt8] { try inner.read(path, limit: limit) }
        }
        let files = CatalogFixtures.miniFiles()
        let forward = try BuildPipeline.run(InMemoryFileSystem(bytes: files))
        let backward = try BuildPipeline.run(Reversed(inner: InMemoryFileSystem(bytes: files)))
        for path in Self.reportPaths {
            let a = forward.artifacts.first { $0.path == path }?.contents
            let b = backward.artifacts.first { $0.path == path }?.contents
            #expect(a != nil && a == b, "\(path) depends on the listing order")
        }
    }

    /// A mismatch fails with a diff of the change and the command that re-records.
    @Test func mismatchShowsADiffAndTheRecordCommand() throws {
        guard !Golden.isRecording else { return }
        let golden = try String(
            contentsOf: Golden.root.appendingPathComponent("mini/reports/kpi.json"), encoding: .utf8)
        let changed = golden.replacingOccurrences(of: "\"items\" : 3", with: "\"items\" : 4")
        #expect(changed != golden)
        try withKnownIssue {
            try Golden.expectMatches(Array(changed.utf8), golden: "mini/reports/kpi.json")
        } matching: { issue in
            let text = issue.comments.map(\.rawValue).joined(separator: "\n")
            return text.contains("-    \"items\" : 3") && text.contains("+    \"items\" : 4")
                && text.contains(Golden.recordCommand)
        }
    }

    @Test func lineDiffShowsRemovedAndAddedLines() {
        let diff = Golden.lineDiff(expected: "a\nb\nc\nd", actual: "a\nB\nc\nd\ne")
        #expect(
            diff == """
                --- golden
                +++ now
                @@ golden line 2, now line 2 @@
                -b
                +B
                @@ golden line 5, now line 5 @@
                +e
                """)
    }

    // MARK: Escaping

    static let hostileName = "A|B *bold* _em_ <script>alert(1)</script> [click](javascript:alert(1)) `code` &amp;\n# second line"
    static let hostileLocality = "X|Y市 <script>x</script> [l](javascript:y)"

    /// The hostile item's page and report, and the index of both.
    static func hostileReport() throws -> (markdown: String, index: String, json: String, itemJSON: String) {
        let spec = MergeCatalog(
            label: "hostile",
            item: .init(name: hostileName, nameEN: "# Heading | *en* <img src=x onerror=alert(1)>"),
            practices: [P("330100", fields: "a", limit: 3, visits: 0), P("330200", fields: "a b", limit: 5, visits: 1)],
            localityNames: ["330100": hostileLocality])
        let files = spec.files.mapValues { Array($0.utf8) }
        let result = try BuildPipeline.run(InMemoryFileSystem(bytes: files))
        expectNoDiagnostics(result.check, files: files)
        func text(_ path: String) throws -> String {
            String(decoding: try #require(result.artifacts.first { $0.path == path }).contents, as: UTF8.self)
        }
        let key = try #require(result.standard?.items.first?.key)
        return (
            try text(MergeReportMarkdown.itemPath(key)), try text(MergeReportMarkdown.path), try text(MergeReport.path),
            try text(MergeReport.itemPath(key))
        )
    }

    /// The merge report and its items' reports are written without `Encodable`: the bytes
    /// must still be `CanonicalJSON`'s, for real reports and for every kind of text and
    /// absent value.
    @Test func mergeJSONIsCanonicalJSONByteForByte() throws {
        let mini = try #require(try BuildPipeline.standard(InMemoryFileSystem(bytes: CatalogFixtures.miniFiles())).standard)
        let hostile = try JSONDecoder().decode(MergeReport.self, from: Data(Self.hostileIndexJSON.utf8))
        for report in [MergeReport(mini), hostile] {
            #expect(report.canonicalJSON() == Array(try CanonicalJSON.encode(report).utf8))
        }
        let hostileItems = try JSONDecoder().decode([MergeReport.ItemReport].self, from: Data(Self.hostileReportJSON.utf8))
        for item in mini.items.map(MergeReport.itemReport) + hostileItems {
            #expect(item.canonicalJSON() == Array(try CanonicalJSON.encode(item).utf8))
        }
        let (_, _, index, itemJSON) = try Self.hostileReport()
        let decoded = try JSONDecoder().decode(MergeReport.self, from: Data(index.utf8))
        #expect(try CanonicalJSON.encode(decoded) == index)
        let item = try JSONDecoder().decode(MergeReport.ItemReport.self, from: Data(itemJSON.utf8))
        #expect(try CanonicalJSON.encode(item) == itemJSON)
    }

    /// An index with hostile text in every string a catalog can put there.
    static let hostileIndexJSON = #"""
        {"rules": {"r": "x", "b\u0001": "y\"</script>"}, "tie_break": "t\u2028", "totals": {
          "hand_filled_fields": {"before": 1, "after": 0, "removed": 1, "percent": 100},
          "submitted_materials": {"before": 0, "after": 0, "removed": 0},
          "steps": {"before": 3, "after": 2, "removed": 1, "percent": 33.3},
          "days": {"before": 7, "after": 9, "removed": -2, "percent": -28.57}},
         "localities": [
          {"code": "330100", "name": {"zh": "杭州\u0003", "en": "\\ \/"}, "practices": 2,
           "adopted": [{"item": "k\u001f", "dimension": "sharing:a.b"}, {"item": "b", "dimension": "form"}],
           "totals": {"hand_filled_fields": {"before": 2, "after": 1, "removed": 1, "percent": 50},
             "submitted_materials": {"before": 0, "after": 0, "removed": 0},
             "steps": {"before": 3, "after": 2, "removed": 1, "percent": 33.3},
             "days": {"before": 5, "after": 3, "removed": 2, "percent": 40}}},
          {"code": "330200", "name": {"zh": "温州"}, "practices": 0, "adopted": [],
           "totals": {"hand_filled_fields": {"before": 0, "after": 0, "removed": 0},
             "submitted_materials": {"before": 0, "after": 0, "removed": 0},
             "steps": {"before": 0, "after": 0, "removed": 0},
             "days": {"before": 0, "after": 0, "removed": 0},
             "visits": {"before": 1, "after": 0, "removed": 1, "percent": 100}}}],
         "items": [
          {"key": "k\u0001\u001f\"\\/", "code": "c\u007f\u2028\u2029", "name": {"zh": "名\n\t\r\b\f😀"},
           "department": "", "statutory_limit": 20, "frame_only": true, "practices": 0, "report": "reports/merge/k.json",
           "standard": {"fields": 0, "hand_filled_fields": 0, "materials": 0, "submitted_materials": 0, "steps": 0}},
          {"key": "b", "code": "330100", "name": {"zh": "甲", "en": "A </script> & 'q'"},
           "department": "d", "statutory_limit": 5, "frame_only": false, "practices": 2, "report": "reports/merge/b.json",
           "standard": {"fields": 3, "hand_filled_fields": 1, "materials": 2, "submitted_materials": 1, "steps": 2,
                        "promised_limit": 3, "visits": 0}}]}
        """#

    /// Items' reports with control characters, quotes, slashes, DEL, line and paragraph
    /// separators, emoji; empty lists; optionals present and absent; decimals with and
    /// without fractions.
    static let hostileReportJSON = #"""
         [
          {"key": "k\u0001\u001f\"\\/", "code": "c\u007f\u2028\u2029", "name": {"zh": "名\n\t\r\b\f😀"},
           "department": "", "statutory_limit": 20, "frame_only": true,
           "standard": {"fields": 0, "hand_filled_fields": 0, "materials": 0, "submitted_materials": 0, "steps": 0},
           "decisions": [], "added_back": [], "shared_fields": [], "shared_materials": [], "localities": []},
          {"key": "b", "code": "330100", "name": {"zh": "甲", "en": "A </script> & 'q'"},
           "department": "d", "statutory_limit": 5, "frame_only": false,
           "standard": {"fields": 3, "hand_filled_fields": 1, "materials": 2, "submitted_materials": 1, "steps": 2,
                        "promised_limit": 3, "visits": 0},
           "decisions": [
             {"dimension": "fields", "value": "1", "rule": "fewest", "locality": "330100", "source": "f.yaml:3:5",
              "alternatives": [{"locality": "330100", "value": "1", "file": "a.yaml", "line": 3},
                               {"locality": "330200", "value": "\u0000", "file": "b\\c.yaml", "line": 9}]},
             {"dimension": "steps", "value": "2", "rule": "frame", "source": "item.yaml:1:1", "alternatives": []}],
           "added_back": ["x", "y\u0002"],
           "shared_fields": [{"id": "i", "source": "s", "locality": "330100", "at": "a:1:1"}, {"id": "j", "source": "s", "at": "b:2:2"}],
           "shared_materials": [{"id": "m", "source": "s", "at": "c:3:3"}],
           "localities": [
             {"locality": "330100", "name": "杭州\u0003", "file": "f.yaml", "must_change": [],
              "before": {"fields": 4, "hand_filled_fields": 2, "materials": 2, "submitted_materials": 2, "steps": 3, "promised_limit": 5},
              "reductions": {
                "hand_filled_fields": {"before": 2, "after": 1, "removed": 1, "percent": 50},
                "submitted_materials": {"before": 2, "after": 1, "removed": 1, "percent": 50},
                "steps": {"before": 3, "after": 2, "removed": 1, "percent": 33.3},
                "days": {"before": 5, "after": 3, "removed": 2, "percent": 40},
                "visits": {"before": 1, "after": 0, "removed": 1, "percent": 100}}}]}]
        """#

    @Test func markdownShowsHostileNamesAsText() throws {
        let (markdown, index, _, json) = try Self.hostileReport()
        // No raw HTML.
        #expect(!markdown.contains("<script"))
        #expect(!markdown.contains("<img"))
        #expect(markdown.contains("&lt;script>alert(1)&lt;/script>"))
        // No link: every `[` and `]` of editor text is escaped, so `](javascript:` opens nothing.
        for range in markdown.ranges(of: "](javascript:") {
            #expect(range.lowerBound > markdown.startIndex && markdown[markdown.index(before: range.lowerBound)] == "\\")
        }
        #expect(markdown.contains("\\[click\\](javascript:alert(1))"))
        // Emphasis and code markers are literal; an entity in the name stays text.
        #expect(markdown.contains("\\*bold\\*"))
        #expect(markdown.contains("\\_em\\_"))
        #expect(markdown.contains("\\`code\\`"))
        #expect(markdown.contains("&amp;amp;"))
        // The heading shows the whole name on one line, pipes escaped.
        let heading = try #require(markdown.split(separator: "\n").first { $0.hasPrefix("# A") })
        #expect(heading.contains("A\\|B"))
        #expect(heading.contains("&amp;amp; # second line"))  // a line break in a name cannot start a heading
        #expect(heading.contains("— \\# Heading \\| \\*en\\* &lt;img src=x onerror=alert(1)>"))
        // The locality's name sits in table cells: its `|` is escaped, so every row of every
        // table has as many cells as its header.
        #expect(markdown.contains("X\\|Y市 &lt;script>x&lt;/script> \\[l\\](javascript:y) (330100)"))
        expectWellFormedTables(markdown)
        // The index links the page under the escaped name, in a well-formed table.
        #expect(!index.contains("<script"))
        #expect(index.contains("[A\\|B \\*bold\\*"))
        expectWellFormedTables(index)
        // The JSON report keeps the name as it is: JSON escaping is the encoder's.
        let report = try JSONDecoder().decode(MergeReport.ItemReport.self, from: Data(json.utf8))
        #expect(report.name.zh == Self.hostileName)
    }

    @Test func miniMarkdownTablesAreWellFormed() throws {
        let result = try Self.buildMini()
        for path in Self.reportPaths where path.hasSuffix(".md") {
            let markdown = try #require(result.artifacts.first { $0.path == path })
            expectWellFormedTables(String(decoding: markdown.contents, as: UTF8.self))
        }
    }

    /// Every table row has the header's number of cells, counting only unescaped pipes.
    func expectWellFormedTables(_ markdown: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        func cells(_ line: Substring) -> Int {
            var count = 0
            var escaped = false
            for character in line {
                if escaped {
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == "|" {
                    count += 1
                }
            }
            return count - 1
        }
        var header: Int?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("|") else {
                header = nil
                continue
            }
            #expect(line.hasSuffix(" |"), "table row does not end in a pipe: \(line)", sourceLocation: sourceLocation)
            if let header {
                #expect(cells(line) == header, "row with \(cells(line)) cells under a header of \(header): \(line)", sourceLocation: sourceLocation)
            } else {
                header = cells(line)
            }
        }
    }
}
