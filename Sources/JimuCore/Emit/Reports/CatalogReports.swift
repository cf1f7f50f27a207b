/// The reports of a whole catalog that more than one output shows: the merge report, the
/// reform figures and the bundle report, in `reports/` and on the site's figures page.
/// Computed once per build and shared, as each reads every item.
public struct CatalogReports: Sendable {
    public var merge: MergeReport
    public var figures: ReformFigures
    public var bundles: BundleReport

    public init(_ catalog: StandardCatalog) {
        merge = MergeReport(catalog)
        figures = ReformFigures(catalog)
        bundles = BundleReport(catalog)
    }
}
