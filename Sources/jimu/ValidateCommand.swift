import ArgumentParser
import Foundation
import JimuCore
import JimuFormsRuntime

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate a submission (JSON) against a form with the rules of the schema and the Swift module.",
        discussion: "FORM is `items/<key>`, `bundles/<key>`, or a bare key. Exits 0 when valid, 1 when not."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "The form: items/<key>, bundles/<key>, or a key.")
    var form: String

    @Argument(help: "The submission, a JSON file (- for standard input).")
    var submission: String

    @Option(help: "The catalog folder.")
    var catalog: String = "catalog"

    @Option(help: "text or json.")
    var format: Format = .text

    @OptionGroup var diagnostics: DiagnosticOptions

    func run() throws {
        let standard = try loadStandard(catalog, diagnostics: diagnostics)
        let key = form.split(separator: "/").last.map(String.init) ?? form
        let fields: [StandardField]
        if !form.hasPrefix("bundles/"), let item = standard.item(key) {
            fields = item.form
        } else if !form.hasPrefix("items/"), let bundle = standard.bundle(key) {
            fields = bundle.form
        } else {
            throw failUnknown("form", form, among: standard.items.map { "items/" + $0.key } + standard.bundles.map { "bundles/" + $0.key })
        }
        let bytes: [UInt8]
        if submission == "-" {
            bytes = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
        } else {
            guard let data = FileManager.default.contents(atPath: submission) else {
                printError("jimu: error: cannot read `\(submission)`")
                throw ExitCode(2)
            }
            bytes = [UInt8](data)
        }
        let violations = SubmissionValidator(form: fields, codeLists: standard.codeLists).validate(json: bytes)
        switch format {
        case .text:
            if violations.isEmpty { print("\(submission): valid") }
            for violation in violations {
                print("\(submission): \(violation.path.isEmpty ? "/" : violation.path): \(violation.code.rawValue): \(violation.message) / \(violation.messageZh)")
            }
        case .json:
            print(try CanonicalJSON.encode(violations), terminator: "")
        }
        if !violations.isEmpty { throw ExitCode(1) }
    }
}
