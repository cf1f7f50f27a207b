import Foundation
@testable import JimuCore
import Testing

/// Golden files of one item and one bundle guide, in Markdown (both languages) and as site
/// pages. Re-record with
/// `JIMU_RECORD=1 swift test --scratch-path .build-guides --filter GuideGoldenTests`.
@Suite struct GuideGoldenTests {
    static let paths = [
        "guides/zh/items/household-registration-newborn.md",
        "guides/en/items/household-registration-newborn.md",
        "guides/zh/bundles/newborn.md",
        "guides/en/bundles/newborn.md",
        "site/items/household-registration-newborn.html",
        "site/bundles/newborn.html",
    ]

    @Test(arguments: paths)
    func miniGuideMatchesGolden(_ path: String) throws {
        let files = CatalogFixtures.miniFiles()
        let result = try BuildPipeline.run(InMemoryFileSystem(bytes: files))
        expectNoDiagnostics(result.check, files: files)
        let artifact = try #require(result.artifacts.first { $0.path == path }, "no artifact \(path)")
        try Golden.expectMatches(artifact.contents, golden: "mini/\(path)")
    }

    @Test func everyGuideIsWritten() throws {
        let result = try GuideFixtures.build()
        let paths = Set(result.artifacts.map(\.path))
        for language in ["zh", "en"] {
            #expect(paths.contains("guides/\(language)/README.md"))
            #expect(paths.contains("guides/\(language)/bundles/newborn.md"))
            for item in ["birth-medical-certificate", "household-registration-newborn", "vaccination-certificate"] {
                #expect(paths.contains("guides/\(language)/items/\(item).md"))
                #expect(paths.contains("site/items/\(item).html"))
            }
        }
        for path in ["site/index.html", "site/figures.html", "site/bundles/newborn.html"] { #expect(paths.contains(path)) }
        // Every guide and page is listed in the manifest.
        let manifest = try #require(result.manifest)
        for path in paths where path.hasPrefix("guides/") || path.hasPrefix("site/") {
            #expect(manifest.files[path] != nil, "\(path) is not in the manifest")
        }
    }

    @Test func markdownTablesAreWellFormed() throws {
        let result = try GuideFixtures.build()
        for artifact in result.artifacts where artifact.path.hasPrefix("guides/") {
            GuideFixtures.expectWellFormedTables(String(decoding: artifact.contents, as: UTF8.self), artifact.path)
        }
    }

    /// The guide holds what an applicant needs (issue 7): who may apply, materials with form,
    /// copies and what needs no submission, the form, steps, limits, visits, channels, fees,
    /// legal basis, department and contacts.
    @Test func itemGuideHoldsEveryElement() throws {
        let result = try GuideFixtures.build()
        let zh = try GuideFixtures.artifact(result, "guides/zh/items/household-registration-newborn.md")
        for expected in [
            "# 出生登记", "受理条件：新生儿的父母或监护人", "[出生医学证明签发](birth-medical-certificate.md)",
            "| 材料名称 | 材料形式 | 份数 | 是否必要 | 提交方式 |", "原件和复印件", "免提交", "申请人提交",
            "| 字段 | 类型 | 是否必填 | 填写方式 | 说明 |", "自动预填（省人口综合库）", "满足以下条件时必填",
            "法定办结时限：20 个工作日", "承诺办结时限：", "零跑腿", "网上办理（浙里办）", "网上办理深度：全程网办",
            "不收费", "《中华人民共和国户口登记条例》第七条", "实施主体：公安厅", "咨询方式：0571-12345", "监督投诉：12345",
            "[新生儿出生一件事](../bundles/newborn.md)",
        ] {
            #expect(zh.contains(expected), "the Chinese guide lacks `\(expected)`")
        }
        let en = try GuideFixtures.artifact(result, "guides/en/items/household-registration-newborn.md")
        for expected in [
            "# Birth household registration", "Conditions: The newborn's parents or guardian", "No visit in person (零跑腿)",
            "Statutory limit: 20 working days", "Article 7, Regulations on Household Registration",
            "Responsible department: Department of Public Security", "Questions: 0571-12345",
        ] {
            #expect(en.contains(expected), "the English guide lacks `\(expected)`")
        }
        #expect(!en.contains(SingleLanguageStyle.fallbackMarker), "the mini catalog is fully translated")
    }

    /// A bundle guide adds its items, stages in parallel, critical path and total working days,
    /// and its process as a Mermaid diagram.
    @Test func bundleGuideHoldsTheSchedule() throws {
        let result = try GuideFixtures.build()
        let catalog = try #require(result.standard)
        let bundle = try #require(catalog.bundle("newborn"))
        let zh = try GuideFixtures.artifact(result, "guides/zh/bundles/newborn.md")
        #expect(zh.contains("```mermaid\nflowchart LR\n"))
        #expect(zh.contains("（同时办理）"), "stage 2 runs two items in parallel")
        #expect(zh.contains("全程需 \(bundle.schedule.totalWorkingDays) 个工作日"))
        #expect(zh.contains("关键路径：出生医学证明签发"))
        #expect(zh.contains("免提交：由前序事项「出生医学证明签发」产生"), "the birth certificate is produced, not submitted")
        let en = try GuideFixtures.artifact(result, "guides/en/bundles/newborn.md")
        #expect(en.contains("Issue of the Medical Certificate of Birth<br/>birth-medical-certificate"), "English names in the diagram")
        #expect(en.contains("(in parallel)"))
        #expect(en.contains("Critical path: Issue of the Medical Certificate of Birth"))
    }
}

@Suite struct GuideSiteTests {
    @Test func bundleDiagramHasOneNodePerItem() throws {
        let result = try GuideFixtures.build()
        let bundle = try #require(result.standard?.bundle("newborn"))
        let page = try GuideFixtures.artifact(result, "site/bundles/newborn.html")
        #expect(page.components(separatedBy: "\" id=\"node-").count - 1 == bundle.items.count)
        for key in bundle.items { #expect(page.contains("data-key=\"\(key)\" transform=")) }
        #expect(page.components(separatedBy: "<path class=\"edge").count - 1 == bundle.schedule.edges.count)
        #expect(page.contains("role=\"img\" aria-labelledby=\"process-newborn-title process-newborn-desc\""))
        // The critical path is marked.
        for key in bundle.schedule.criticalPath { #expect(page.contains("<g class=\"node critical\" id=\"node-\(key)\"")) }
    }

    @Test func pagesAreAccessibleAndSelfContained() throws {
        let result = try GuideFixtures.build()
        for artifact in result.artifacts where artifact.path.hasPrefix("site/") {
            let page = String(decoding: artifact.contents, as: UTF8.self)
            #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"zh-CN\">"), "\(artifact.path)")
            #expect(page.contains("<main id=\"main\">"), "\(artifact.path)")
            #expect(page.contains("@media print"), "\(artifact.path) has no print styles")
            #expect(page.contains("default-src 'none'"), "\(artifact.path) may load from the network")
            // Nothing is loaded from anywhere: no external script, style sheet or image.
            for forbidden in ["<script src", "<link rel=\"stylesheet\"", "<img", "http://", "https://"] {
                let allowed = forbidden == "http://" ? page.components(separatedBy: "http://www.w3.org/2000/svg").count - 1 : 0
                #expect(page.components(separatedBy: forbidden).count - 1 == allowed, "\(artifact.path) holds \(forbidden)")
            }
            // Every table header cell says what it heads.
            #expect(!page.contains("<th>"), "\(artifact.path) has a <th> without scope")
        }
        let index = try GuideFixtures.artifact(result, "site/index.html")
        #expect(index.contains("<input type=\"search\" id=\"q\""))
        #expect(index.contains("<script type=\"application/json\" id=\"search-data\">"))
        for group in ["by-bundle", "by-department", "by-level"] { #expect(index.contains("id=\"\(group)\"")) }
        let figures = try GuideFixtures.artifact(result, "site/figures.html")
        #expect(figures.components(separatedBy: "<svg").count - 1 >= 6)
        #expect(figures.contains("chart-one-visit") && figures.contains("chart-online") && figures.contains("chart-reductions"))
        let item = try GuideFixtures.artifact(result, "site/items/household-registration-newborn.html")
        #expect(item.contains("<details class=\"provenance\">"))
        #expect(item.contains("localities/330111-fuyang/household-registration-newborn.yaml:"), "provenance names the practice file")
    }

    @Test func searchIndexCoversNamesAndMaterialsInBothLanguages() throws {
        let result = try GuideFixtures.build()
        let catalog = try #require(result.standard)
        let index = SiteEmitter.searchIndex(CatalogSummary(catalog), english: true)
        let entries = try #require(index["entries"]?.arrayValue)
        #expect(entries.first?["key"]?.stringValue == "newborn")
        let item = try #require(entries.first { $0["key"]?.stringValue == "household-registration-newborn" })
        let text = try #require(item["text"]?.stringValue)
        for word in ["出生登记", "Birth household registration", "出生医学证明", "Medical Certificate of Birth"] {
            #expect(text.contains(word), "the search text lacks \(word)")
        }
    }

    @Test(arguments: [
        ("出生医学证明签发", 2), ("Issue of the Medical Certificate of Birth", 2), ("城乡居民基本医疗保险参保登记缴费一件事的很长名称", 2),
    ])
    func wrapFitsTheNode(_ text: String, _ lines: Int) {
        let wrapped = ProcessDiagram.wrap(text, fontSize: 14, lines: lines)
        #expect(wrapped.count <= lines)
        #expect(!wrapped.isEmpty)
        if wrapped.last?.hasSuffix("…") != true {
            #expect(wrapped.joined(separator: " ").replacingOccurrences(of: " ", with: "") == text.replacingOccurrences(of: " ", with: ""))
        }
    }

    @Test func wrapBreaksBetweenWords() {
        let wrapped = ProcessDiagram.wrap("Issuance of the Medical Certificate of Birth", fontSize: 11, lines: 2)
        #expect(wrapped == ["Issuance of the Medical", "Certificate of Birth"])
    }
}

/// Editor text is escaped for each format: a name holding `<script>` or `](javascript:`
/// shows as text in HTML (elements, attributes, SVG, inline JSON) and in Markdown.
@Suite struct GuideEscapingTests {
    static func hostileBuild() throws -> BuildResult {
        let hostile = GuideFixtures.quoted(GuideFixtures.hostile)
        let result = try GuideFixtures.build { files in
            let item = "items/household-registration-newborn.yaml"
            files[item] = GuideFixtures.replacing(
                "{zh: 出生登记, en: Birth household registration}",
                with: "{zh: \(hostile), en: \(GuideFixtures.quoted("\"Reg\" & <b>x</b> \u{2028}](javascript:alert(2))"))}",
                in: files[item])
            let bundle = "bundles/newborn.yaml"
            files[bundle] = GuideFixtures.replacing("{zh: 新生儿出生一件事,", with: "{zh: \(hostile),", in: files[bundle])
            let fields = "dictionary/fields.yaml"
            files[fields] = GuideFixtures.replacing("{zh: 新生儿姓名,", with: "{zh: \"姓名 | *x* <i>\",", in: files[fields])
        }
        expectNoDiagnostics(result.check, files: GuideFixtures.miniTexts().mapValues { Array($0.utf8) })
        return result
    }

