import ArgumentParser
import Foundation
import JimuCore

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Classify the schema changes between two versions for downstream consumers.",
        discussion: """
            OLD and NEW are each a generated tree (a folder with schemas/), a catalog folder \
            (with jimu.yaml), or a git revision of this repository's catalog/ (HEAD~1, v1.2.0). \
            Exits 1 when a breaking change comes without a new major version.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, sarif }

    @Argument(help: "The old version.")
    var old: String

    @Argument(help: "The new version.")
    var new: String

    @Option(help: "text, json or sarif.")
    var format: Format = .text

    @Option(help: "With git revisions: the catalog folder inside the repository.")
    var catalog: String = "catalog"

    func run() throws {
        let diff = SchemaDiff(old: try schemas(of: old), new: try schemas(of: new))
        switch format {
        case .text: print(text(diff), terminator: "")
        case .json: print(try CanonicalJSON.encode(DiffDocument(changes: diff.changes, verdicts: diff.verdicts)), terminator: "")
        case .sarif: print(try sarif(diff), terminator: "")
        }
        if diff.hasUnversionedBreakingChange { throw ExitCode(1) }
    }

    struct DiffDocument: Encodable {
        var changes: [SchemaChange]
        var verdicts: [SchemaVerdict]
    }

    private func schemas(of side: String) throws -> [String: JSONValue] {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: side, isDirectory: &isDirectory), isDirectory.boolValue {
            if FileManager.default.fileExists(atPath: side + "/jimu.yaml") { return try compile(side) }
            if FileManager.default.fileExists(atPath: side + "/schemas") { return try SchemaTree.read(generated: side) }
            printError("jimu: error: `\(side)` holds neither jimu.yaml nor schemas/")
            throw ExitCode(2)
        }
        let folder = try checkout(revision: side)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        return try compile(folder + "/" + catalog)
    }

    private func compile(_ catalog: String) throws -> [String: JSONValue] {
        let (schemas, build) = try SchemaTree.compile(catalog: catalog)
        guard let schemas else {
            let text = TextDiagnosticRenderer(pathPrefix: catalogPrefix(catalog)).render(build.check.diagnostics) {
                build.check.sources[$0]
            }
            printError(text + "jimu: error: `\(catalog)` does not compile")
            throw ExitCode(1)
        }
        return schemas
    }

    /// Extracts the catalog folder at a git revision into a new temporary folder, which the
    /// caller removes.
    private func checkout(revision: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jimu-diff-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let archive = Process()
        archive.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        archive.arguments = ["sh", "-c", "git archive --format=tar \"$1\" -- \"$2\" | tar -x -C \"$3\"", "sh", revision, catalog, folder]
        let errors = Pipe()
        archive.standardError = errors
        try archive.run()
        archive.waitUntilExit()
        guard archive.terminationStatus == 0, FileManager.default.fileExists(atPath: folder + "/" + catalog + "/jimu.yaml") else {
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            try? FileManager.default.removeItem(atPath: folder)
            printError("jimu: error: `\(revision)` is neither a folder nor a git revision with \(catalog)/jimu.yaml \(message)")
            throw ExitCode(2)
        }
        return folder
    }

    private func text(_ diff: SchemaDiff) -> String {
        var out = ""
        for verdict in diff.verdicts where verdict.impact != nil {
            let versions = "\(verdict.oldVersion ?? "–") → \(verdict.newVersion ?? "–")"
            out += "\(verdict.schema): \(verdict.impact?.rawValue ?? "") (\(versions))\n"
            for change in diff.changes where change.schema == verdict.schema {
                out += "  \(change.impact.rawValue): \(change.message)\n"
            }
            // Only a breaking change without its major version fails the command; a missing
            // minor or patch bump is a warning.
            if let problem = verdict.versionProblem {
                out += "  \(verdict.impact == .breaking ? "error" : "warning"): \(problem)\n"
            }
        }
        let counts = [SchemaChange.Impact.breaking, .compatible, .text].map { impact in
            "\(diff.changes.count { $0.impact == impact }) \(impact.rawValue)"
        }
        return out + "\(diff.changes.count) changes: " + counts.joined(separator: ", ") + "\n"
    }

    private func sarif(_ diff: SchemaDiff) throws -> String {
        var diagnostics: [Diagnostic] = []
        for change in diff.changes {
            let severity: Severity = change.impact == .breaking ? .warning : .note
            diagnostics.append(
                Diagnostic(.schemaChange, change.message, at: .start(of: "schemas/" + change.schema), severity: severity))
        }
        for verdict in diff.verdicts {
            if let problem = verdict.versionProblem {
                diagnostics.append(
                    Diagnostic(
                        .versionNotBumped, problem, at: .start(of: "schemas/" + verdict.schema),
                        severity: verdict.impact == .breaking ? .error : .warning))
            }
        }
        return try SARIFDiagnosticRenderer(toolVersion: JimuVersion.current).render(diagnostics)
    }
}
