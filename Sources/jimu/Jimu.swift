import ArgumentParser
import Foundation
import JimuCore

@main
struct Jimu: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jimu",
        abstract: "Compile a government service catalog into one province standard.",
        discussion: """
            Exit codes: 0 clean (warnings allowed), 1 errors in the catalog, 2 usage or I/O failure.
            """,
        version: JimuVersion.current,
        subcommands: [CheckCommand.self, BuildCommand.self, ExplainCommand.self, DueCommand.self, GraphCommand.self, DiffCommand.self, ValidateCommand.self]
    )

    /// Runs the command, mapping ArgumentParser's usage failures (64) to Jimu's exit code 2,
    /// so a pipeline needs to know only 0, 1 and 2.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                printError(fullMessage(for: error))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
