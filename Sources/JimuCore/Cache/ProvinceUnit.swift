/// A province-wide output file (or a few) that reads one part of every item's and bundle's
/// summary, besides the shared files: it is the same bytes as long as that part is, so a
/// rebuild takes it from the cache when an edit changed other parts only (a practice's
/// promised limit changes the merge report's totals, not the site's index). Its digest
/// (`CompileUnits`) hashes exactly what `readings(of:)` encodes: each emitter that renders
/// one reads nothing else of the summaries.
public enum ProvinceUnit: String, CaseIterable, Hashable, Sendable {
    /// `site/index.html`: the items' and bundles' index entries (names, departments,
    /// levels, members, visits, promised limits) and, for the search, their materials' names.
    case siteIndex = "site-index"
    /// `guides/<language>/README.md`: the items' and bundles' index entries.
    case guidesIndex = "guides-index"
    /// `reports/bundles.json` and `reports/bundles.md`: each bundle's report entry.
    case bundleReport = "bundle-report"

    /// The part of `summary` the unit's files are made of, encoded.
    func readings(of summary: CatalogSummary) -> [UInt8] {
        var writer = SnapshotWriter(capacity: summary.items.count * 160)
        switch self {
        case .siteIndex:
            writer.array(summary.items) { w, item in
                item.index.write(to: &w)
                w.array(item.materialNames) { $1.write(to: &$0) }
            }
            writer.array(summary.bundles) { w, bundle in
                bundle.index.write(to: &w)
                w.array(bundle.materialNames) { $1.write(to: &$0) }
            }
        case .guidesIndex:
            writer.array(summary.items) { $1.index.write(to: &$0) }
            writer.array(summary.bundles) { $1.index.write(to: &$0) }
        case .bundleReport:
            writer.array(summary.bundles) { $1.report.write(to: &$0) }
        }
        return writer.bytes
    }
}
