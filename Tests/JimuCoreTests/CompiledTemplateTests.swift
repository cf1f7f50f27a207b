import Foundation
@testable import JimuCore
import Mustache
import Testing

/// Compiled templates: Jimu renders its guides and site without swift-mustache's dynamic
/// lookups, and must give swift-mustache's bytes for every template it compiles.
@Suite struct CompiledTemplateTests {
    @Test func everyDefaultTemplateIsCompiled() {
        #expect(GuideTemplates.defaults.compiled.keys.sorted() == GuideTemplates.names)
    }

    /// The guides and the site of the realistic catalog and of a hostile one, rendered both
    /// ways: the same files, the same bytes, and no page left to swift-mustache.
    @Test(arguments: ["embedded", "hostile"])
    func pagesAreSwiftMustachesBytes(_ catalog: String) throws {
        let standard: StandardCatalog
        if catalog == "embedded" {
            standard = try BundleOutputTests.realStandard()
        } else {
            let result = try GuideFixtures.build { files in
                let item = "items/\(GuideFixtures.item).yaml"
                let hostile = GuideFixtures.quoted(GuideFixtures.hostile + " \"q\" 1. *x*\r\n  {{name}} e\u{301}")
                files[item] = GuideFixtures.replacing("{zh: 出生登记,", with: "{zh: \(hostile),", in: files[item])
            }
            standard = try #require(result.standard, "\(result.check.diagnostics.map(\.message))")
        }
        let fallbacks = Fallbacks()
        var compiled = try GuideTemplates(overrides: [:])
        compiled.onFallback = { fallbacks.record($0) }
        let mustache = try GuideTemplates(overrides: [:], compiling: false)
        #expect(mustache.compiled.isEmpty)
        func pages(_ templates: GuideTemplates) -> [Artifact] {
            GuideEmitter.emit(standard, templates: templates)
                + SiteEmitter.emit(standard, templates: templates, reports: CatalogReports(standard))
        }
        let fast = pages(compiled)
        let reference = pages(mustache)
        #expect(fast.map(\.path) == reference.map(\.path))
        #expect(fast.count > 10)
        for (page, expected) in zip(fast, reference) where page.contents != expected.contents {
            Issue.record("\(page.path) differs from swift-mustache's rendering")
        }
        #expect(fallbacks.names.isEmpty, "pages rendered by swift-mustache: \(fallbacks.names)")
    }

    /// An override that uses what compiled templates do not cover (a block) still renders,
    /// through swift-mustache, and so do the templates that include it.
    @Test func uncoveredOverrideFallsBackToSwiftMustache() throws {
        let override = "<footer>{{$note}}省{{/note}}</footer>\n"
        let templates = try GuideTemplates(overrides: ["templates/footer.html.mustache": Array(override.utf8)])
        #expect(templates.compiled["footer.html"] == nil)
        #expect(templates.compiled["index.html"] == nil, "index.html includes the footer")
        #expect(templates.compiled["item.zh.md"] != nil)
        let result = try GuideFixtures.build { $0["templates/footer.html.mustache"] = override }
        let page = try GuideFixtures.artifact(result, "site/index.html")
        #expect(page.contains("<footer>省</footer>"))
    }

