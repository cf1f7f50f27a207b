import ArgumentParser
import JimuCore

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Check a catalog, merge it into the province standard and write every output."
    )

    @Argument(help: "The catalog folder.")
    var catalog: String = "catalog"

    @Option(help: "The output folder.")
    var out: String = "generated"

    @OptionGroup var diagnostics: DiagnosticOptions

    func run() throws {
        let result: BuildResult
        do {
            result = try BuildPipeline.run(LocalFileSystem(root: catalog))
        } catch let error as CatalogIOError {
            throw failIO(error)
        }
        let reported = diagnostics.promoted(result.check.diagnostics)
        var summary = result.check.summary
        summary.errors = reported.count { $0.severity == .error }
        summary.warnings = reported.count { $0.severity == .warning }
        let prefix = catalog.hasSuffix("/") ? catalog : catalog + "/"
        try diagnostics.emit(reported, summary: summary, sources: result.check.sources, pathPrefix: prefix)
        if summary.errors > 0 { throw ExitCode(1) }
        do {
            try ArtifactWriter(root: out).write(result.artifacts)
        } catch let error as CatalogIOError {
            throw failIO(error)
        }
    }
}
