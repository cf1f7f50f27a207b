import Foundation
import JimuCore
import Testing

/// A temporary folder, removed when the test ends.
final class TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("jimu-core-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func write(_ path: String, _ text: String) throws {
        let file = url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }

    func link(_ path: String, to destination: String) throws {
        let file = url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: file.path, withDestinationPath: destination)
    }
}

@Suite struct LocalFileSystemTests {
    /// Looking files up from their folders finds what looking each up from the root does:
    /// at the top and deep, over many runs of folders, missing files and followed links.
    @Test func identitiesFromEachFolderAreThoseFromTheRoot() throws {
        let folder = try TemporaryFolder()
        var paths = ["top.yaml", "a/one.yaml", "a/b/c/deep.yaml", "missing.yaml", "a/missing/x.yaml"]
        for index in 0..<1100 { paths.append("many/\(index % 7)/file-\(index).yaml") }
        for path in paths where !path.contains("missing") { try folder.write(path, path) }
        try folder.link("a/link.yaml", to: "one.yaml")
        paths.append("a/link.yaml")
        let fileSystem = LocalFileSystem(root: folder.url.path)
        let batched = fileSystem.identities(of: paths)
        #expect(batched == paths.map { fileSystem.identity(of: $0) })
        #expect(batched.count { $0 == nil } == 2)
        #expect(batched.last == fileSystem.identity(of: "a/one.yaml"))
    }

    /// The listing is in the byte order of whole paths, though it sorts folder by folder: a
    /// folder's files come after names that sort before `/` (`-`, `.`, digits do not).
    @Test func listsInTheByteOrderOfWholePaths() throws {
        let folder = try TemporaryFolder()
        let paths = ["a-b/x", "a/x", "a/y/z", "a/y-z", "a.b", "ab", "a0", "a", "b/c/d/e", "b/c.d", "b/c", "中/x", "é", "e\u{301}", "Z"]
            .map { $0 == "a" || $0 == "b/c" ? "top/" + $0 + "/f" : "top/" + $0 }
        for path in paths { try folder.write(path, "x") }
        try folder.link("top/a/link", to: "x")
        let listed = try LocalFileSystem(root: folder.url.path).listFiles().map(\.path)
        let expected = (paths + ["top/a/link"]).sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        #expect(listed == expected)
    }

    /// The mini catalog copied into `catalog/`, with `outside/secret.yaml` next to it.
    static func catalogWithOutside() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        for (path, bytes) in CatalogFixtures.miniFiles() {
            try folder.write("catalog/" + path, String(decoding: bytes, as: UTF8.self))
        }
        try folder.write("outside/secret.yaml", "password: hunter2\n")
        return folder
    }

    @Test func refusesASymlinkThatLeavesTheCatalog() throws {
        let folder = try Self.catalogWithOutside()
        try folder.link("catalog/bundles/leak.yaml", to: "../../outside/secret.yaml")
        try folder.link("catalog/dictionary/absolute.yaml", to: folder.url.appendingPathComponent("outside/secret.yaml").path)
        let fileSystem = LocalFileSystem(root: folder.url.appendingPathComponent("catalog").path)

        let entries = try fileSystem.listFiles()
        #expect(entries.first { $0.path == "bundles/leak.yaml" }?.escapesRoot == true)
        #expect(entries.first { $0.path == "dictionary/absolute.yaml" }?.escapesRoot == true)
        #expect(entries.filter(\.escapesRoot).count == 2)

        let result = try CheckPipeline.run(fileSystem)
        let escapes = result.diagnostics.filter { $0.code == .pathEscape }
        #expect(escapes.map(\.location) == [.start(of: "bundles/leak.yaml"), .start(of: "dictionary/absolute.yaml")])
        #expect(result.diagnostics.count == 2, "\(result.rendered(files: [:]))")
        // Never read: its bytes are nowhere in the result.
        #expect(result.sources["bundles/leak.yaml"] == nil)
        #expect(!result.sources.values.contains { String(decoding: $0, as: UTF8.self).contains("hunter2") })
    }

    @Test func refusesALinkedFolderOutsideTheCatalog() throws {
        let folder = try Self.catalogWithOutside()
        try folder.link("catalog/templates", to: "../outside")
        let result = try CheckPipeline.run(LocalFileSystem(root: folder.url.appendingPathComponent("catalog").path))
        #expect(result.diagnostics.map(\.code) == [.pathEscape])
        #expect(result.diagnostics.first?.location == .start(of: "templates"))
    }

    @Test func followsASymlinkThatStaysInside() throws {
        let folder = try Self.catalogWithOutside()
        try folder.link("catalog/docs/readme-link.md", to: "../jimu.yaml")
        try folder.write("catalog/.hidden/ignored.yaml", "not: read\n")
        let fileSystem = LocalFileSystem(root: folder.url.appendingPathComponent("catalog").path)
        let entries = try fileSystem.listFiles()
        #expect(entries.first { $0.path == "docs/readme-link.md" }?.escapesRoot == false)
        #expect(!entries.contains { $0.path.contains(".hidden") })
        #expect(entries.map(\.path) == entries.map(\.path).sorted())
        expectNoDiagnostics(try CheckPipeline.run(fileSystem), files: [:])
    }

    @Test func readsNoMoreThanOneBytePastTheLimit() throws {
        let folder = try TemporaryFolder()
        try folder.write("big.yaml", String(repeating: "# padding\n", count: 1000))
        let bytes = try LocalFileSystem(root: folder.url.path).read("big.yaml", limit: 100)
        #expect(bytes.count == 101)
        #expect(bytes == Array(String(repeating: "# padding\n", count: 1000).utf8.prefix(101)))
    }

    /// The size a file reports is only where reading starts: a file of the kernel's reports
    /// its size as 0 and holds more, and is read to its end all the same (up to the limit).
    @Test func readsAFileWholeWhateverSizeItReports() throws {
        guard let expected = FileManager.default.contents(atPath: "/proc/self/maps") else { return }
        let system = LocalFileSystem(root: "/proc/self")
        let whole = try system.read("maps", limit: 16 << 20)
        // The process's own map changes as it runs: compare where both are surely the same.
        #expect(whole.count > 1000)
        #expect(Array(whole.prefix(200)) == [UInt8](expected.prefix(200)))
        #expect(try system.read("maps", limit: 10).count == 11)
        for text in ["", "a", String(repeating: "é", count: 5000)] {
            let folder = try TemporaryFolder()
            try folder.write("file.yaml", text)
            #expect(try LocalFileSystem(root: folder.url.path).read("file.yaml", limit: 1 << 20) == Array(text.utf8))
        }
    }

    @Test func aMissingRootIsAnIOError() {
        #expect(throws: CatalogIOError.self) {
            try LocalFileSystem(root: "/nonexistent/jimu-catalog").listFiles()
        }
    }
}

