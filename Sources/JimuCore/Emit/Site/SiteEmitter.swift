import Foundation

/// Emits `site/`: a static, bilingual HTML site that needs no network — an index grouped by
/// department, level and bundle with client-side search, a page per item and per bundle
/// (the bundle's process as inline SVG laid out by Jimu), provenance in `<details>`, and a
/// page of reform figures with inline SVG charts. Styles and the one script are inline.
///
/// ```
/// site/index.html   site/figures.html   site/items/<key>.html   site/bundles/<key>.html
/// ```
public enum SiteEmitter {
    /// `summary` covers the whole catalog, `catalog` the items and bundles this build merged
    /// (all of them, unless a rebuild takes the others' pages from the cache).
    public static func emit(
        _ catalog: StandardCatalog, summary: CatalogSummary? = nil, templates: GuideTemplates = .defaults,
        units: UnitRenderer = .uncached, reports: CatalogReports? = nil
    ) -> [Artifact] {
        let summary = summary ?? CatalogSummary(catalog)
        let english = GuideEmitter.publishesEnglish(catalog)
        let style = BilingualStyle(includeEnglish: english)
        let model = GuideModel(catalog: catalog, style: style, fileExtension: "html")
        let localities = Dictionary(
            catalog.localities.map { ($0.code.value, $0.name) }, uniquingKeysWith: { first, _ in first })
        func common(root: String, title: String) -> TemplateObject {
            [
                "root": .text(root), "pageTitle": .text(title), "version": .text(catalog.config.version.value),
                "siteName": style.text(catalog.config.provinceName, nil), "hasEnglish": .bool(english),
            ]
        }
        func title(_ text: LocalizedText) -> String {
            english ? text.zh + (text.english.map { " · " + $0 } ?? "") : text.zh
        }
        func locality(_ code: String?) -> TemplateValue? {
            guard let code else { return nil }
            let name = localities[code] ?? LocalizedText(zh: code, en: code)
            return style.text(LocalizedText(zh: "\(name.zh)（\(code)）", en: name.english.map { "\($0) (\(code))" }), nil)
        }
        func source(_ provenance: Provenance) -> TemplateObject {
            var row: TemplateObject = [
                "source": .text(provenance.location.description), "rule": .text(provenance.rule.rawValue),
                "ruleText": .text(provenance.rule.explanation),
            ]
            row["locality"] = locality(provenance.locality)
            return row
        }

        var artifacts = units.artifacts("site", catalog.items, unit: { .item($0.key) }) { item -> [Artifact] in
            var values = model.item(item).adding(common(root: "../", title: title(item.frame.name)))
            values["decisions"] = .objects(item.decisions.map { decision in
                var row = source(decision.provenance)
                row["dimension"] = style.text(dimension(decision.dimension), nil)
                row["summary"] = .text(decision.summary)
                row["alternatives"] = .int(decision.alternatives.count)
                return row
            })
            values["valueSources"] = .objects(
                item.form.map { field in
                    var row = source(field.prefillProvenance ?? field.provenance)
                    row["what"] = style.text(field.label, nil)
                    return row
                }
                + item.materials.map { material in
                    var row = source(material.sourceProvenance ?? material.provenance)
                    row["what"] = style.text(material.name, nil)
                    return row
                })
            return [Artifact(path: "site/items/\(item.key).html", utf8: templates.render("item.html", values))]
        }
        artifacts += units.artifacts("site", catalog.bundles, unit: { .bundle($0.key) }) { bundle -> [Artifact] in
            var values = model.bundle(bundle).adding(common(root: "../", title: title(bundle.bundle.name)))
            let diagram = ProcessDiagram(bundle, catalog: catalog, includeEnglish: english)
            values["diagram"] = .text(diagram.svg(title: bundle.bundle.name) { "../items/\($0).html" })
            values["diagramWidth"] = .int(diagram.width)
            values["removals"] = .objects(bundle.removed.map { entry -> TemplateObject in
                let name: LocalizedText =
                    switch entry.kind {
                    case .field: (bundle.form + bundle.processFilled).first { $0.id == entry.id }?.label
                        ?? catalog.item(entry.item)?.form.first { $0.id == entry.id }?.label ?? LocalizedText(zh: entry.id)
                    case .material: catalog.materials.first { $0.id.value == entry.id }?.name ?? LocalizedText(zh: entry.id)
                    }
                let reason: LocalizedText =
                    switch entry.reason {
                    case .duplicate(let kept):
                        LocalizedText(
                            zh: "重复：已由「\(itemName(catalog, kept).zh)」填报",
                            en: itemName(catalog, kept).english.map { "Duplicate: already asked by “\($0)”" })
                    case .producedBy(let producer):
                        LocalizedText(
                            zh: "由前序事项「\(itemName(catalog, producer).zh)」产生",
                            en: itemName(catalog, producer).english.map { "Produced by the earlier item “\($0)”" })
                    case .sharedData(let id):
                        LocalizedText(
                            zh: "共享数据：\(catalog.sources.first { $0.id.value == id }?.name.zh ?? id)",
                            en: (catalog.sources.first { $0.id.value == id }?.name.english).map { "Shared data: \($0)" })
                    }
                return [
                    "what": style.text(name, nil),
                    "removedKind": style.text(
                        entry.kind == .field ? LocalizedText(zh: "字段", en: "Field") : LocalizedText(zh: "材料", en: "Material"), nil),
                    "ofItem": style.text(itemName(catalog, entry.item), nil), "reason": style.text(reason, nil),
                ]
            })
            values["hasRemovals"] = .bool(!bundle.removed.isEmpty)
            return [Artifact(path: "site/bundles/\(bundle.key).html", utf8: templates.render("bundle.html", values))]
        }

        // The index reads the summaries' index entries and materials' names alone
        // (`ProvinceUnit.siteIndex`): from the cache when no edit changed those.
        artifacts += units.artifacts("site", [ProvinceUnit.siteIndex], unit: { .province($0) }) { _ in
            let siteTitle = LocalizedText(
                zh: catalog.config.provinceName.zh + "办事指南",
                en: catalog.config.provinceName.english.map { $0 + ": service guides" })
            var index = model.index(items: summary.items.map(\.index), bundles: summary.bundles.map(\.index))
                .adding(common(root: "", title: title(siteTitle)))
            index["bundleGroups"] = .objects(summary.bundles.map { bundle -> TemplateObject in
                [
                    "groupKey": .text(bundle.key), "groupName": style.text(bundle.index.name, nil),
                    "groupHref": .text("bundles/\(bundle.key).html"),
                    "entries": .objects(bundle.index.items.compactMap { summary.item($0) }.map { item -> TemplateObject in
                        [
                            "linkKey": .text(item.key), "linkName": style.text(item.index.name, nil),
                            "href": .text("items/\(item.key).html"),
                        ]
                    }),
                ]
            })
            index["searchIndex"] = .text(searchIndexScript(summary, english: english))
            return [Artifact(path: "site/index.html", utf8: templates.render("index.html", index))]
        }

        var figures = common(root: "", title: title(LocalizedText(zh: "改革成效", en: "Reform figures")))
        let reports = reports ?? CatalogReports(catalog, summary: summary)
        figures = figures.adding(ReformFiguresPage(reports: reports, style: style, english: english).values)
        artifacts.append(Artifact(path: "site/figures.html", utf8: templates.render("figures.html", figures)))
        return artifacts
    }

