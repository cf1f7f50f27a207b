import JimuYAML

/// The translation check: every editor text that an English guide shows and that has no
/// English is a `missing-translation` warning, at the text's `file:line:column`, naming the
/// file and the key. It walks the English guides exactly as the emitter builds them, so it
/// reports what the guides show and nothing else; the guides then show the Chinese text,
/// marked. Runs only when the catalog's `languages` include `en`.
public enum TranslationCheck {
    public static func diagnostics(
        _ catalog: StandardCatalog, sources: [String: [UInt8]], limits: CatalogLimits = CatalogLimits()
    ) -> [Diagnostic] {
        guard GuideEmitter.publishesEnglish(catalog) else { return [] }
        let recorder = MissingTextRecorder()
        let model = GuideModel(catalog: catalog, style: recorder, fileExtension: "md")
        // Names first: an item or bundle without an English name gets no English guide, so
        // only its name is reported.
        var untranslated: Set<String> = []
        for item in catalog.items where item.frame.name.english == nil {
            _ = recorder.text(item.frame.name, model.namePlace(item))
            untranslated.insert(model.namePlace(item).file)
        }
        for bundle in catalog.bundles where bundle.bundle.name.english == nil {
            _ = recorder.text(bundle.bundle.name, model.namePlace(bundle))
            untranslated.insert(model.namePlace(bundle).file)
        }
        let items = GuideEmitter.guidedItems(catalog, .en)
        let bundles = GuideEmitter.guidedBundles(catalog, .en)
        // The guides are walked on every core, a share of them each with a recorder of its
        // own, and the places put together in the serial order: each text reported once.
        let count = items.count + bundles.count
        let shares = stride(from: 0, to: count, by: 64).map { $0..<min($0 + 64, count) }
        nonisolated(unsafe) let shared = model  // read only; its style is replaced below
        let walked = Parallel.map(shares) { share -> [TextPlace] in
            let own = MissingTextRecorder()
            let model = shared.restyled(own)
            for index in share {
                if index < items.count { _ = model.item(items[index]) } else { _ = model.bundle(bundles[index - items.count]) }
            }
            return own.missing
        }
        for place in walked.joined() { recorder.record(place) }
        _ = model.index(items: items.map(ItemIndexEntry.init), bundles: bundles.map(BundleIndexEntry.init))

        var locator = TextLocator(sources: sources, limits: limits)
        return recorder.missing.map { place in
            let location = locator.locate(place)
            let isName = place.path == [.key("name")] && untranslated.contains(place.file)
            let consequence =
                isName
                ? "no English guide is written for it, and English guides that link to it show its Chinese name, marked"
                : "the English guides show the Chinese text, marked “(中文 — no English text)”"
            return Diagnostic(
                .missingTranslation,
                "`\(place.file)` has no English text for \(place.what) (key `\(place.key).en`): \(consequence)",
                at: location, fix: .init("add `en:` beside `zh:`"))
        }
    }
}

/// Finds the place of a text in its YAML file by its key path: the file is parsed again,
/// once, only when one of its texts is reported.
struct TextLocator {
    let sources: [String: [UInt8]]
    let limits: CatalogLimits
    private var documents: [String: YAMLDocument?] = [:]

    init(sources: [String: [UInt8]], limits: CatalogLimits) {
        self.sources = sources
        self.limits = limits
    }

    /// The place of the text (its `{zh: …}` mapping), or the owning entity's place when the
    /// path cannot be followed.
    mutating func locate(_ place: TextPlace) -> SourceLocation {
        guard let document = document(place.file), var node = document.root else { return place.anchor }
        for step in place.path {
            let next: YAMLNodeID?
            switch step {
            case .key(let key):
                next = document.entries(of: node).first { document.scalar(of: $0.key) == key }?.value
            case .index(let index):
                let items = document.items(of: node)
                next = index < items.count ? items[index] : nil
            case .entry(let field, let value):
                next = document.items(of: node).first { entry in
                    document.entries(of: entry).contains {
                        document.scalar(of: $0.key) == field && document.scalar(of: $0.value) == value
                    }
                }
            }
            guard let next else { return place.anchor }
            node = next
        }
        let mark = document.mark(of: node)
        return SourceLocation(file: place.file, line: mark.line, column: mark.column)
    }

    private mutating func document(_ file: String) -> YAMLDocument? {
        if let cached = documents[file] { return cached }
        var parsed: YAMLDocument?
        if let bytes = sources[file] {
            let yamlLimits = YAMLLimits(
                maxFileBytes: limits.maxFileBytes, maxDepth: limits.maxDepth, maxAliasExpansion: limits.maxAliasExpansion)
            parsed = try? YAMLReader.parse(bytes, limits: yamlLimits)
        }
        documents[file] = .some(parsed)
        return parsed
    }
}
