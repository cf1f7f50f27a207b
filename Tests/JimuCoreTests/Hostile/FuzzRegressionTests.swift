import Foundation
import JimuCore
import Testing

/// Every input the fuzzers (`make fuzz`) found a crash, a hang or a sanitizer report with,
/// replayed through the same harness after the fix: one folder per target under
/// Fixtures/fuzz-regressions/, one file per input, named after what it found.
@Suite struct FuzzRegressionTests {
    static let folder = CatalogFixtures.root.appendingPathComponent("fuzz-regressions")

    static func inputs(_ target: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(target).path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { "\(target)/\($0)" }
    }

    /// Runs one input through the harness of its target; a regression crashes the test
    /// process (as it crashed the fuzzer), a hang fails the time bound. The fuzzers allow
    /// 1 s in an optimised build; a debug build under a sanitizer may be many times slower.
    private func replay(_ name: String, _ harness: (UnsafeRawBufferPointer) -> Void) {
        let bytes = CatalogFixtures.bytes(of: Self.folder.appendingPathComponent(name))
        let (_, seconds) = Hostile.timed { bytes.withUnsafeBytes(harness) }
        #expect(seconds < 30, "\(name) took \(seconds) s")
    }

    @Test(arguments: inputs("yaml")) func yaml(_ name: String) { replay(name, FuzzHarness.yaml) }
    @Test(arguments: inputs("catalog")) func catalog(_ name: String) { replay(name, FuzzHarness.catalog) }
    @Test(arguments: inputs("condition")) func condition(_ name: String) { replay(name, FuzzHarness.condition) }

    /// The regression inputs must meet the code that found them: the harness here and the
    /// one the fuzz targets run (Fuzz/Sources/FuzzHarness) are the same file.
    @Test func harnessMatchesTheFuzzTargets() throws {
        let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("FuzzHarness.swift")
        let repository = here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let fuzz = repository.appendingPathComponent("Fuzz/Sources/FuzzHarness/FuzzHarness.swift")
        #expect(
            CatalogFixtures.bytes(of: here) == CatalogFixtures.bytes(of: fuzz),
            "Fuzz/Sources/FuzzHarness/FuzzHarness.swift no longer reads as Tests/JimuCoreTests/Hostile/FuzzHarness.swift: make it a symbolic link to it again")
    }

    /// The catalog input format: segments split at NUL, a header line each.
    @Test func catalogInputFormat() {
        let base: [String: [UInt8]] = ["a.yaml": [1], "b.yaml": [2]]
        let files = FuzzHarness.catalogFiles(Array("a.yaml\nnew\u{0}-b.yaml\u{0}c.yaml".utf8), base: base)
        #expect(files == ["a.yaml": Array("new".utf8), "c.yaml": []])
        #expect(FuzzHarness.catalogFiles([], base: base) == base)
        #expect(FuzzHarness.mini == CatalogFixtures.miniFiles())
    }
}
