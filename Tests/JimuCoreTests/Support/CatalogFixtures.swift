import Foundation
import JimuCore

/// The fixture catalogs under `Tests/JimuCoreTests/Fixtures`: `mini/`, a small valid catalog,
/// and `broken/<case>/`, overlays on it whose expected diagnostics are marked inline.
///
/// ## Overlay cases
/// Every file of a case folder replaces (or adds) the file of `mini/` at the same relative
/// path. Three names are special:
/// - `_delete`: paths of `mini/` to remove, one a line (`#` starts a comment);
/// - `_expect`: expected diagnostics that no marker can show, one a line: `code` for a
///   diagnostic without a location, `code path:line:column` for one in a file the case does
///   not overlay;
/// - a file whose name ends in `.bytes` is written without that suffix, and every `\xNN` in
///   it becomes the raw byte `NN` (for invalid UTF-8 and NUL).
///
/// ## Markers
/// `«code»` right before a character says "a diagnostic with this code points here";
/// `«note:code»` says "a diagnostic with this code has a note pointing here". Markers are
/// removed before the catalog is read; a marker's line and column are those of the character
/// after it once every marker is gone (columns count Unicode scalars, as Jimu does; a raw
/// byte from `\xNN` counts as a column unless it is a UTF-8 continuation byte).
enum CatalogFixtures {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static var miniRoot: URL { root.appendingPathComponent("mini") }
    static var brokenRoot: URL { root.appendingPathComponent("broken") }

    /// The files of `mini/`, by relative path.
    static func miniFiles() -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        for path in relativeFiles(under: miniRoot) {
            files[path] = bytes(of: miniRoot.appendingPathComponent(path))
        }
        return files
    }

    /// The names of the broken cases, sorted.
    static func brokenCaseNames() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: brokenRoot.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }

    /// Every regular file below `folder`, as sorted `/`-separated relative paths; hidden
    /// files are skipped.
    static func relativeFiles(under folder: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        var paths: [String] = []
        while let path = enumerator.nextObject() as? String {
            if path.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isDirectory)
            if !isDirectory.boolValue { paths.append(path) }
        }
        return paths.sorted()
    }

    static func bytes(of url: URL) -> [UInt8] {
        (try? [UInt8](Data(contentsOf: url))) ?? []
    }
}

/// A diagnostic a case expects: a code at a place (nil for a diagnostic without one).
struct ExpectedDiagnostic: Hashable, Comparable, CustomStringConvertible {
    var code: String
    var location: SourceLocation?

    var description: String { "\(code) at \(location?.description ?? "(no location)")" }

    static func < (lhs: ExpectedDiagnostic, rhs: ExpectedDiagnostic) -> Bool {
        let l = lhs.location ?? SourceLocation(file: "", line: 0, column: 0)
        let r = rhs.location ?? SourceLocation(file: "", line: 0, column: 0)
        return (l.file, l.line, l.column, lhs.code) < (r.file, r.line, r.column, rhs.code)
    }
}

/// One marker found in a fixture file.
struct Marker: Hashable {
    var code: String
    var isNote: Bool
    var location: SourceLocation
}

/// A broken case, overlaid on `mini/` and stripped of its markers.
struct BrokenCase {
    var name: String
    var files: [String: [UInt8]]
    /// Diagnostics that must be reported, with multiplicity.
    var expected: [ExpectedDiagnostic]
    /// Notes that some diagnostic of the code must carry.
    var expectedNotes: [Marker]

    /// Every code the case expects (not counting notes).
    var codes: Set<String> { Set(expected.map(\.code)) }

