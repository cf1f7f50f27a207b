/// Emits `reports/`: the merge report in Markdown and JSON (an index, and a report per item),
/// the bundle report, and the reform figures.
public enum ReportsEmitter {
    public static func emit(_ catalog: StandardCatalog, reports: CatalogReports? = nil, units: UnitRenderer = .uncached) throws
        -> [Artifact]
    {
        let reports = reports ?? CatalogReports(catalog)
        let (report, figures, bundles) = (reports.merge, reports.figures, reports.bundles)
        let names = MergeReportMarkdown.LocalityNames(catalog.localities)
        // Each item's report is its unit's: rendered when the item changed, else from the cache.
        let items = units.artifacts("reports", catalog.items, unit: { .item($0.key) }) { item in
            let itemReport = MergeReport.itemReport(item)
            return [
                Artifact(path: MergeReport.itemPath(item.key), utf8: itemReport.canonicalJSON()),
                Artifact(path: MergeReportMarkdown.itemPath(item.key), text: MergeReportMarkdown.render(itemReport, localityNames: names)),
            ]
        }
        // The bundle report reads the bundles' report entries alone (`ProvinceUnit.bundleReport`):
        // from the cache when no edit changed those.
        var failure: (any Error)?
        let bundleReport = units.artifacts("reports", [ProvinceUnit.bundleReport], unit: { .province($0) }) { _ -> [Artifact] in
            do {
                return [
                    Artifact(path: "reports/bundles.json", text: try CanonicalJSON.encode(bundles)),
                    Artifact(path: "reports/bundles.md", text: bundles.markdown()),
                ]
            } catch {
                failure = error
                return []
            }
        }
        if let failure { throw failure }
        // The province-wide files, each on any core: the merge report's index and page are
        // megabytes, and one after the other they ended a rebuild's emit on one core.
        let whole: [@Sendable () throws -> Artifact] = [
            { Artifact(path: MergeReport.path, utf8: report.canonicalJSON()) },
            { Artifact(path: MergeReportMarkdown.path, text: MergeReportMarkdown.render(report, figures: figures, localityNames: names)) },
            { Artifact(path: "reports/kpi.json", text: try CanonicalJSON.encode(figures)) },
        ]
        return try Parallel.map(whole.count) { index in Result { try whole[index]() } }.map { try $0.get() } + bundleReport + items
    }
}
