import Foundation
import JimuCore
import Testing

/// Fails the test on every diagnostic, warnings included, printing each as `jimu check`
/// would: the valid fixture must stay clean, not merely free of errors.
func expectNoDiagnostics(
    _ result: CheckResult, files: [String: [UInt8]], sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    guard !result.diagnostics.isEmpty else { return }
    Issue.record(
        "expected no diagnostics, got \(result.diagnostics.count):\n\(result.rendered(files: files))",
        sourceLocation: sourceLocation)
}

@Suite struct MiniCatalogTests {
    @Test func miniCatalogIsCleanInMemory() throws {
        let files = CatalogFixtures.miniFiles()
        let result = try CheckPipeline.run(InMemoryFileSystem(bytes: files))
        expectNoDiagnostics(result, files: files)
        #expect(result.summary.files == files.count)
        #expect(result.summary.items == 3)
        #expect(result.summary.localities == 2)
        #expect(result.summary.practices == 4)
        #expect(result.summary.bundles == 1)
        #expect(result.summary.line == "17 files, 3 items, 2 localities, 4 practices, 1 bundle: 0 errors, 0 warnings")
    }

    @Test func miniCatalogIsCleanOnDisk() throws {
        let result = try CheckPipeline.run(LocalFileSystem(root: CatalogFixtures.miniRoot.path))
        expectNoDiagnostics(result, files: CatalogFixtures.miniFiles())
        #expect(result.summary.files == 17)
    }

    /// The fixture is meant to exercise every shape the format has; these counts keep it so.
    @Test func miniCatalogHasWhatTheBriefAsksFor() throws {
        let result = try CheckPipeline.run(InMemoryFileSystem(bytes: CatalogFixtures.miniFiles()))
        let catalog = result.catalog
        #expect(catalog.elements.count >= 10)
        #expect(catalog.elements.contains { $0.spec.type.value == .enum && $0.spec.codeList != nil })
        #expect(catalog.elements.contains { $0.spec.format?.value == .residentID })
        #expect(catalog.elements.contains { $0.spec.pattern != nil })
        #expect(catalog.materials.count == 5)
        #expect(catalog.codeLists.count == 2)
        #expect(Set(catalog.sources.map(\.scope.value)) == [.province, .city])
        #expect(catalog.departments.count == 3)
        #expect(catalog.calendars.map(\.year.value) == [2026])
        #expect(catalog.calendars.first?.holidays.count == 7)
        #expect(catalog.calendars.first?.makeUpDays.count == 6)
        #expect(catalog.items.allSatisfy { !$0.localFields.isEmpty })
        #expect(catalog.items.contains { !$0.preconditions.isEmpty })
        let references = catalog.practices.flatMap(\.fields).map(\.reference)
        #expect(references.contains { if case .element = $0 { true } else { false } })
        #expect(references.contains { if case .label = $0 { true } else { false } })
        #expect(references.contains { if case .local = $0 { true } else { false } })
        #expect(catalog.practices.flatMap(\.fields).contains { $0.requiredIf != nil })
        #expect(catalog.bundles.map(\.items.count) == [3])
    }

    /// Every make-up working day of the 2026 arrangement falls on a weekend, and every
    /// holiday lies inside 2026: the calendar checks agree with the official table.
    @Test func calendar2026MakeUpDaysAreWeekends() throws {
        let result = try CheckPipeline.run(InMemoryFileSystem(bytes: CatalogFixtures.miniFiles()))
        let days = try #require(result.catalog.calendars.first).makeUpDays.map(\.date.value)
        #expect(days.map(\.description) == ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"])
        #expect(days.map(\.weekday) == [7, 6, 6, 6, 7, 6])
    }
}
