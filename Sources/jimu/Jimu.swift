import ArgumentParser
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
        subcommands: [CheckCommand.self, BuildCommand.self, ExplainCommand.self]
    )
}
