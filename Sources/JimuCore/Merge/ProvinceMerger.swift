/// Merge: one place innovates, the whole province shares. Turns the resolved catalog into
/// the IR, one standard per item chosen from the localities' practices; Compose adds the
/// bundles.
public enum ProvinceMerger {
    public static func merge(_ resolved: ResolvedCatalog) -> (standard: StandardCatalog?, diagnostics: [Diagnostic]) {
        let source = resolved.source
        guard let config = source.config else { return (nil, []) }
        let dictionary = MergeDictionary(source)
        let practicesByItem = Dictionary(grouping: resolved.practices, by: { $0.practice.item.value })
        // Items are independent compile units: merged on every core, gathered in order.
        let merged = Parallel.map(source.items) { frame -> (StandardItem, [Diagnostic]) in
            let practices = (practicesByItem[frame.key.value] ?? []).sorted {
                $0.locality.code.value < $1.locality.code.value
            }
            let diagnostics = DiagnosticCollector()
            let item = ItemMerger(frame: frame, practices: practices, dictionary: dictionary, diagnostics: diagnostics).merge()
            return (item, diagnostics.diagnostics)
        }
        let items = merged.map(\.0).sorted { $0.key < $1.key }
        let standard = StandardCatalog(
            config: config, elements: source.elements, materials: source.materials, codeLists: source.codeLists,
            sources: source.sources, departments: source.departments, calendars: source.calendars,
            localities: source.localities.sorted { $0.code.value < $1.code.value }, items: items,
            bundles: [])
        return (standard, merged.flatMap(\.1))
    }
}
