import ArgumentParser
import JimuCore

/// Loads a catalog's IR for commands that inspect it (explain, due, graph): on errors, prints
/// the diagnostics and exits 1, as `jimu check` would.
func loadStandard(_ catalog: String, diagnostics: DiagnosticOptions) throws -> StandardCatalog {
    let check: CheckResult
    let standard: StandardCatalog?
    do throws(CatalogIOError) {
        (check, standard) = try BuildPipeline.standard(LocalFileSystem(root: catalog))
    } catch {
        throw failIO(error)
    }
    guard let standard else {
        try diagnostics.emit(
            check.diagnostics, summary: check.summary, sources: check.sources, pathPrefix: catalogPrefix(catalog))
        throw ExitCode(1)
    }
    return standard
}

func catalogPrefix(_ catalog: String) -> String {
    catalog.hasSuffix("/") ? catalog : catalog + "/"
}

/// Exits 2 naming what the user asked for, with the closest known name.
func failUnknown(_ kind: String, _ name: String, among names: [String]) -> ExitCode {
    var message = "jimu: error: no \(kind) `\(name)` in the catalog"
    if let suggestion = Suggestion.closest(to: name, among: names) { message += "; did you mean `\(suggestion)`?" }
    printError(message)
    return ExitCode(2)
}