@Suite struct DiagnosticDetailTests {
    static func diagnostics(_ name: String) throws -> [Diagnostic] {
        let broken = try BrokenCase(named: name)
        return try CheckPipeline.run(InMemoryFileSystem(bytes: broken.files)).diagnostics
    }

    @Test func unknownKeyOffersTheClosestKey() throws {
        let diagnostic = try #require(try Self.diagnostics("unknown-key-in-item").first { $0.code == .unknownKey })
        #expect(diagnostic.message == "unknown key `contact` in item")
        #expect(diagnostic.fix == .didYouMean("contacts"))
        #expect(diagnostic.fix?.message == "did you mean `contacts`?")
        #expect(diagnostic.fix?.replacement == "contacts")
    }

    @Test func aCommaInsideBracesIsExplained() throws {
        let diagnostic = try #require(try Self.diagnostics("unquoted-comma-in-text").first { $0.code == .unknownKey })
        #expect(diagnostic.message == "unknown key `Hangzhou City` in locality name")
        #expect(diagnostic.fix?.message.contains("a comma starts a new key") == true)
    }

    @Test func invalidValueOffersTheClosestValue() throws {
        let diagnostic = try #require(try Self.diagnostics("invalid-value-channel").first)
        #expect(diagnostic.fix == .didYouMean("mobile"))
    }

    @Test func unknownReferenceOffersTheClosestName() throws {
        #expect(try Self.diagnostics("unknown-department-in-item").first?.fix == .didYouMean("health"))
        #expect(try Self.diagnostics("unknown-field-in-condition").first?.fix == .didYouMean("relationship"))
    }

    @Test func preconditionCycleNamesEveryMember() throws {
        let cycles = try Self.diagnostics("precondition-cycle").filter { $0.code == .preconditionCycle }
        #expect(cycles.count == 1)
        let message = try #require(cycles.first?.message)
        for item in ["birth-medical-certificate", "household-registration-newborn", "vaccination-certificate"] {
            #expect(message.contains("`\(item)`"), "\(message)")
        }
        #expect(message.contains("3 items"))
        #expect(cycles.first?.notes.count == 2)
    }

    @Test func selfPreconditionSaysSo() throws {
        let cycle = try #require(try Self.diagnostics("self-precondition").first { $0.code == .preconditionCycle })
        #expect(cycle.message == "item `vaccination-certificate` lists itself as its own precondition")
    }

    @Test func duplicateDefinitionNotesTheFirst() throws {
        let diagnostic = try #require(try Self.diagnostics("duplicate-material-id").first)
        #expect(diagnostic.notes.map(\.message) == ["first defined here"])
    }

    @Test func nameMismatchOffersTheFileName() throws {
        let diagnostic = try #require(try Self.diagnostics("bundle-key-mismatch").first)
        #expect(diagnostic.fix?.replacement == "newborn")
    }

    @Test func invalidKeyOffersAKey() throws {
        let diagnostic = try #require(try Self.diagnostics("invalid-bundle-key").first)
        #expect(diagnostic.fix?.replacement == "new-born")
    }

    @Test func patternFixSuggestsTheReplacement() throws {
        let diagnostic = try #require(try Self.diagnostics("pattern-digit-escape").first)
        #expect(diagnostic.fix?.message == "write `[0-9]`")
    }

    @Test func limitsNameTheirSetting() throws {
        for (name, setting) in [
            ("file-too-large", "max_file_bytes"), ("depth-limit", "max_depth"), ("billion-laughs", "max_alias_expansion"),
            ("string-too-long", "max_string_length"), ("expression-too-long", "max_expression_length"),
            ("bundle-too-large", "max_bundle_items"), ("too-many-files", "max_files"),
        ] {
            let diagnostics = try Self.diagnostics(name).filter { $0.severity == .error }
            #expect(diagnostics.count == 1, "\(name)")
            #expect(diagnostics.first?.message.contains("`limits.\(setting)`") == true, "\(name): \(diagnostics.first?.message ?? "")")
        }
    }

    @Test func singleItemBundleIsAWarning() throws {
        #expect(try Self.diagnostics("single-item-bundle").map(\.severity) == [.warning])
        #expect(try Self.diagnostics("empty-bundle").map(\.severity) == [.error])
    }
}