    /// A site text is a `BilingualText`; it used to be the dictionary `{zh, en?, html}`.
    /// Templates that read its parts, test its English, or miss a part and find the name in
    /// the enclosing values render as they did over the dictionary, both ways.
    @Test func bilingualTextsReadAsTheDictionariesTheyReplaced() throws {
        GuideTemplates.registerContentTypes()
        func dictionary(_ zh: String, _ en: String?) -> [String: Any] {
            var html = "<span lang=\"zh-CN\">\(HTML.escape(zh))</span>"
            var value: [String: Any] = ["zh": zh]
            if let en {
                value["en"] = en
                html += " <span lang=\"en\" class=\"en\">\(HTML.escape(en))</span>"
            }
            value["html"] = html
            return value
        }
        let (bothZH, bothEN, zhOnlyZH) = ("<出生> & \"登记\"", "Birth & <registration>", "只有中文")
        let old: [String: Any] = [
            "label": dictionary(bothZH, bothEN), "other": dictionary(zhOnlyZH, nil), "en": "the enclosing en",
            "rows": [["label": dictionary(bothZH, bothEN)], ["label": dictionary(zhOnlyZH, nil)]],
        ]
        let both = TemplateValue.bilingual(BilingualText(zh: bothZH, en: bothEN))
        let zhOnly = TemplateValue.bilingual(BilingualText(zh: zhOnlyZH, en: nil))
        let new: TemplateObject = [
            "label": both, "other": zhOnly, "en": .text("the enclosing en"), "rows": .objects([["label": both], ["label": zhOnly]]),
        ]
        let templates = [
            "{{label.zh}}|{{label.en}}|{{{label.html}}}|{{other.en}}|{{{other.html}}}",
            "{{#label}}{{zh}}/{{en}}/{{{html}}}{{/label}} {{#other}}{{zh}}/{{en}}/{{html}}{{/other}}",
            "{{^other.en}}no English{{/other.en}}{{^label.en}}never{{/label.en}}{{#label.en}}[{{.}}]{{/label.en}}",
            "{{#rows}}\n  {{label.zh}}{{#label.en}} ({{label.en}}){{/label.en}}{{^label.en}} (none: {{en}}){{/label.en}}\n{{/rows}}",
        ]
        for text in templates {
            let reference = try MustacheTemplate(string: GuideTemplates.prepared(text, name: "t.html"))
            var library = MustacheLibrary()
            library.register(reference, named: "t")
            let expected = try #require(library.render(old, withTemplate: "t"))
            #expect(library.render(new.mustacheValue, withTemplate: "t") == expected, "swift-mustache: \(text)")
            let compiled = try #require(CompiledTemplate(text, escaping: .html))
            let fast = try #require(compiled.render(new, partials: [:]), "fell back: \(text)")
            #expect(String(decoding: fast, as: UTF8.self) == expected, "compiled: \(text)")
        }
    }

    /// Random templates of every construct compiled templates cover, with whitespace, line
    /// ends and standalone tags where they change the output, against swift-mustache.
    @Test(arguments: [CompiledTemplate.Escaping.html, .markdown])
    func randomTemplatesRenderAsSwiftMustacheDoes(_ escaping: CompiledTemplate.Escaping) throws {
        var random = FormsRuntimeTests.Seeded(state: escaping == .html ? 1 : 2)
        let suffix = escaping == .html ? ".html" : ".md"
        GuideTemplates.registerContentTypes()
        var compiledCount = 0
        var renderedCount = 0
        for round in 0..<1500 {
            var generator = TemplateGenerator(random: random)
            let texts = [
                "main": generator.template(depth: 3, partials: ["p1", "p2"]),
                "p1": generator.template(depth: 2, partials: ["p2"]),
                "p2": generator.template(depth: 1, partials: []),
            ]
            random = generator.random
            var library = MustacheLibrary()
            var parsed = true
            var compiled: [String: CompiledTemplate] = [:]
            for (name, text) in texts {
                let reference = try? MustacheTemplate(string: GuideTemplates.prepared(text, name: name + suffix))
                let own = CompiledTemplate(text, escaping: escaping)
                #expect(
                    (reference == nil) == (own == nil),
                    "round \(round): swift-mustache \(reference == nil ? "refuses" : "parses") \(name) = \(String(reflecting: text))")
                guard let reference, let own else {
                    parsed = false
                    continue
                }
                library.register(reference, named: name)
                compiled[name] = own
            }
            guard parsed else { continue }
            compiledCount += 1
            let values = TemplateGenerator.values
            guard let fast = compiled["main"]?.render(values, partials: compiled) else { continue }
            renderedCount += 1
            let expected = library.render(values.mustacheValue, withTemplate: "main") ?? ""
            if fast != Array(expected.utf8) {
                Issue.record(
                    "round \(round): \(String(reflecting: String(decoding: fast, as: UTF8.self))) != \(String(reflecting: expected)) for \(texts.sorted { $0.key < $1.key })")
                return
            }
        }
        // Most rounds must exercise the compiled form, not fall back or fail to parse.
        #expect(compiledCount > 1000, "\(compiledCount) of 1500 rounds parsed")
        #expect(renderedCount > 800, "\(renderedCount) of 1500 rounds rendered by the compiled form")
    }
}