    private static func itemName(_ catalog: StandardCatalog, _ key: String) -> LocalizedText {
        catalog.item(key)?.frame.name ?? LocalizedText(zh: key, en: key)
    }

    static func dimension(_ dimension: MergeDimension) -> LocalizedText {
        switch dimension {
        case .form: LocalizedText(zh: "表单", en: "Form")
        case .materials: LocalizedText(zh: "材料", en: "Materials")
        case .steps: LocalizedText(zh: "办理流程", en: "Steps")
        case .limit: LocalizedText(zh: "承诺时限", en: "Promised limit")
        case .visits: LocalizedText(zh: "跑动次数", en: "Visits")
        case .channels: LocalizedText(zh: "办理渠道", en: "Channels")
        }
    }

    /// What the index's search reads: per bundle and item, its names and its materials'
    /// names in both languages (a bundle also its items' names), bundles first.
    static func searchIndex(_ summary: CatalogSummary, english: Bool) -> JSONValue {
        ["entries": .array(searchEntries(summary, english: english))]
    }

    /// `searchIndex` as it stands in the index page's `<script>` (`HTML.scriptJSON`), its
    /// entries spelt on every core, a run at a time: a province has thousands, and one tree
    /// of them all, written and then escaped as a whole, was a third of a rebuild's site.
    static func searchIndexScript(_ summary: CatalogSummary, english: Bool) -> String {
        let entries = searchEntries(summary, english: english)
        guard !entries.isEmpty else { return HTML.scriptJSON(searchIndex(summary, english: english)) }
        // As `JSONValue` writes an object of one array: each entry four spaces in.
        let runs = stride(from: 0, to: entries.count, by: 256).map { $0..<min($0 + 256, entries.count) }
        let spelt = Parallel.map(runs) { run -> [UInt8] in
            var out: [UInt8] = []
            var entry: [UInt8] = []
            for index in run {
                entry.removeAll(keepingCapacity: true)
                entry += "    ".utf8
                entries[index].write(into: &entry, indent: 4)
                entry += (index == entries.count - 1 ? "\n" : ",\n").utf8
                HTML.appendScriptEscaped(entry, to: &out)
            }
            return out
        }
        var out = Array("{\n  \"entries\": [\n".utf8)
        out.reserveCapacity(spelt.reduce(out.count + 8) { $0 + $1.count })
        for part in spelt { out += part }
        out += "  ]\n}\n".utf8
        return String(decoding: out, as: UTF8.self)
    }

