import Foundation
import Testing

@testable import JimuCore

/// The Swift emitter copies the runtime into every generated package from the text embedded
/// in RuntimeSources.swift; that text must be the runtime target's sources exactly.
struct RuntimeSourcesTests {
    @Test func embeddedRuntimeMatchesTheRuntimeTarget() throws {
        let folder = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/JimuFormsRuntime")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") }.sorted()
        #expect(RuntimeSources.files.map(\.name) == names, "run `make runtime-sources`")
        for file in RuntimeSources.files {
            let text = try String(contentsOf: folder.appendingPathComponent(file.name), encoding: .utf8)
            #expect(
                file.text == text.trimmingCharacters(in: .newlines) || file.text + "\n" == text,
                "\(file.name) differs from its embedded copy: run `make runtime-sources`")
        }
    }
}
