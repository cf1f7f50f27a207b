/// Emits `reports/`: the merge report and the bundle report in Markdown and JSON, and the
/// reform figures.
public enum ReportsEmitter {
    public static func emit(_ catalog: StandardCatalog, reports: CatalogReports? = nil, units: UnitRenderer = .uncached) throws
        -> [Artifact]
    {
        let reports = reports ?? CatalogReports(catalog)
        let (report, figures, bundles) = (reports.merge, reports.figures, reports.bundles)
        let names = Dictionary(uniqueKeysWithValues: catalog.localities.map { ($0.code.value, $0.name.zh) })
        return [
            Artifact(path: MergeReport.path, utf8: try report.canonicalJSON(units: units)),
            Artifact(
                path: MergeReportMarkdown.path, text: try MergeReportMarkdown.render(report, figures: figures, localityNames: names, units: units)),
            Artifact(path: "reports/kpi.json", text: try CanonicalJSON.encode(figures)),
            Artifact(path: "reports/bundles.json", text: try CanonicalJSON.encode(bundles)),
            Artifact(path: "reports/bundles.md", text: bundles.markdown()),
        ]
    }
}
