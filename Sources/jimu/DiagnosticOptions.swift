import ArgumentParser
import Foundation
import JimuCore

/// How diagnostics are printed; shared by every command that reads a catalog.
struct DiagnosticOptions: ParsableArguments {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, sarif
    }

    @Option(name: .customLong("diagnostics"), help: "Diagnostic format: text, json or sarif.")
    var format: Format = .text

    @Flag(help: "Treat warnings as errors (exit 1 when there are any).")
    var warningsAsErrors = false

    @Flag(name: .customLong("color"), inversion: .prefixedNo, help: "Colour text diagnostics (default: on a terminal).")
    var color: Bool?

    /// Applies `--warnings-as-errors` to a list of diagnostics.
    func promoted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        guard warningsAsErrors else { return diagnostics }
        return diagnostics.map { diagnostic in
            var promoted = diagnostic
            if promoted.severity == .warning { promoted.severity = .error }
            return promoted
        }
    }

    /// Writes the diagnostics and the summary in the chosen format: text to standard error,
    /// JSON and SARIF to standard output so they can be piped into a file.
    func emit(_ diagnostics: [Diagnostic], summary: CheckSummary, sources: [String: [UInt8]], pathPrefix: String)
        throws
    {
        switch format {
        case .text:
            let colored = color ?? (isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil)
            let renderer = TextDiagnosticRenderer(colored: colored, pathPrefix: pathPrefix)
            let text = renderer.render(diagnostics) { sources[$0] }
            FileHandle.standardError.write(Data((text + summary.line + "\n").utf8))
        case .json:
            let json = try JSONDiagnosticRenderer().render(diagnostics, summary: summary)
            FileHandle.standardOutput.write(Data(json.utf8))
        case .sarif:
            let sarif = try SARIFDiagnosticRenderer(toolVersion: JimuVersion.current, pathPrefix: pathPrefix)
                .render(diagnostics)
            FileHandle.standardOutput.write(Data(sarif.utf8))
            FileHandle.standardError.write(Data((summary.line + "\n").utf8))
        }
    }
}

/// Prints an I/O failure and exits 2, the code for "could not even read the catalog".
func failIO(_ error: CatalogIOError) -> ExitCode {
    printError("jimu: error: \(error)")
    return ExitCode(2)
}

func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
