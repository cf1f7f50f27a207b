/// The merge report for policy editors (`reports/merge.md`, and `reports/merge/<item>.md` per
/// item): the same content as the JSON, as tables that read well on any code host. The index
/// page links every item's page, and each page stays small at province scale.
public enum MergeReportMarkdown {
    /// Where the build writes it.
    public static let path = "reports/merge.md"

    /// Where the build writes the page of item `key`.
    public static func itemPath(_ key: String) -> String { "reports/merge/\(key).md" }

    /// A locality as the report names it: its Chinese name and code.
    public struct LocalityNames: Sendable {
        let names: [String: String]

        public init(_ localities: [Locality]) {
            names = Dictionary(localities.map { ($0.code.value, $0.name.zh) }, uniquingKeysWith: { first, _ in first })
        }

        /// The cell text of `code`; the legal frame's when a choice came from no locality.
        func label(_ code: String?) -> String {
            guard let code else { return "frame" }
            return "\(Markdown.escape(names[code] ?? code)) (\(code))"
        }
    }

    /// The index page: rules, totals, reform figures, each item's standard with a link to its
    /// page, and what each locality contributed.
    public static func render(_ report: MergeReport, figures: ReformFigures, localityNames: LocalityNames) -> String {
        let e = Markdown.escape
        var out = "# Merge report: the province standard\n\n"
        out += "One place innovates, the whole province shares: for every item the standard takes, per dimension, "
        out += "the best locality's practice, within the item's legal frame.\n\n"
        out += Markdown.table(
            ["Rule", "Meaning"], report.rules.sorted { $0.key < $1.key }.map { ["`\($0.key)`", e($0.value)] })
        out += "\n" + e(report.tieBreak) + "\n\n"

        out += "## Province totals\n\n"
        out += reductionTable(report.totals) + "\n"

        out += "## Reform figures\n\n"
        var rows = [snapshotRow("Province standard", figures.standard)]
        for entry in figures.localities {
            rows.append(snapshotRow("\(e(entry.name.zh)) (\(entry.code))", entry.figures))
        }
        out += Markdown.table(
            ["Practices of", "Items", "At most one visit", "Zero visits", "Fully online", "Avg promised days", "Avg statutory days"],
            rows)
        out += "\nShares of visits count items whose visits are stated.\n\n"

        out += "## Items\n\n"
        out += "The standard of each item. Its page shows each choice with its source, and what each locality must change.\n\n"
        out += Markdown.table(
            ["Item", "Key", "Practices", "Fields by hand", "Materials submitted", "Steps", "Working days", "Visits"],
            report.items.map { item in
                let standard = item.standard
                return [
                    "[\(e(item.name.zh))](\(itemPath(item.key).dropFirst("reports/".count)))", "`\(item.key)`",
                    item.frameOnly ? "none: legal frame" : "\(item.practices)",
                    "\(standard.handFilledFields)", "\(standard.submittedMaterials)", "\(standard.steps)",
                    standard.promisedLimit.map(String.init) ?? "–", standard.visits.map(String.init) ?? "–",
                ]
            })
        out += "\n"

        out += "## Localities\n\n"
        for entry in report.localities {
            out += "### \(e(entry.name.zh)) (\(entry.code))\n\n"
            out += "\(entry.practices) practices. "
            if entry.adopted.isEmpty {
                out += "None adopted province-wide.\n\n"
            } else {
                out += "Adopted province-wide: "
                out += entry.adopted.map { "`\($0.item)` \($0.dimension)" }.joined(separator: ", ") + ".\n\n"
            }
            out += reductionTable(entry.totals) + "\n"
        }
        return out
    }

    /// One item's page: its decisions, what the law added back, what is shared, and what
    /// each locality must change.
    public static func render(_ item: MergeReport.ItemReport, localityNames: LocalityNames) -> String {
        let e = Markdown.escape
        let locality = localityNames.label
        var out = "# \(e(item.name.zh))"
        if let en = item.name.en { out += " — \(e(en))" }
        out += "\n\n[Merge report](../merge.md) · `\(item.key)` · code \(e(item.code)) · department `\(item.department)` · "
        out += "statutory limit \(item.statutoryLimit) working days\n\n"
        if item.frameOnly {
            out += "No locality has a practice for this item: its standard comes from the legal frame alone.\n\n"
        }
        out += Markdown.table(
            ["Dimension", "Standard", "From", "Rule", "Source"],
            item.decisions.map { decision in
                [
                    decision.dimension, e(decision.value), locality(decision.locality), "`\(decision.rule)`",
                    Markdown.code(decision.source),
                ]
            })
        out += "\n"
        if !item.addedBack.isEmpty {
            out += "Added back because the law requires them: "
            out += item.addedBack.map { "`\($0)`" }.joined(separator: ", ") + ".\n\n"
        }
        let sharing = item.sharedFields.map { ("field", $0) } + item.sharedMaterials.map { ("material", $0) }
        if !sharing.isEmpty {
            out += "Shared province-wide: "
            out += sharing.map { "\($0.0) `\($0.1.id)` from `\($0.1.source)` (as \(locality($0.1.locality)) does)" }
                .joined(separator: "; ") + ".\n\n"
        }
        if !item.localities.isEmpty {
            out += Markdown.table(
                ["Locality", "Fields by hand", "Materials submitted", "Steps", "Working days", "Visits", "Must change"],
                item.localities.map { comparison in
                    [
                        locality(comparison.locality), comparison.reductions.handFilledFields.text,
                        comparison.reductions.submittedMaterials.text, comparison.reductions.steps.text,
                        comparison.reductions.days.text, comparison.reductions.visits?.text ?? "–",
                        comparison.mustChange.isEmpty ? "–" : comparison.mustChange.joined(separator: ", "),
                    ]
                })
            out += "\n"
        }
        return out
    }

    private static func reductionTable(_ totals: Reductions) -> String {
        var rows = [
            ["Fields filled by hand", totals.handFilledFields.text],
            ["Materials submitted", totals.submittedMaterials.text],
            ["Steps", totals.steps.text],
            ["Promised working days", totals.days.text],
        ]
        if let visits = totals.visits { rows.append(["Visits in person", visits.text]) }
        return Markdown.table(["Measure", "Before → standard"], rows)
    }

    private static func snapshotRow(_ name: String, _ snapshot: ReformFigures.Snapshot) -> [String] {
        func share(_ s: ReformFigures.Share) -> String {
            "\(s.count)/\(s.of)" + (s.percent.map { " (\(Figures.text($0))%)" } ?? "")
        }
        return [
            name, "\(snapshot.items)", share(snapshot.atMostOneVisit), share(snapshot.zeroVisits),
            share(snapshot.fullyOnline), Figures.text(snapshot.averagePromisedLimit),
            Figures.text(snapshot.averageStatutoryLimit),
        ]
    }
}
