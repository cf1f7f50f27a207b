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
        let check: CheckResult
        let standard: StandardCatalog?
        do throws(CatalogIOError) {
            (check, standard) = try BuildPipeline.standard(LocalFileSystem(root: catalog))
        } catch {
            throw failIO(error)
        }
        guard let standard else {
            let prefix = catalog.hasSuffix("/") ? catalog : catalog + "/"
            try diagnostics.emit(check.diagnostics, summary: check.summary, sources: check.sources, pathPrefix: prefix)
            throw ExitCode(1)
        }
        guard let chosen = standard.item(item) else {
            let suggestion = standard.items.map(\.key).min { a, b in
                a.commonPrefix(with: item).count > b.commonPrefix(with: item).count
            }
            var message = "jimu: error: no item `\(item)` in the catalog"
            if let suggestion { message += "; did you mean `\(suggestion)`?" }
            FileHandle.standardError.write(Data((message + "\n").utf8))
            throw ExitCode(2)
        }
        let explanation = ItemExplanation(chosen, catalog: standard)
        switch format {
        case .text: print(explanation.text(pathPrefix: catalog.hasSuffix("/") ? catalog : catalog + "/"), terminator: "")
        case .json: print(try CanonicalJSON.encode(explanation), terminator: "")
        }
    }
}
