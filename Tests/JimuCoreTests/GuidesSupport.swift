import Foundation
import JimuCore
import Testing

/// The mini catalog, edited in memory, built through the whole pipeline: the guides' tests.
enum GuideFixtures {
    static let item = "household-registration-newborn"
    static let bundle = "newborn"
    static let hostile = "<script>alert(1)</script> [x](javascript:alert(1))"

    /// The files of `mini/` as text, for editing.
    static func miniTexts() -> [String: String] {
        CatalogFixtures.miniFiles().mapValues { String(decoding: $0, as: UTF8.self) }
    }

    static func build(_ edit: (inout [String: String]) -> Void = { _ in }) throws -> BuildResult {
        var files = miniTexts()
        edit(&files)
        return try BuildPipeline.run(InMemoryFileSystem(files: files))
    }

    /// `text` with its first `old` replaced by `new`; fails the test when `old` is not there.
    static func replacing(
        _ old: String, with new: String, in text: String?, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) -> String {
        guard let text, let range = text.range(of: old) else {
            Issue.record("`\(old)` is not in the fixture", sourceLocation: sourceLocation)
            return text ?? ""
        }
        return text.replacingCharacters(in: range, with: new)
    }

    /// A YAML double-quoted scalar. By scalar: a quote followed by a combining mark is one
    /// Character, which a search for `"` would not find.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            if scalar == "\"" || scalar == "\\" { out += "\\" }
            out.unicodeScalars.append(scalar)
        }
        return out + "\""
    }

    static func artifact(
        _ result: BuildResult, _ path: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> String {
        let artifact = try #require(
            result.artifacts.first { $0.path == path }, "no artifact \(path)", sourceLocation: sourceLocation)
        return String(decoding: artifact.contents, as: UTF8.self)
    }

    /// The 1-based line and column of the first `needle` in `text` (columns in Unicode scalars).
    static func place(of needle: String, in text: String, file: String) -> JimuCore.SourceLocation? {
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let range = line.range(of: needle) {
                return JimuCore.SourceLocation(
                    file: file, line: index + 1, column: line[..<range.lowerBound].unicodeScalars.count + 1)
            }
        }
        return nil
    }

    /// Every table row has the header's number of cells, counting only unescaped pipes.
    static func expectWellFormedTables(
        _ markdown: String, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
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
            if let header {
                #expect(cells(line) == header, "\(name): a row of \(cells(line)) cells under \(header): \(line)", sourceLocation: sourceLocation)
            } else {
                header = cells(line)
            }
        }
    }
}