    init(named name: String) throws {
        self.name = name
        let folder = CatalogFixtures.brokenRoot.appendingPathComponent(name)
        var files = CatalogFixtures.miniFiles()
        var expected: [ExpectedDiagnostic] = []
        var notes: [Marker] = []
        let overlay = CatalogFixtures.relativeFiles(under: folder)
        guard !overlay.isEmpty else { throw FixtureError("case `\(name)` has no files") }
        if overlay.contains("_delete") {
            let text = String(decoding: CatalogFixtures.bytes(of: folder.appendingPathComponent("_delete")), as: UTF8.self)
            for path in Self.lines(of: text) {
                guard files.removeValue(forKey: path) != nil else {
                    throw FixtureError("case `\(name)`: `_delete` names `\(path)`, which mini/ does not have")
                }
            }
        }
        for path in overlay where path != "_delete" {
            let raw = CatalogFixtures.bytes(of: folder.appendingPathComponent(path))
            let text = String(decoding: raw, as: UTF8.self)
            if path == "_expect" {
                expected += try Self.lines(of: text).map { try Self.parseExpectation($0, case: name) }
                continue
            }
            let isBytes = path.hasSuffix(".bytes")
            let target = isBytes ? String(path.dropLast(".bytes".count)) : path
            let stripped = MarkerParser.strip(text, file: target, decodingByteEscapes: isBytes)
            files[target] = stripped.bytes
            for marker in stripped.markers {
                if marker.isNote {
                    notes.append(marker)
                } else {
                    expected.append(ExpectedDiagnostic(code: marker.code, location: marker.location))
                }
            }
        }
        for entry in expected where DiagnosticCode(rawValue: entry.code) == nil {
            throw FixtureError("case `\(name)` expects `\(entry.code)`, which is no DiagnosticCode")
        }
        self.files = files
        self.expected = expected.sorted()
        self.expectedNotes = notes
    }

    /// The lines of a `_delete` or `_expect` file, without comments and blanks.
    static func lines(of text: String) -> [String] {
        text.split(separator: "\n").map { line in
            let content = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            return content.trimmingCharacters(in: .whitespaces)
        }.filter { !$0.isEmpty }
    }

    /// `code` or `code path:line:column`.
    static func parseExpectation(_ line: String, case name: String) throws -> ExpectedDiagnostic {
        let parts = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard parts.count == 1 || parts.count == 2 else {
            throw FixtureError("case `\(name)`: cannot read `_expect` line `\(line)`")
        }
        guard parts.count == 2 else { return ExpectedDiagnostic(code: parts[0], location: nil) }
        let place = parts[1].split(separator: ":").map(String.init)
        guard place.count == 3, let lineNumber = Int(place[1]), let column = Int(place[2]) else {
            throw FixtureError("case `\(name)`: `\(parts[1])` is not path:line:column")
        }
        return ExpectedDiagnostic(
            code: parts[0], location: SourceLocation(file: place[0], line: lineNumber, column: column))
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Removes `«code»` and `«note:code»` markers from fixture text and says where they stood.
enum MarkerParser {
    struct Result {
        var bytes: [UInt8]
        var markers: [Marker]
        var text: String { String(decoding: bytes, as: UTF8.self) }
    }

    static func strip(_ text: String, file: String, decodingByteEscapes: Bool = false) -> Result {
        let scalars = Array(text.unicodeScalars)
        var bytes: [UInt8] = []
        var markers: [Marker] = []
        var line = 1
        var column = 1
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if c == "«", let close = scalars[(i + 1)...].firstIndex(of: "»"),
                let marker = marker(String(String.UnicodeScalarView(scalars[(i + 1)..<close])))
            {
                markers.append(
                    Marker(
                        code: marker.code, isNote: marker.isNote,
                        location: SourceLocation(file: file, line: line, column: column)))
                i = close + 1
                continue
            }
            if decodingByteEscapes, c == "\\", i + 3 < scalars.count, scalars[i + 1] == "x",
                let byte = UInt8(String(String.UnicodeScalarView(scalars[(i + 2)...(i + 3)])), radix: 16)
            {
                bytes.append(byte)
                if byte == 0x0A {
                    line += 1
                    column = 1
                } else if byte & 0xC0 != 0x80 {
                    column += 1
                }
                i += 4
                continue
            }
            bytes.append(contentsOf: String(c).utf8)
            if c == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            i += 1
        }
        return Result(bytes: bytes, markers: markers)
    }

    /// `code` or `note:code`, where a code is lower-case letters, digits and `-`.
    private static func marker(_ content: String) -> (code: String, isNote: Bool)? {
        let isNote = content.hasPrefix("note:")
        let code = isNote ? String(content.dropFirst(5)) : content
        guard !code.isEmpty,
            code.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" })
        else { return nil }
        return (code, isNote)
    }
}

extension CheckResult {
    /// The diagnostics as `jimu check` prints them, with source lines and carets.
    func rendered(files: [String: [UInt8]]) -> String {
        TextDiagnosticRenderer().render(diagnostics) { files[$0] ?? sources[$0] }
    }
}
