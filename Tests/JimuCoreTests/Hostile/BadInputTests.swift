import Foundation
import JimuCore
import Testing

/// One hostile or broken input and the exact diagnostics it must give: the mini catalog with
/// files replaced, added or removed, read from memory or, where the case is about the disk
/// (links, a 100 MB file), from a folder.
struct BadInput: Sendable, CustomTestStringConvertible {
    var name: String
    var files: [String: [UInt8]] = [:]
    var removed: [String] = []
    /// Run on disk, after the files are written: makes links and large files.
    var disk: (@Sendable (URL) throws -> Void)?
    /// The codes of every error and warning, sorted, each as often as it must be reported;
    /// empty for an input that must work.
    var expected: [DiagnosticCode]

    var testDescription: String { name }
}

private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

/// The standalone file (a calendar nothing depends on) with the given bytes.
private func standalone(_ content: [UInt8]) -> [String: [UInt8]] { [Hostile.standalone: content] }
private func standalone(_ text: String) -> [String: [UInt8]] { standalone(bytes(text)) }

/// The whole mini catalog with every line break replaced.
private func everyFile(lineBreak: String) -> [String: [UInt8]] {
    CatalogFixtures.miniFiles().mapValues { bytes(String(decoding: $0, as: UTF8.self).replacingOccurrences(of: "\n", with: lineBreak)) }
}

private let vaccination = "items/vaccination-certificate.yaml"
private let fuyangVaccination = "localities/330111-fuyang/vaccination-certificate.yaml"

/// A practice whose first material is asked for in `copies` copies: an integer of 0...100
/// whose failure drops only that material, so nothing else is reported.
private func copies(_ value: String) -> [String: [UInt8]] {
    [fuyangVaccination: Hostile.edit(fuyangVaccination, "    source: applicant\n", "    source: applicant\n    copies: \(value)\n")]
}

/// `count` items, each the precondition of the one before it, the last needing the first.
private func preconditionRing(of count: Int) -> [String: [UInt8]] {
    let template = Hostile.mini(vaccination)
        .replacingOccurrences(of: "preconditions: [birth-medical-certificate]\n", with: "")
    var files: [String: [UInt8]] = [:]
    for index in 0..<count {
        let key = String(format: "ring-%04d", index)
        let next = String(format: "ring-%04d", (index + 1) % count)
        let text = template
            .replacingOccurrences(of: "key: vaccination-certificate", with: "key: \(key)\npreconditions: [\(next)]")
            .replacingOccurrences(of: "code: 330000-000202-002", with: String(format: "code: 330000-009%04d-001", index))
        files["items/\(key).yaml"] = bytes(text)
    }
    return files
}

/// 100 MB on one line, written in 1 MB pieces.
private func writeHugeLine(at url: URL) throws {
    guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
        throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
    }
    let handle = try FileHandle(forWritingTo: url)
    defer { try? handle.close() }
    try handle.write(contentsOf: Data("year: ".utf8))
    let piece = Data(repeating: UInt8(ascii: "9"), count: 1 << 20)
    for _ in 0..<100 { try handle.write(contentsOf: piece) }
}