/// The names of the templates that fell back, from any thread.
private final class Fallbacks: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [String] = []

    func record(_ name: String) { lock.withLock { recorded.append(name) } }
    var names: [String] { lock.withLock { recorded } }
}

/// Templates made of the constructs `CompiledTemplate` covers, at random.
private struct TemplateGenerator {
    var random: FormsRuntimeTests.Seeded

    /// Values of every type Jimu's models hold, with text that needs escaping and line ends.
    static var values: TemplateObject {
        [
            "a": .text("<a & \"b\"> 'c'"), "b": .text("1. *x* [y](z)\nsecond | line"), "flag": .bool(true), "off": .bool(false),
            "n": .int(42), "zero": .int(0),
            "list": .objects([["a": .text("first"), "n": .int(1)], ["b": .text("second")], ["a": .text("third\n"), "flag": .bool(false)]]),
            "texts": .list(["x", "y\n", "", "e\u{301}"].map { .text($0) }), "empty": .objects([]), "none": .list([]),
            "obj": .object(["a": .text("inner a"), "inner": .object(["x": .text("deep\r\n")])]), "crlf": .text("line\r\n"),
            "blank": .text(""),
            "both": .bilingual(BilingualText(zh: "<中> & \"文\"", en: "E & <n>\n")),
            "zhOnly": .bilingual(BilingualText(zh: "只有中文\r\n", en: nil)), "en": .text("the enclosing en"),
        ]
    }

    static let names = [
        "a", "b", "flag", "off", "n", "zero", "list", "texts", "empty", "none", "obj", "obj.a", "obj.inner.x", "obj.inner",
        ".a", ".", "missing", "crlf", "blank", "list.a", "both", "both.zh", "both.en", "both.html", "zhOnly", "zhOnly.en",
        "zh", "en", "html", ".en",
    ]
    static let transforms = ["first()", "last()", "index()", "even()", "odd()"]
    static let texts = [
        "a", "b c", " ", "  ", "\t", "\n", "\r\n", "\r", "{", "}", "<&>\"'", "*x*", "1. ", "é", "e\u{301}", "{\u{301}", "|",
    ]

    mutating func pick<T>(_ choices: [T]) -> T { choices[Int(random.next() % UInt64(choices.count))] }
    mutating func chance(_ percent: UInt64) -> Bool { random.next() % 100 < percent }

    mutating func template(depth: Int, partials: [String]) -> String {
        var text = ""
        for _ in 0..<(1 + Int(random.next() % 7)) { text += piece(depth: depth, partials: partials) }
        return text
    }

    private mutating func spaces() -> String { pick(["", "", " ", "  ", "\t"]) }

    private mutating func piece(depth: Int, partials: [String]) -> String {
        switch random.next() % 10 {
        case 0, 1:
            return (0..<(1 + Int(random.next() % 3))).map { _ in pick(Self.texts) }.joined()
        case 2:
            return "\n"
        case 3:
            let name = pick(Self.names)
            let inner = chance(20) ? " " : ""
            switch random.next() % 3 {
            case 0: return "{{\(inner)\(name)\(inner)}}"
            case 1: return "{{{\(name)}}}"
            default: return "{{&\(name)}}"
            }
        case 4, 5:
            guard depth > 0 else { return "{{\(pick(Self.names))}}" }
            let sigil = pick(["#", "^"])
            let name = chance(25) ? pick(Self.transforms) : pick(Self.names)
            let open = spaces() + "{{\(sigil)\(name)}}" + (chance(60) ? "\n" : "")
            let body = template(depth: depth - 1, partials: partials)
            let close = (chance(50) ? "\n" : "") + spaces() + "{{/\(name)}}" + (chance(60) ? "\n" : spaces())
            return open + body + close
        case 6:
            return "{{\(pick(Self.transforms))}}"
        case 7:
            return spaces() + "{{! note \(pick(["", "}", "{"])) }}" + (chance(50) ? "\n" : "")
        case 8:
            guard let partial = partials.isEmpty ? nil : pick(partials) else { return pick(Self.texts) }
            return spaces() + "{{>\(chance(30) ? " " : "")\(partial)}}" + (chance(70) ? "\n" : "")
        default:
            return spaces() + pick(Self.texts) + "\n"
        }
    }
}
