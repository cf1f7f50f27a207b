import ArgumentParser
import Foundation
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

    @Flag(help: "Write nothing; exit 1 naming every stale, missing or extra file in the output folder.")
    var check = false

    @Option(help: "The build cache folder: what each item and bundle wrote last time, so that a rebuild renders only what changed. Safe to delete.")
    var cache: String = ".jimu-cache"

    @Flag(help: "Render everything, without reading or writing the build cache.")
    var noCache = false

    @OptionGroup var diagnostics: DiagnosticOptions
    @OptionGroup var runOptions: RunOptions

    func run() throws {
        let commandStarted = Date()
        defer { runOptions.report("command", since: commandStarted) }
        let result: BuildResult
        do {
            let progress = ProgressBar(quiet: runOptions.quiet)
            // `--check` compares every byte, so it renders everything.
            var settings: BuildPipeline.CacheSettings?
            if !check && !noCache {
                // Hashing the executable takes a core for a moment: the one the start of reading leaves free.
                let identity = Once { CompilerIdentity.current(rememberedIn: cache) }
                DispatchQueue.global().async { _ = identity.value }
                settings = BuildPipeline.CacheSettings(folder: cache, outputRoot: out, compiler: { identity.value })
            }
            result = try BuildPipeline.run(LocalFileSystem(root: catalog), onStage: { progress.stage($0) }, cache: settings)
            progress.finish()
        } catch let error as CatalogIOError {
            throw failIO(error)
        }
        KeptUntilExit.keep(result)
        // The build began the cache's save; it ends with the save, or is dropped on any way out
        // that writes no tree (a check, errors, a failed write).
        var saved = false
        defer { if !saved { result.cache?.abandonSave() } }
        runOptions.report(result.timings)
        let reported = diagnostics.promoted(result.check.diagnostics)
        var summary = result.check.summary
        summary.errors = reported.count { $0.severity == .error }
        summary.warnings = reported.count { $0.severity == .warning }
        let prefix = catalog.hasSuffix("/") ? catalog : catalog + "/"
        try diagnostics.emit(reported, summary: summary, sources: result.check.sources, pathPrefix: prefix)
        if summary.errors > 0 { throw ExitCode(1) }
        guard let manifest = result.manifest else { throw ExitCode(1) }
        let tree = GeneratedTree(root: out)
        if check {
            let staleness: GeneratedTree.Staleness
            do throws(CatalogIOError) {
                staleness = try tree.compare(with: result.artifacts)
            } catch {
                throw failIO(error)
            }
            for path in staleness.stale { printError("\(out)/\(path): stale: differs from what the catalog compiles to") }
            for path in staleness.missing { printError("\(out)/\(path): missing") }
            for path in staleness.extra { printError("\(out)/\(path): extra: no longer produced") }
            guard staleness.isFresh else {
                printError("jimu: error: \(out) is out of date with \(catalog): run `jimu build \(catalog) --out \(out)` (or `make`)")
                throw ExitCode(1)
            }
            return
        }
        do throws(CatalogIOError) {
            let started = Date()
            let outcome = try tree.replace(
                with: result.artifacts, manifest: manifest, spare: result.cache?.spareTree, old: result.cache?.oldTree,
                listed: result.cache?.spareListing)
            runOptions.report("write", since: started)
            if let cache = result.cache {
                let saving = Date()
                defer { runOptions.report("cache save", since: saving) }
                saved = true
                if let problem = cache.save(manifest: manifest, tree: outcome) {
                    printError("jimu: warning: the build cache was not saved (\(problem)): the next build renders everything")
                }
                if runOptions.timings {
                    printError(
                        "cache: \(cache.counts.reused) units reused, \(cache.counts.rendered) rendered, "
                            + "\(cache.reusedFragments) fragments read back")
                }
            }
            for path in outcome.keptUnlisted {
                printError("jimu: warning: \(out)/\(path) is not in the manifest, so it is not Jimu's: left as it is")
            }
        } catch {
            throw failIO(error)
        }
    }
}
