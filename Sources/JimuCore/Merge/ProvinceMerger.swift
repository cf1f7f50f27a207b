/// Merge: one place innovates, the whole province shares. Turns the resolved catalog into
/// the IR, one standard per item chosen from the localities' practices; Compose adds the
/// bundles.
public enum ProvinceMerger {
    public static func merge(_ resolved: ResolvedCatalog) -> (standard: StandardCatalog?, diagnostics: [Diagnostic]) {
        let source = resolved.source
        guard let config = source.config else { return (nil, []) }
        let diagnostics = DiagnosticCollector()
        let dictionary = MergeDictionary(source)
        let practicesByItem = Dictionary(grouping: resolved.practices, by: { $0.practice.item.value })
        let items = source.items.map { frame in
            let practices = (practicesByItem[frame.key.value] ?? []).sorted {
                $0.locality.code.value < $1.locality.code.value
            }
            return ItemMerger(frame: frame, practices: practices, dictionary: dictionary, diagnostics: diagnostics)
                .merge()
        }
        .sorted { $0.key < $1.key }
        let standard = StandardCatalog(
            config: config, elements: source.elements, materials: source.materials, codeLists: source.codeLists,
            sources: source.sources, departments: source.departments, calendars: source.calendars,
            localities: source.localities.sorted { $0.code.value < $1.code.value }, items: items,
            bundles: [])
        return (standard, diagnostics.diagnostics)
    }
}
