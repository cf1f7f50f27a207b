import ArgumentParser
import Foundation
import JimuCore

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show the province standard of one item: each choice, where it came from, what it beat."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "The item key, e.g. household-registration-newborn.")
    var item: String

    @Option(help: "The catalog folder.")
    var catalog: String = "catalog"

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @OptionGroup var diagnostics: DiagnosticOptions

    func run() throws {
        let standard = try loadStandard(catalog, diagnostics: diagnostics)
        guard let chosen = standard.item(item) else {
            throw failUnknown("item", item, among: standard.items.map(\.key))
        }
        let explanation = ItemExplanation(chosen, catalog: standard)
        switch format {
        case .text: print(explanation.text(pathPrefix: catalogPrefix(catalog)), terminator: "")
        case .json: print(try CanonicalJSON.encode(explanation), terminator: "")
        }
    }
}