enum BadInputTable {
    static let cases: [BadInput] = [
        // MARK: Bytes and encodings
        BadInput(name: "an empty file", files: standalone(""), expected: [.emptyFile]),
        BadInput(name: "a file of comments only", files: standalone("# nothing here yet\n# still nothing\n"), expected: [.emptyFile]),
        BadInput(name: "a file of blank lines only", files: standalone("\n\n   \n"), expected: [.emptyFile]),
        BadInput(name: "a lone byte order mark", files: standalone([0xEF, 0xBB, 0xBF]), expected: [.emptyFile]),
        BadInput(
            name: "a byte order mark before valid content works",
            files: standalone([0xEF, 0xBB, 0xBF] + bytes(Hostile.standaloneText)), expected: []),
        BadInput(
            name: "two byte order marks", files: standalone([0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF] + bytes(Hostile.standaloneText)),
            expected: [.yamlSyntax]),
        BadInput(name: "invalid UTF-8: a stray 0xFF", files: standalone(bytes("year: 2027\nholidays: [") + [0xFF] + bytes("]\n")), expected: [.invalidUTF8]),
        BadInput(name: "invalid UTF-8: a sequence cut at the end", files: standalone(bytes(Hostile.standaloneText + "# 中") + [0xE6, 0x96]), expected: [.invalidUTF8]),
        BadInput(name: "invalid UTF-8: an overlong slash", files: standalone(bytes("year: 2027\n# ") + [0xC0, 0xAF] + bytes("\n")), expected: [.invalidUTF8]),
        BadInput(name: "invalid UTF-8: an encoded surrogate", files: standalone(bytes("year: 2027\n# ") + [0xED, 0xA0, 0x80] + bytes("\n")), expected: [.invalidUTF8]),
        BadInput(
            name: "UTF-16 with a byte order mark",
            files: standalone([0xFF, 0xFE] + Hostile.standaloneText.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }),
            expected: [.invalidUTF8]),
        BadInput(
            name: "UTF-16 without a byte order mark (NUL bytes)",
            files: standalone(Hostile.standaloneText.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }),
            expected: [.nulCharacter]),
        BadInput(name: "a NUL byte inside a value", files: standalone(bytes("year: 20") + [0] + bytes("27\nholidays: []\nworkdays: []\n")), expected: [.nulCharacter]),
        // A NUL written as an escape is no NUL byte, but the text holds one all the same, and
        // tools downstream cut C strings at it: refused like the byte.
        BadInput(
            name: "a NUL written as an escape in a text",
            files: standalone("year: 2027\nholidays:\n  - {name: {zh: \"春\\0节\"}, from: 2027-02-01, to: 2027-02-02}\nworkdays: []\n"),
            expected: [.nulCharacter]),
        BadInput(name: "a raw control character (BEL)", files: standalone("year: 2027\n# \u{07}\nholidays: []\nworkdays: []\n"), expected: [.yamlSyntax]),
        BadInput(name: "CRLF line ends in every file work", files: everyFile(lineBreak: "\r\n"), expected: []),
        BadInput(name: "CR line ends in every file work", files: everyFile(lineBreak: "\r"), expected: []),
        BadInput(
            name: "CRLF and LF mixed in one file work",
            files: [vaccination: bytes(Hostile.mini(vaccination).replacingOccurrences(of: "kind: public-service\n", with: "kind: public-service\r\n"))],
            expected: []),
        BadInput(
            name: "a tab in the indentation",
            files: standalone("year: 2027\nholidays:\n\t- {name: {zh: 春节}, from: 2027-02-01, to: 2027-02-02}\nworkdays: []\n"),
            expected: [.tabIndentation]),
        BadInput(name: "a tab after a colon works", files: standalone("year:\t2027\nholidays:\t[]\nworkdays: []\n"), expected: []),
        BadInput(
            name: "a 100 MB single line", disk: { catalog in try writeHugeLine(at: catalog.appendingPathComponent(Hostile.standalone)) },
            expected: [.fileTooLarge]),

        // MARK: YAML features a catalog does not use
        BadInput(
            name: "nesting 100,000 levels deep", files: standalone("year: 2027\nholidays: " + String(repeating: "[", count: 100_000)),
            expected: [.depthLimit]),
        BadInput(
            name: "block nesting 100 levels deep",
            files: standalone("year: 2027\nworkdays: []\nholidays:\n" + (0..<100).map { String(repeating: "  ", count: $0) + "- \n" }.joined()),
            expected: [.depthLimit]),
        BadInput(
            name: "a billion laughs",
            files: standalone(
                "year: 2027\nholidays: []\nworkdays: []\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
                    + (1...9).map { level in
                        let (name, previous) = ("l\(level)", level == 1 ? "a" : "l\(level - 1)")
                        return "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]\n"
                    }.joined()),
            expected: [.aliasExpansion]),
        BadInput(name: "an alias inside the collection it names", files: standalone("year: 2027\nholidays: &h [*h]\nworkdays: []\n"), expected: [.aliasExpansion]),
        BadInput(name: "an alias without an anchor", files: standalone("year: 2027\nholidays: *nowhere\nworkdays: []\n"), expected: [.undefinedAlias]),
        BadInput(name: "a duplicate key", files: standalone("year: 2027\nholidays: []\nworkdays: []\nyear: 2028\n"), expected: [.duplicateKey]),
        BadInput(name: "a duplicate key, once quoted", files: standalone("year: 2027\nholidays: []\nworkdays: []\n\"year\": 2027\n"), expected: [.duplicateKey]),
        BadInput(
            name: "a merge key",
            files: standalone("year: 2027\nholidays: []\nbase: &b {workdays: []}\n<<: *b\n"),
            // The merge is not done, so `workdays` is missing too; `base` is unknown.
            expected: [.mergeKey, .unknownKey]),
        BadInput(
            name: "a !!python/object tag",
            files: standalone("year: 2027\nholidays: !!python/object:builtins.list []\nworkdays: []\n"), expected: [.unsupportedTag]),
        // The tag is refused, and its node is still read for what it is.
        BadInput(
            name: "a !!python/object/apply tag on a value of the wrong shape",
            files: standalone("year: 2027\nholidays: !!python/object/apply:os.system [rm -rf /]\nworkdays: []\n"),
            expected: [.unsupportedTag, .typeMismatch]),
        BadInput(name: "an !include tag", files: standalone("year: 2027\nholidays: !include other.yaml\nworkdays: []\n"), expected: [.unsupportedTag, .typeMismatch]),
        BadInput(name: "a core tag that does not fit (!!int abc)", files: standalone("year: !!int abc\nholidays: []\nworkdays: []\n"), expected: [.yamlSyntax]),
        BadInput(name: "two documents in one file", files: standalone(Hostile.standaloneText + "---\n" + Hostile.standaloneText), expected: [.multipleDocuments]),
        BadInput(name: "an unclosed flow sequence", files: standalone("year: 2027\nholidays: [a, b\nworkdays: []\n"), expected: [.yamlSyntax]),
        BadInput(name: "a list where a mapping belongs", files: standalone("- year: 2027\n"), expected: [.typeMismatch]),
        BadInput(name: "a document that is only `---`", files: standalone("---\n"), expected: [.typeMismatch]),

        // MARK: Names, paths and links
        // Keys are lower-case by rule, so two names that differ only in case can never both be
        // valid: the upper-case one is the invalid identifier, and no output file name can
        // collide on a case-insensitive file system.
        BadInput(
            name: "item files that collide after case folding (Foo.yaml, foo.yaml)",
            files: ["items/Vaccination-certificate.yaml": Hostile.edit(vaccination, "key: vaccination-certificate", "key: Vaccination-certificate")],
            expected: [.invalidIdentifier]),
        BadInput(
            name: "data elements that collide after case folding (a.b, A.B)",
            files: [
                "dictionary/fields.yaml": Hostile.edit(
                    "dictionary/fields.yaml", "elements:\n",
                    "elements:\n  - id: Newborn.Name\n    label: {zh: 新生儿名, en: Name}\n    type: string\n")
            ],
            expected: [.invalidIdentifier]),
        BadInput(
            name: "code lists that collide after case folding",
            files: [
                "dictionary/codelists.yaml": Hostile.edit(
                    "dictionary/codelists.yaml", "codelists:\n",
                    "codelists:\n  - id: Gender\n    name: {zh: 性别}\n    codes:\n      - {code: \"1\", label: {zh: 男}}\n")
            ],
            expected: [.invalidIdentifier]),
        BadInput(
            name: "a link to a file outside the catalog is refused",
            disk: { catalog in
                let outside = catalog.deletingLastPathComponent().appendingPathComponent("outside.yaml")
                try Data(Hostile.standaloneText.utf8).write(to: outside)
                try FileManager.default.createSymbolicLink(
                    atPath: catalog.appendingPathComponent(Hostile.standalone).path, withDestinationPath: outside.path)
            },
            expected: [.pathEscape]),
        BadInput(
            name: "a relative link that climbs out of the catalog is refused",
            disk: { catalog in
                try FileManager.default.createSymbolicLink(
                    atPath: catalog.appendingPathComponent(Hostile.standalone).path, withDestinationPath: "../../../../../../etc/hostname")
            },
            expected: [.pathEscape]),
        BadInput(
            name: "a linked folder outside the catalog is refused",
            disk: { catalog in
                let outside = catalog.deletingLastPathComponent().appendingPathComponent("elsewhere")
                try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
                try Data("code: \"330999\"\n".utf8).write(to: outside.appendingPathComponent("locality.yaml"))
                try FileManager.default.createSymbolicLink(
                    atPath: catalog.appendingPathComponent("localities/330999-elsewhere").path, withDestinationPath: outside.path)
            },
            expected: [.pathEscape]),
        // A link whose target is gone cannot be shown to stay inside: refused like one that leaves.
        BadInput(
            name: "a dangling link is refused",
            disk: { catalog in
                try FileManager.default.createSymbolicLink(
                    atPath: catalog.appendingPathComponent(Hostile.standalone).path, withDestinationPath: "missing.yaml")
            },
            expected: [.pathEscape]),
        BadInput(
            name: "a key with `..`",
            files: ["bundles/newborn.yaml": Hostile.edit("bundles/newborn.yaml", "key: newborn", "key: ../../newborn")],
            expected: [.pathEscape]),
        BadInput(
            name: "an absolute path as a key",
            files: ["bundles/newborn.yaml": Hostile.edit("bundles/newborn.yaml", "key: newborn", "key: /etc/passwd")],
            expected: [.pathEscape]),
        BadInput(
            name: "a backslash path as a key",
            files: ["bundles/newborn.yaml": Hostile.edit("bundles/newborn.yaml", "key: newborn", "key: '..\\windows'")],
            expected: [.pathEscape]),
        BadInput(
            name: "`..` in a reference to an item",
            files: ["bundles/newborn.yaml": Hostile.edit("bundles/newborn.yaml", "[birth-medical-certificate,", "[../items/birth-medical-certificate,")],
            expected: [.pathEscape]),
        BadInput(
            name: "an item file named `...yaml` (key `..`)",
            files: ["items/...yaml": Hostile.edit(vaccination, "key: vaccination-certificate", "key: ..")],
            expected: [.pathEscape]),
        BadInput(
            name: "a key of 65 characters",
            files: ["bundles/newborn.yaml": Hostile.edit("bundles/newborn.yaml", "key: newborn", "key: " + String(repeating: "n", count: 65))],
            expected: [.invalidIdentifier]),
        BadInput(
            name: "full-width letters in a key",
            files: ["bundles/newborn.yaml": Hostile.edit("bundles/newborn.yaml", "key: newborn", "key: ｎｅｗｂｏｒｎ")],
            expected: [.invalidIdentifier]),

        // MARK: The graph of items and bundles
        BadInput(name: "a precondition cycle of 1,000 items", files: preconditionRing(of: 1_000), expected: [.preconditionCycle]),
        BadInput(
            name: "an item that needs itself first",
            files: [vaccination: Hostile.edit(vaccination, "[birth-medical-certificate]", "[birth-medical-certificate, vaccination-certificate]")],
            expected: [.preconditionCycle]),
        BadInput(
            name: "a bundle of 0 items",
            files: ["bundles/newborn.yaml": Hostile.edit("bundles/newborn.yaml", "[birth-medical-certificate, vaccination-certificate, household-registration-newborn]", "[]")],
            expected: [.emptyBundle]),

        // MARK: Numbers at the edges
        // `-0` is the integer zero in YAML's core schema: a valid limit of 0 days.
        BadInput(name: "-0 where an integer belongs", files: copies("-0"), expected: []),
        BadInput(name: "-1 where a count belongs", files: copies("-1"), expected: [.numberOutOfRange]),
        // 1e309 is written as a float (and overflows to infinity): not a whole number.
        BadInput(name: "1e309 where an integer belongs", files: copies("1e309"), expected: [.typeMismatch]),
        BadInput(
            name: "1e309 where a number belongs",
            files: ["dictionary/fields.yaml": Hostile.edit("dictionary/fields.yaml", "    max_length: 18\n", "    max_length: 18\n    maximum: 1e309\n")],
            expected: [.numberOutOfRange, .conflictingConstraints]),
        BadInput(
            name: ".nan where a number belongs",
            files: ["dictionary/fields.yaml": Hostile.edit("dictionary/fields.yaml", "    max_length: 18\n", "    max_length: 18\n    minimum: .nan\n")],
            expected: [.numberOutOfRange, .conflictingConstraints]),
        // 2^63 is a whole number too large for any limit, not "a number".
        BadInput(
            name: "2^63 where an integer belongs",
            files: copies("9223372036854775808"),
            expected: [.numberOutOfRange]),
        BadInput(
            name: "2^63 - 1 where an integer belongs",
            files: copies("9223372036854775807"),
            expected: [.numberOutOfRange]),
        BadInput(
            name: "-2^63 - 1 where an integer belongs",
            files: copies("-9223372036854775809"),
            expected: [.numberOutOfRange]),
        BadInput(name: "a 400-digit integer", files: copies(String(repeating: "9", count: 400)), expected: [.numberOutOfRange]),
        BadInput(name: "a hexadecimal integer of 2^64", files: copies("0x10000000000000000"), expected: [.numberOutOfRange]),

        // MARK: Dates
        BadInput(
            name: "a date that does not exist (2026-02-29)",
            files: ["bundles/newborn.yaml": Hostile.edit("bundles/newborn.yaml", "effective: 2026-01-01", "effective: 2026-02-29")],
            expected: [.invalidDate]),
        BadInput(
            name: "a date that does not exist (2026-04-31)",
            files: ["bundles/newborn.yaml": Hostile.edit("bundles/newborn.yaml", "effective: 2026-01-01", "effective: 2026-04-31")],
            expected: [.invalidDate]),
        BadInput(
            name: "month 13",
            files: ["bundles/newborn.yaml": Hostile.edit("bundles/newborn.yaml", "effective: 2026-01-01", "effective: 2026-13-01")],
            expected: [.invalidDate]),
        BadInput(
            name: "a date with a time of day",
            files: ["bundles/newborn.yaml": Hostile.edit("bundles/newborn.yaml", "effective: 2026-01-01", "effective: 2026-01-01T08:00:00+08:00")],
            expected: [.invalidDate]),
        BadInput(
            name: "a date without leading zeros",
            files: ["bundles/newborn.yaml": Hostile.edit("bundles/newborn.yaml", "effective: 2026-01-01", "effective: 2026-1-1")],
            expected: [.invalidDate]),

        // MARK: Code lists
        BadInput(
            name: "a code list with a duplicate code",
            files: ["dictionary/codelists.yaml": Hostile.edit("dictionary/codelists.yaml", "      - {code: \"2\", label: {zh: 女性, en: Female}}\n", "      - {code: \"2\", label: {zh: 女性, en: Female}}\n      - {code: \"2\", label: {zh: 女, en: Woman}}\n")],
            expected: [.duplicateCode]),
        // Codes are text: `1` and `"1"` are the same code.
        BadInput(
            name: "a duplicate code, once as a number",
            files: ["dictionary/codelists.yaml": Hostile.edit("dictionary/codelists.yaml", "      - {code: \"2\", label: {zh: 女性, en: Female}}\n", "      - {code: \"2\", label: {zh: 女性, en: Female}}\n      - {code: 1, label: {zh: 男, en: Man}}\n")],
            expected: [.duplicateCode]),
    ]
}

