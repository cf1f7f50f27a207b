/// Emits `guides/`: a Markdown guide per item and per bundle, and an index, in Chinese and,
/// where the catalog publishes English (`languages: [zh, en]`), in English for every item and
/// bundle with an English name. A bundle's process is a Mermaid diagram.
///
/// ```
/// guides/zh/README.md   guides/zh/items/<key>.md   guides/zh/bundles/<key>.md
/// guides/en/README.md   guides/en/items/<key>.md   guides/en/bundles/<key>.md
/// ```
public enum GuideEmitter {
    /// `summary` covers the whole catalog, `catalog` the items and bundles this build merged
    /// (all of them, unless a rebuild takes the others' guides from the cache).
    public static func emit(
        _ catalog: StandardCatalog, summary: CatalogSummary? = nil, templates: GuideTemplates = .defaults,
        units: UnitRenderer = .uncached
    ) -> [Artifact] {
        let summary = summary ?? CatalogSummary(catalog)
        var artifacts: [Artifact] = []
        let english = publishesEnglish(catalog)
        for language in english ? [GuideLanguage.zh, .en] : [.zh] {
            var model = GuideModel(catalog: catalog, style: SingleLanguageStyle(language: language), fileExtension: "md")
            let items = guidedItems(catalog, language)
            let bundles = guidedBundles(catalog, language)
            let indexedItems = summary.items.map(\.index).filter { language == .zh || $0.name.english != nil }
            let indexedBundles = summary.bundles.map(\.index).filter { language == .zh || $0.name.english != nil }
            let itemKeys = Set(indexedItems.map(\.key))
            let bundleKeys = Set(indexedBundles.map(\.key))
            model.linkable = { folder, key in folder == "items" ? itemKeys.contains(key) : bundleKeys.contains(key) }
            let folder = "guides/\(language.rawValue)"
            let shared = model
            artifacts += units.artifacts(folder, items, unit: { .item($0.key) }) { item in
                [
                    Artifact(
                        path: "\(folder)/items/\(item.key).md",
                        utf8: templates.render("item.\(language.rawValue).md", shared.item(item)))
                ]
            }
            artifacts += units.artifacts(folder, bundles, unit: { .bundle($0.key) }) { bundle in
                var values = shared.bundle(bundle)
                values["mermaid"] = .text(mermaid(bundle, catalog: catalog, language: language))
                return [
                    Artifact(
                        path: "\(folder)/bundles/\(bundle.key).md", utf8: templates.render("bundle.\(language.rawValue).md", values))
                ]
            }
            // The index reads the summaries' index entries alone (`ProvinceUnit.guidesIndex`):
            // from the cache when no edit changed those.
            artifacts += units.artifacts(folder, [ProvinceUnit.guidesIndex], unit: { .province($0) }) { _ in
                var index = shared.index(items: indexedItems, bundles: indexedBundles)
                index["hasEnglish"] = .bool(english)
                let untranslated = summary.items.map(\.index).filter { !itemKeys.contains($0.key) }.map { item -> TemplateObject in
                    ["linkName": .text(item.name.zh), "href": .text("../zh/items/\(item.key).md"), "linkKey": .text(item.key)]
                } + summary.bundles.map(\.index).filter { !bundleKeys.contains($0.key) }.map { bundle -> TemplateObject in
                    ["linkName": .text(bundle.name.zh), "href": .text("../zh/bundles/\(bundle.key).md"), "linkKey": .text(bundle.key)]
                }
                index["untranslated"] = .objects(untranslated)
                index["hasUntranslated"] = .bool(!untranslated.isEmpty)
                return [Artifact(path: "\(folder)/README.md", utf8: templates.render("index.\(language.rawValue).md", index))]
            }
        }
        return artifacts
    }

    /// Whether the catalog's `languages` include English.
    static func publishesEnglish(_ catalog: StandardCatalog) -> Bool {
        catalog.config.languages.contains { $0.value == "en" }
    }

    /// The items with a guide in `language`: all in Chinese, those with an English name in English.
    static func guidedItems(_ catalog: StandardCatalog, _ language: GuideLanguage) -> [StandardItem] {
        language == .zh ? catalog.items : catalog.items.filter { $0.frame.name.english != nil }
    }

    static func guidedBundles(_ catalog: StandardCatalog, _ language: GuideLanguage) -> [StandardBundle] {
        language == .zh ? catalog.bundles : catalog.bundles.filter { $0.bundle.name.english != nil }
    }

    /// The bundle's precondition graph in Mermaid, with the items' names in `language`
    /// (Chinese, marked, where an English name is missing).
    static func mermaid(_ bundle: StandardBundle, catalog: StandardCatalog, language: GuideLanguage) -> String {
        let style = SingleLanguageStyle(language: language)
        var names: [String: LocalizedText] = [:]
        for key in bundle.items {
            guard let item = catalog.item(key) else { continue }
            names[key] = LocalizedText(zh: style.string(item.frame.name))
        }
        var text = PreconditionDiagram.mermaid(bundle, names: names)
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}
