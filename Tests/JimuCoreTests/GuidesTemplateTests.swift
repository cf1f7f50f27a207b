import Foundation
@testable import JimuCore
import Testing

/// Templates: Jimu's defaults are valid and pass the rules it holds overrides to; a catalog
/// overrides any of them in `templates/`, and escaping stays Jimu's.
@Suite struct GuideTemplateTests {
    @Test func defaultsAreValid() {
        #expect(GuideTemplates.check([:]).isEmpty)
        // Each default obeys the rules of an override (no unescaped editor text, no pragmas).
        var files: [String: [UInt8]] = [:]
        for (name, text) in DefaultTemplates.all { files["templates/\(name).mustache"] = Array(text.utf8) }
        #expect(GuideTemplates.check(files).isEmpty, "\(GuideTemplates.check(files).map(\.message))")
        #expect(GuideTemplates.names.contains("item.zh.md") && GuideTemplates.names.contains("bundle.html"))
    }

    @Test func markdownOverrideReplacesTheDefaultAndKeepsMarkdownEscaping() throws {
        let result = try GuideFixtures.build { files in
            files["templates/item.zh.md.mustache"] = "# 自定义：{{name}}\n\n{{#materials}}\n- {{materialName}}（{{how}}）\n{{/materials}}\n"
            let item = "items/household-registration-newborn.yaml"
            files[item] = GuideFixtures.replacing("{zh: 出生登记,", with: "{zh: \"出生*登记* [a](b)\",", in: files[item])
        }
        #expect(result.check.diagnostics.isEmpty, "\(result.check.diagnostics.map(\.message))")
        let guide = try GuideFixtures.artifact(result, "guides/zh/items/household-registration-newborn.md")
        #expect(guide.hasPrefix("# 自定义：出生\\*登记\\* \\[a\\](b)\n\n- "))
        // Other templates keep their defaults.
        let en = try GuideFixtures.artifact(result, "guides/en/items/household-registration-newborn.md")
        #expect(en.hasPrefix("# Birth household registration\n"))
    }

    @Test func htmlOverrideIsEscapedForHTML() throws {
        let result = try GuideFixtures.build { files in
            files["templates/item.html.mustache"] = "<h1 title=\"{{name.zh}}\">{{name.zh}}</h1>{{{name.html}}}\n"
            let item = "items/household-registration-newborn.yaml"
            files[item] = GuideFixtures.replacing(
                "{zh: 出生登记,", with: "{zh: \(GuideFixtures.quoted(GuideFixtures.hostile + " \"q\"")),", in: files[item])
        }
        #expect(!result.hasErrors)
        let page = try GuideFixtures.artifact(result, "site/items/household-registration-newborn.html")
        #expect(!page.contains("<script"))
        #expect(page.hasPrefix("<h1 title=\"&lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(1)) &quot;q&quot;\">"))
    }

    @Test func overrideChangesTheManifestHash() throws {
        let plain = try GuideFixtures.build()
        let overridden = try GuideFixtures.build { $0["templates/footer.html.mustache"] = "<footer>省</footer>\n" }
        #expect(plain.manifest?.catalogHash != overridden.manifest?.catalogHash)
        let page = try GuideFixtures.artifact(overridden, "site/index.html")
        #expect(page.contains("<footer>省</footer>"))
    }

    @Test func unescapedEditorTextIsRefused() throws {
        let text = "# x\n\n{{{name}}} and {{&conditions}}\n"
        let result = try GuideFixtures.build { $0["templates/item.en.md.mustache"] = text }
        #expect(result.hasErrors)
        #expect(result.artifacts.isEmpty, "a refused template writes nothing")
        let errors = result.check.diagnostics.filter { $0.code == .invalidValue }
        #expect(
            errors.map(\.location) == [
                JimuCore.SourceLocation(file: "templates/item.en.md.mustache", line: 3, column: 1),
                JimuCore.SourceLocation(file: "templates/item.en.md.mustache", line: 3, column: 16),
            ])
        #expect(errors.first?.fix?.replacement == "{{name}}")
        // Pre-escaped values may be unescaped; delimiters and pragmas may not change.
        #expect(GuideTemplates.check(["templates/bundle.zh.md.mustache": Array("{{{mermaid}}}".utf8)]).isEmpty)
        for forbidden in ["{{=<% %>=}}", "{{%CONTENT_TYPE:HTML}}", "{{>*dynamic}}"] {
            let problems = GuideTemplates.check(["templates/item.zh.md.mustache": Array(forbidden.utf8)])
            #expect(problems.contains { $0.severity == .error }, "\(forbidden) is accepted")
        }
    }

    @Test func syntaxErrorsAreLocated() throws {
        let result = try GuideFixtures.build {
            $0["templates/item.zh.md.mustache"] = "# {{name}}\n\n{{#materials}}\n- {{materialName}}\n"
        }
        let error = try #require(result.check.diagnostics.first { $0.code == .invalidValue })
        #expect(error.severity == .error)
        #expect(error.location?.file == "templates/item.zh.md.mustache")
        #expect(error.message.contains("never closed"), "\(error.message)")
        // The text renderer can show the template's line under it.
        #expect(result.check.sources["templates/item.zh.md.mustache"] != nil)
    }

    @Test func partialCyclesAndUnknownPartialsAreRefused() {
        let cycle = GuideTemplates.check([
            "templates/head.html.mustache": Array("<meta>{{>header.html}}".utf8),
            "templates/header.html.mustache": Array("<nav>{{>head.html}}</nav>".utf8),
        ])
        #expect(cycle.contains { $0.message.contains("cycle") && $0.severity == .error }, "\(cycle.map(\.message))")
        let selfInclude = GuideTemplates.check(["templates/item.zh.md.mustache": Array("{{>item.zh.md}}".utf8)])
        #expect(selfInclude.contains { $0.message.contains("cycle") })
        let unknown = GuideTemplates.check(["templates/item.html.mustache": Array("{{>haed.html}}".utf8)])
        #expect(unknown.contains { $0.code == .unknownReference && $0.fix?.replacement == "head.html" })
    }

    @Test func aFileThatOverridesNothingIsAWarning() throws {
        let result = try GuideFixtures.build { $0["templates/itme.zh.md.mustache"] = "# {{name}}\n" }
        let warning = try #require(result.check.diagnostics.first)
        #expect(result.check.diagnostics.count == 1)
        #expect(warning.code == .unexpectedFile && warning.severity == .warning)
        #expect(warning.fix?.replacement == "templates/item.zh.md.mustache")
        #expect(!result.hasErrors && !result.artifacts.isEmpty)
    }

    @Test func invalidUTF8IsAnError() {
        let problems = GuideTemplates.check(["templates/item.zh.md.mustache": [0x23, 0x20, 0xFF, 0xFE]])
        #expect(problems.map(\.code) == [.invalidUTF8])
    }
}