    /// The index page's search data, spelt a run of entries at a time, is the search index
    /// escaped for a script as a whole document would be, hostile names included, with and
    /// without English.
    @Test(arguments: [false, true]) func theSearchDataIsTheIndexEscapedForAScript(english: Bool) throws {
        let catalog = try #require(try Self.hostileBuild().standard)
        let summary = CatalogSummary(catalog)
        let script = SiteEmitter.searchIndexScript(summary, english: english)
        #expect(script == HTML.scriptJSON(SiteEmitter.searchIndex(summary, english: english)))
        #expect(!script.contains("<") && script.contains("\\u003cscript"))
        #expect(script.contains("\\u2028") == english, "the English name's line separator is escaped")
        // Hundreds of entries: several runs, joined where they meet.
        let many = CatalogSummary(
            items: Array(repeating: summary.items, count: 200).flatMap { $0 }, bundles: Array(repeating: summary.bundles, count: 60).flatMap { $0 })
        #expect(SiteEmitter.searchIndexScript(many, english: english) == HTML.scriptJSON(SiteEmitter.searchIndex(many, english: english)))
        let empty = CatalogSummary(items: [], bundles: [])
        #expect(SiteEmitter.searchIndexScript(empty, english: english) == HTML.scriptJSON(SiteEmitter.searchIndex(empty, english: english)))
    }

