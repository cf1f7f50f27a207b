import Foundation
import JimuCore
import Testing

@Suite struct BrokenCorpusTests {
    /// Each case reports exactly what its markers and `_expect` say: the codes, at the
    /// places, and nothing else that is an error or a warning.
    @Test(arguments: CatalogFixtures.brokenCaseNames())
    func brokenCase(_ name: String) throws {
        let broken = try BrokenCase(named: name)
        let result = try CheckPipeline.run(InMemoryFileSystem(bytes: broken.files))
        let actual = result.diagnostics
            .filter { $0.severity >= .warning }
            .map { ExpectedDiagnostic(code: $0.code.rawValue, location: $0.location) }
            .sorted()
        var missing = broken.expected
        var unexpected: [ExpectedDiagnostic] = []
        for diagnostic in actual {
            if let index = missing.firstIndex(of: diagnostic) {
                missing.remove(at: index)
            } else {
                unexpected.append(diagnostic)
            }
        }
        var notesMissing: [Marker] = []
        for note in broken.expectedNotes {
            let found = result.diagnostics.contains { diagnostic in
                diagnostic.code.rawValue == note.code && diagnostic.notes.contains { $0.location == note.location }
            }
            if !found { notesMissing.append(note) }
        }
        if !missing.isEmpty || !unexpected.isEmpty || !notesMissing.isEmpty {
            var report = "case `\(name)`:\n"
            if !missing.isEmpty { report += "  expected but not reported:\n" + missing.map { "    \($0)\n" }.joined() }
            if !unexpected.isEmpty { report += "  reported but not expected:\n" + unexpected.map { "    \($0)\n" }.joined() }
            if !notesMissing.isEmpty {
                report += "  notes expected but missing:\n"
                    + notesMissing.map { "    note of \($0.code) at \($0.location)\n" }.joined()
            }
            report += "  every diagnostic reported:\n" + result.rendered(files: broken.files)
            Issue.record(Comment(rawValue: report))
        }
    }

    /// Every code the front end can report for catalog content has a case, so a new code
    /// without one fails here.
    @Test func corpusCoversEveryCode() throws {
        var covered: Set<String> = []
        for name in CatalogFixtures.brokenCaseNames() {
            covered.formUnion(try BrokenCase(named: name).codes)
        }
        // io-error needs a failing disk;
        // schema-change and version-not-bumped compare two versions (`jimu diff`), not one
        // catalog, and are covered by Tests/python/test_diff.py.
        let exempt: Set<DiagnosticCode> = [.ioError, .schemaChange, .versionNotBumped]
        let required = Set(DiagnosticCode.allCases).subtracting(exempt).map(\.rawValue)
        let uncovered = required.filter { !covered.contains($0) }.sorted()
        #expect(uncovered.isEmpty, "codes without a broken case: \(uncovered.joined(separator: ", "))")
    }

    /// Every case is named after one behaviour and expects at least one diagnostic.
    @Test func everyCaseExpectsSomething() throws {
        let names = CatalogFixtures.brokenCaseNames()
        #expect(names.count >= 40)
        for name in names {
            let broken = try BrokenCase(named: name)
            #expect(!broken.expected.isEmpty, "case `\(name)` expects no diagnostic")
        }
    }
}
