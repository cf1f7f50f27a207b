import ArgumentParser
import JimuCore

struct DueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "due",
        abstract: "Print the due date of an item or a bundle started on a date, in working days.",
        discussion: """
            Limits count from the working day after acceptance: an application made on a \
            holiday is accepted the next working day. A date outside the catalog's calendar \
            years is an error, never a guess.
            """
    )

    @Argument(help: "An item key or a bundle key.")
    var name: String

    @Option(help: "The start date, YYYY-MM-DD.")
    var from: String

    @Option(help: "The catalog folder.")
    var catalog: String = "catalog"

    @OptionGroup var diagnostics: DiagnosticOptions

    func validate() throws {
        guard CivilDate(from) != nil else {
            throw ValidationError("`\(from)` is not a date that exists; write YYYY-MM-DD")
        }
    }

    func run() throws {
        let standard = try loadStandard(catalog, diagnostics: diagnostics)
        guard let start = CivilDate(from) else { throw ExitCode(2) }
        let calendar = WorkingCalendar(standard.calendars)
        guard standard.item(name) != nil || standard.bundle(name) != nil else {
            throw failUnknown("item or bundle", name, among: standard.items.map(\.key) + standard.bundles.map(\.key))
        }
        do throws(WorkingCalendar.Gap) {
            if let item = standard.item(name) {
                let entry = try DueDates.item(item, from: start, calendar: calendar)
                print("\(name): \(entry.workingDays) working days from \(entry.start) → due \(entry.due)")
            } else if let bundle = standard.bundle(name) {
                let entries = try DueDates.bundle(bundle, items: standard.items, from: start, calendar: calendar)
                let due = entries.map(\.due).max() ?? start
                print("\(name): \(bundle.schedule.totalWorkingDays) working days from \(start) → due \(due)")
                for entry in entries {
                    let critical = bundle.schedule.criticalPath.contains(entry.item) ? "  (critical path)" : ""
                    print("  \(entry.item): \(entry.workingDays) working days, \(entry.start) → \(entry.due)\(critical)")
                }
            }
        } catch {
            printError("jimu: error: \(error)")
            throw ExitCode(1)
        }
    }
}