    /// A quote, an angle bracket or a star with a combining mark after it is escaped all the
    /// same: HTML and CommonMark read code points, so the mark must not hide it (escaping by
    /// grapheme, as Mustache's own does, would leave such a quote live in an attribute).
    @Test func combiningMarksDoNotHideCharactersFromEscaping() throws {
        let name = "A\"\u{301} onmouseover=alert(1) '\u{301} <\u{301}b> *\u{301}x*\u{301}"
        let result = try GuideFixtures.build { files in
            let item = "items/household-registration-newborn.yaml"
            files[item] = GuideFixtures.replacing(
                "{zh: 出生登记, en: Birth household registration}",
                with: "{zh: \(GuideFixtures.quoted(name)), en: \(GuideFixtures.quoted(name))}", in: files[item])
        }
        expectNoDiagnostics(result.check, files: GuideFixtures.miniTexts().mapValues { Array($0.utf8) })
        let mark: [UInt8] = [0xCC, 0x81]
        func contains(_ page: [UInt8], _ needle: [UInt8]) -> Bool {
            page.count >= needle.count && (0...(page.count - needle.count)).contains { page[$0..<($0 + needle.count)].elementsEqual(needle) }
        }
        var pages = 0
        for artifact in result.artifacts where artifact.path.hasSuffix("household-registration-newborn.html") {
            pages += 1
            for raw in ["\"", "'", "<"] {
                #expect(!contains(artifact.contents, Array(raw.utf8) + mark), "\(artifact.path) leaves \(raw) before a mark")
            }
            #expect(contains(artifact.contents, Array("&quot;".utf8) + mark))
        }
        for artifact in result.artifacts where artifact.path.hasSuffix("items/household-registration-newborn.md") {
            pages += 1
            #expect(contains(artifact.contents, Array("\\*".utf8) + mark), "\(artifact.path) leaves * before a mark live")
            #expect(!contains(artifact.contents, Array("<".utf8) + mark))
        }
        #expect(pages == 3)
    }

