import ArgumentParser
import JimuCore

struct GraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Print a bundle's precondition graph as Mermaid or Graphviz DOT."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case mermaid, dot }

    @Argument(help: "The bundle key.")
    var bundle: String

    @Option(help: "mermaid (default) or dot.")
    var format: Format = .mermaid

    @Option(help: "The catalog folder.")
    var catalog: String = "catalog"

    @OptionGroup var diagnostics: DiagnosticOptions

    func run() throws {
        let standard = try loadStandard(catalog, diagnostics: diagnostics)
        guard let chosen = standard.bundle(bundle) else {
            throw failUnknown("bundle", bundle, among: standard.bundles.map(\.key))
        }
        let names = Dictionary(uniqueKeysWithValues: standard.items.map { ($0.key, $0.frame.name) })
        switch format {
        case .mermaid: print(PreconditionDiagram.mermaid(chosen, names: names), terminator: "")
        case .dot: print(PreconditionDiagram.dot(chosen, names: names), terminator: "")
        }
    }
}