@Suite struct BadInputTests {
    /// Each input gives exactly its codes, fast, and no file is read past the size limit.
    @Test(arguments: BadInputTable.cases)
    func badInput(_ input: BadInput) throws {
        let files = Hostile.catalog(input.files, removing: input.removed)
        let limit = CatalogLimits().maxFileBytes
        let (result, seconds): (CheckResult, Double)
        if let disk = input.disk {
            (result, seconds) = try Hostile.withFolder(files) { folder in
                try disk(folder)
                let fileSystem = ReadCountingFileSystem(LocalFileSystem(root: folder.path))
                let timed = try Hostile.timed { try CheckPipeline.run(fileSystem) }
                #expect(fileSystem.largestRead <= limit + 1, "read \(fileSystem.largestRead) bytes of one file")
                return timed
            }
        } else {
            (result, seconds) = try Hostile.timed { try CheckPipeline.run(InMemoryFileSystem(bytes: files)) }
        }
        let codes = Hostile.codes(result)
        #expect(
            codes == input.expected.sorted { $0.rawValue < $1.rawValue },
            "\(input.name): expected \(input.expected.map(\.rawValue)), got:\n\(result.rendered(files: files))")
        #expect(seconds < 20, "\(input.name) took \(seconds) s")
        // Every diagnostic names the file it is about, and every such file is one of the catalog's.
        for diagnostic in result.diagnostics {
            if let file = diagnostic.location?.file {
                #expect(files[file] != nil || input.disk != nil, "a diagnostic in `\(file)`")
            }
        }
    }

    @Test func theTableIsLargeAndNamesAreUnique() {
        #expect(BadInputTable.cases.count >= 40)
        #expect(Set(BadInputTable.cases.map(\.name)).count == BadInputTable.cases.count)
    }

    /// CRLF is not merely accepted: the catalog means the same, so every output but the
    /// manifest (whose catalog hash covers the bytes read) is identical.
    @Test func crlfBuildsTheSameOutputs() throws {
        let lf = try BuildPipeline.run(InMemoryFileSystem(bytes: CatalogFixtures.miniFiles()))
        let crlf = try BuildPipeline.run(InMemoryFileSystem(bytes: everyFile(lineBreak: "\r\n")))
        #expect(!lf.artifacts.isEmpty)
        let outputs = { (build: BuildResult) in
            Dictionary(uniqueKeysWithValues: build.artifacts.filter { $0.path != "manifest.json" }.map { ($0.path, $0.contents) })
        }
        let (a, b) = (outputs(lf), outputs(crlf))
        #expect(a.keys.sorted() == b.keys.sorted())
        #expect(a.keys.sorted().filter { a[$0] != b[$0] } == [])
    }
}