    /// The search index's entries, bundles first, each made on any core.
    private static func searchEntries(_ summary: CatalogSummary, english: Bool) -> [JSONValue] {
        @Sendable func words(_ text: LocalizedText) -> [String] {
            english ? [text.zh] + (text.english.map { [$0] } ?? []) : [text.zh]
        }
        @Sendable func entry(kind: String, key: String, href: String, name: LocalizedText, text: [String]) -> JSONValue {
            var object: [String: JSONValue] = [
                "kind": .string(kind), "key": .string(key), "href": .string(href), "zh": .string(name.zh),
                "text": .string(text.joined(separator: "\n")),
            ]
            if english, let en = name.english { object["en"] = .string(en) }
            return .object(object)
        }
        let bundles = summary.bundles.count
        return Parallel.map(bundles + summary.items.count) { index -> JSONValue in
            if index < bundles {
                let bundle = summary.bundles[index]
                let members = bundle.index.items.compactMap { summary.item($0) }
                var text = words(bundle.index.name) + [bundle.key]
                text += members.flatMap { words($0.index.name) }
                text += (bundle.materialNames + members.flatMap(\.materialNames)).flatMap(words)
                return entry(kind: "bundle", key: bundle.key, href: "bundles/\(bundle.key).html", name: bundle.index.name, text: unique(text))
            }
            let item = summary.items[index - bundles]
            var text = words(item.index.name) + [item.key, item.index.code]
            text += item.materialNames.flatMap(words)
            return entry(kind: "item", key: item.key, href: "items/\(item.key).html", name: item.index.name, text: unique(text))
        }
    }

    /// `words` without repeats, first ones kept: a dozen words or so, compared in place
    /// rather than hashed into a set for each of thousands of entries.
    private static func unique(_ words: [String]) -> [String] {
        var kept: [String] = []
        kept.reserveCapacity(words.count)
        for word in words where !kept.contains(word) { kept.append(word) }
        return kept
    }
}

/// The values of the reform-figures page: the standard's shares and averages, and charts of
/// visits, online share and what the standard and the bundles remove.
struct ReformFiguresPage {
    let reports: CatalogReports
    let style: BilingualStyle
    let english: Bool