    @Test func htmlShowsHostileNamesAsText() throws {
        let result = try Self.hostileBuild()
        for artifact in result.artifacts where artifact.path.hasPrefix("site/") {
            let page = String(decoding: artifact.contents, as: UTF8.self)
            #expect(!page.contains("<script>alert"), "\(artifact.path) runs the name")
            #expect(!page.contains("<b>x</b>") && !page.contains("<i>"), "\(artifact.path) renders editor markup")
            #expect(!page.contains("href=\"javascript:"), "\(artifact.path) links to javascript:")
            // Our own scripts only: two on the index (data and code), none elsewhere.
            let scripts = page.components(separatedBy: "<script").count - 1
            #expect(scripts == (artifact.path == "site/index.html" ? 2 : 0), "\(artifact.path) has \(scripts) scripts")
        }
        let item = try GuideFixtures.artifact(result, "site/items/household-registration-newborn.html")
        #expect(item.contains("<h1><span lang=\"zh-CN\">&lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(1))</span>"))
        #expect(item.contains("&quot;Reg&quot; &amp; &lt;b&gt;x&lt;/b&gt;"))
        #expect(item.contains("<title>&lt;script&gt;alert(1)&lt;/script&gt;"))
        let bundle = try GuideFixtures.artifact(result, "site/bundles/newborn.html")
        #expect(bundle.contains("<text class=\"name\" lang=\"zh-CN\" x=\"10\" y=\"24\">&lt;script&gt;alert(1)&lt;/script&gt;"))
        // Inside <script>, JSON escapes `<`, `>`, `&` and the line separators.
        let index = try GuideFixtures.artifact(result, "site/index.html")
        let data = try #require(index.components(separatedBy: "id=\"search-data\">").last?.components(separatedBy: "</script>").first)
        #expect(data.contains("\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"))
        #expect(data.contains("\\u0026") && data.contains("\\u2028"))
        #expect(!data.contains("<") && !data.contains(">") && !data.contains("&"))
    }

    @Test func markdownShowsHostileNamesAsText() throws {
        let result = try Self.hostileBuild()
        for artifact in result.artifacts where artifact.path.hasPrefix("guides/") {
            let markdown = String(decoding: artifact.contents, as: UTF8.self)
            #expect(!markdown.contains("<script") && !markdown.contains("<i>") && !markdown.contains("<b>"), "\(artifact.path)")
            // Outside the Mermaid block (code, never a link; its labels are escaped for Mermaid).
            let prose = markdown.components(separatedBy: "```mermaid").enumerated().map { index, part in
                index == 0 ? part : part.components(separatedBy: "```").dropFirst().joined(separator: "```")
            }.joined()
            for range in prose.ranges(of: "](javascript:") {
                #expect(
                    prose[prose.index(before: range.lowerBound)] == "\\", "\(artifact.path): a live javascript: link")
            }
            GuideFixtures.expectWellFormedTables(markdown, artifact.path)
        }
        let zh = try GuideFixtures.artifact(result, "guides/zh/items/household-registration-newborn.md")
        #expect(zh.hasPrefix("# &lt;script>alert(1)&lt;/script> \\[x\\](javascript:alert(1))\n"))
        #expect(zh.contains("| 姓名 \\| \\*x\\* &lt;i> |"))
        let en = try GuideFixtures.artifact(result, "guides/en/items/household-registration-newborn.md")
        #expect(en.hasPrefix("# \"Reg\" &amp; &lt;b>x&lt;/b>"))
        // A link to the item shows its name as text inside the link.
        let bundle = try GuideFixtures.artifact(result, "guides/zh/bundles/newborn.md")
        #expect(bundle.contains("[&lt;script>alert(1)&lt;/script> \\[x\\](javascript:alert(1))](../items/household-registration-newborn.md)"))
        // Mermaid labels are escaped for Mermaid.
        #expect(bundle.contains("#lt;script#gt;alert(1)#lt;/script#gt;"))
    }
}
