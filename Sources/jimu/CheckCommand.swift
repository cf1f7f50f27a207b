import ArgumentParser
import JimuCore

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a catalog and report every problem at file:line:column."
    )

    @Argument(help: "The catalog folder.")
    var catalog: String = "catalog"

    @OptionGroup var diagnostics: DiagnosticOptions
    @OptionGroup var runOptions: RunOptions

    func run() throws {
        let result: CheckResult
        do throws(CatalogIOError) {
            let progress = ProgressBar(quiet: runOptions.quiet)
            let stages = try BuildPipeline.stages(LocalFileSystem(root: catalog), onStage: { progress.stage($0) })
            progress.finish()
            runOptions.report(stages.timings)
            KeptUntilExit.keep(stages)
            result = stages.check
        } catch {
            throw failIO(error)
        }
        let reported = diagnostics.promoted(result.diagnostics)
        var summary = result.summary
        summary.errors = reported.count { $0.severity == .error }
        summary.warnings = reported.count { $0.severity == .warning }
        let prefix = catalog.hasSuffix("/") ? catalog : catalog + "/"
        try diagnostics.emit(reported, summary: summary, sources: result.sources, pathPrefix: prefix)
        if summary.errors > 0 { throw ExitCode(1) }
    }
}