    var values: TemplateObject {
        let (report, figures, bundles) = (reports.merge, reports.figures, reports.bundles)
        let standardLabel = LocalizedText(zh: "省标准", en: "Province standard")
        func share(_ pick: (ReformFigures.Snapshot) -> ReformFigures.Share) -> [BarChart.Bar] {
            [BarChart.Bar(label: standardLabel, percent: pick(figures.standard).percent, detail: detail(pick(figures.standard)), highlight: true)]
                + figures.localities.map { locality in
                    BarChart.Bar(label: locality.name, percent: pick(locality.figures).percent, detail: detail(pick(locality.figures)))
                }
        }
        func detail(_ share: ReformFigures.Share) -> String { "\(share.count)/\(share.of)" }
        func reduction(_ label: LocalizedText, _ r: Reduction?) -> BarChart.Bar {
            BarChart.Bar(label: label, percent: r?.percent, detail: r.map { "\($0.before) → \($0.after)" } ?? "–")
        }
        var charts: [BarChart] = [
            BarChart(
                id: "chart-one-visit", title: LocalizedText(zh: "最多跑一次的事项占比", en: "Share of items with at most one visit"),
                bars: share(\.atMostOneVisit)),
            BarChart(
                id: "chart-zero-visits", title: LocalizedText(zh: "零跑腿的事项占比", en: "Share of items with no visit in person"),
                bars: share(\.zeroVisits)),
            BarChart(
                id: "chart-online", title: LocalizedText(zh: "全程网办的事项占比", en: "Share of items handled fully online"),
                bars: share(\.fullyOnline)),
            BarChart(
                id: "chart-reductions", title: LocalizedText(zh: "省标准较各地做法的减少幅度（全省合计）", en: "What the standard removes from the localities' practices (province total)"),
                bars: [
                    reduction(LocalizedText(zh: "手工填写字段", en: "Fields filled by hand"), report.totals.handFilledFields),
                    reduction(LocalizedText(zh: "提交材料", en: "Materials submitted"), report.totals.submittedMaterials),
                    reduction(LocalizedText(zh: "办理步骤", en: "Steps"), report.totals.steps),
                    reduction(LocalizedText(zh: "承诺时限（工作日）", en: "Promised working days"), report.totals.days),
                    reduction(LocalizedText(zh: "跑动次数", en: "Visits"), report.totals.visits),
                ]),
            BarChart(
                id: "chart-locality-fields", title: LocalizedText(zh: "各地手工填写字段的减少幅度", en: "Fields filled by hand removed, by locality"),
                bars: report.localities.map { reduction($0.name, $0.totals.handFilledFields) }),
            BarChart(
                id: "chart-locality-materials", title: LocalizedText(zh: "各地提交材料的减少幅度", en: "Materials submitted removed, by locality"),
                bars: report.localities.map { reduction($0.name, $0.totals.submittedMaterials) }),
        ]
        if !bundles.bundles.isEmpty {
            charts.append(
                BarChart(
                    id: "chart-bundle-fields", title: LocalizedText(zh: "“一件事”减少的手工填写字段", en: "Fields filled by hand removed by each bundle"),
                    bars: bundles.bundles.map { reduction($0.name, $0.fieldReduction) }))
            charts.append(
                BarChart(
                    id: "chart-bundle-materials", title: LocalizedText(zh: "“一件事”减少的提交材料", en: "Materials submitted removed by each bundle"),
                    bars: bundles.bundles.map { reduction($0.name, $0.materialReduction) }))
        }
        let standard = figures.standard
        return [
            "itemCount": .int(standard.items),
            "oneVisit": .text(BarChart.percentText(standard.atMostOneVisit.percent)),
            "zeroVisits": .text(BarChart.percentText(standard.zeroVisits.percent)),
            "fullyOnline": .text(BarChart.percentText(standard.fullyOnline.percent)),
            "averagePromised": .text(Figures.text(standard.averagePromisedLimit)),
            "averageStatutory": .text(Figures.text(standard.averageStatutoryLimit)),
            "charts": .objects(charts.map { chart -> TemplateObject in
                [
                    "chartID": .text(chart.id), "chartTitle": style.text(chart.title, nil),
                    "chart": .text(chart.svg(includeEnglish: english)),
                    "rows": .objects(chart.bars.map { bar -> TemplateObject in
                        [
                            "rowLabel": style.text(bar.label, nil), "percent": .text(BarChart.percentText(bar.percent)),
                            "detail": .text(bar.detail),
                        ]
                    }),
                ]
            }),
        ]
    }
}
