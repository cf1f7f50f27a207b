/// The reports of a whole catalog that more than one output shows: the merge report, the
/// reform figures and the bundle report, in `reports/` and on the site's figures page.
/// Computed once per build and shared, as each reads every item.
public struct CatalogReports: Sendable {
    public var merge: MergeReport
    public var figures: ReformFigures
    public var bundles: BundleReport

    public init(_ catalog: StandardCatalog) {
        self.init(catalog, summary: CatalogSummary(catalog))
    }

    /// Everything summed over the catalog of `summary`; the localities of `catalog`.
    public init(_ catalog: StandardCatalog, summary: CatalogSummary) {
        merge = MergeReport(summary, localities: catalog.localities)
        figures = ReformFigures(summary, localities: catalog.localities)
        bundles = BundleReport(summary)
    }
}
