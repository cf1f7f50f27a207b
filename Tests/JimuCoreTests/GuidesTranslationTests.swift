import Foundation
@testable import JimuCore
import Testing

/// A missing English text is a warning naming the file and the key, at the text's place;
/// the English guide shows the Chinese text, marked; an item without an English name gets
/// no English guide.
@Suite struct GuideTranslationTests {
    static let conditions = "{zh: 新生儿的父母或监护人}"
    static let material = "{zh: 居民户口簿本人页}"
    static let vaccinationName = "{zh: 预防接种证办理}"

    static func untranslatedFiles() -> [String: String] {
        var files = GuideFixtures.miniTexts()
        let item = "items/household-registration-newborn.yaml"
        files[item] = GuideFixtures.replacing(
            "{zh: 新生儿的父母或监护人, en: The newborn's parents or guardian}", with: conditions, in: files[item])
        let materials = "dictionary/materials.yaml"
        files[materials] = GuideFixtures.replacing(
            "{zh: 居民户口簿本人页, en: Household register page}", with: material, in: files[materials])
        let vaccination = "items/vaccination-certificate.yaml"
        files[vaccination] = GuideFixtures.replacing(
            "{zh: 预防接种证办理, en: Vaccination record}", with: vaccinationName, in: files[vaccination])
        return files
    }

    @Test func missingEnglishIsAWarningAtTheText() throws {
        let files = Self.untranslatedFiles()
        let result = try BuildPipeline.run(InMemoryFileSystem(files: files))
        let warnings = result.check.diagnostics.filter { $0.code == .missingTranslation }
        #expect(result.check.diagnostics.count == warnings.count, "only translation warnings: \(result.check.diagnostics)")
        #expect(warnings.allSatisfy { $0.severity == .warning })
        let expected: [(file: String, text: String, key: String)] = [
            ("dictionary/materials.yaml", Self.material, "materials[id=household_register_page].name.en"),
            ("items/household-registration-newborn.yaml", Self.conditions, "conditions.en"),
            ("items/vaccination-certificate.yaml", Self.vaccinationName, "name.en"),
        ]
        #expect(warnings.count == expected.count, "\(warnings.map(\.message))")
        for (file, text, key) in expected {
            let place = try #require(GuideFixtures.place(of: text, in: files[file] ?? "", file: file))
            let warning = warnings.first { $0.location == place }
            #expect(warning != nil, "no warning at \(place) for \(key): \(warnings.map { $0.location?.description ?? "-" })")
            #expect(warning?.message.contains("`\(file)`") == true, "the message names the file: \(warning?.message ?? "")")
            #expect(warning?.message.contains("`\(key)`") == true, "the message names the key: \(warning?.message ?? "")")
        }
        // Warnings do not stop the build.
        #expect(!result.hasErrors)
        #expect(!result.artifacts.isEmpty)
        // `jimu check` shows them too.
        let check = try CheckPipeline.run(InMemoryFileSystem(files: files))
        #expect(check.diagnostics.filter { $0.code == .missingTranslation }.count == expected.count)
        #expect(check.summary.line.hasSuffix("0 errors, 3 warnings"))
    }

    @Test func englishGuidesFallBackToChineseVisibly() throws {
        let result = try BuildPipeline.run(InMemoryFileSystem(files: Self.untranslatedFiles()))
        let marker = SingleLanguageStyle.fallbackMarker
        let item = try GuideFixtures.artifact(result, "guides/en/items/household-registration-newborn.md")
        #expect(item.contains("Conditions: 新生儿的父母或监护人\(marker)"))
        #expect(item.contains("- 居民户口簿本人页\(marker)"), "the output material's name falls back")
        // No English guide for the item without an English name; links go to the Chinese one.
        let paths = Set(result.artifacts.map(\.path))
        #expect(!paths.contains("guides/en/items/vaccination-certificate.md"))
        #expect(paths.contains("guides/zh/items/vaccination-certificate.md"))
        let bundle = try GuideFixtures.artifact(result, "guides/en/bundles/newborn.md")
        #expect(bundle.contains("[预防接种证办理\(marker)](../../zh/items/vaccination-certificate.md)"))
        let index = try GuideFixtures.artifact(result, "guides/en/README.md")
        #expect(index.contains("## Not yet in English"))
        #expect(index.contains("[预防接种证办理](../zh/items/vaccination-certificate.md)"))
        // The Chinese guides are untouched.
        let zh = try GuideFixtures.artifact(result, "guides/zh/items/household-registration-newborn.md")
        #expect(!zh.contains(marker))
    }

    @Test func chineseOnlyCatalogHasNoEnglishGuidesAndNoWarnings() throws {
        var files = Self.untranslatedFiles()
        files["jimu.yaml"] = GuideFixtures.replacing("languages: [zh, en]", with: "languages: [zh]", in: files["jimu.yaml"])
        let result = try BuildPipeline.run(InMemoryFileSystem(files: files))
        #expect(result.check.diagnostics.isEmpty, "\(result.check.diagnostics.map(\.message))")
        #expect(!result.artifacts.contains { $0.path.hasPrefix("guides/en/") })
        let page = try GuideFixtures.artifact(result, "site/items/household-registration-newborn.html")
        #expect(!page.contains("lang=\"en\" class=\"en\">Birth household registration"))
    }

    /// The embedded catalog: an English guide for every item and bundle with an English name.
    @Test func embeddedCatalogHasEnglishGuides() throws {
        let root = CatalogFixtures.root.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("catalog")
        let result = try BuildPipeline.run(LocalFileSystem(root: root.path))
        #expect(!result.hasErrors)
        let catalog = try #require(result.standard)
        let paths = Set(result.artifacts.map(\.path))
        for item in catalog.items {
            #expect(paths.contains("guides/zh/items/\(item.key).md"))
            #expect(paths.contains("site/items/\(item.key).html"))
            #expect(paths.contains("guides/en/items/\(item.key).md") == (item.frame.name.english != nil), "\(item.key)")
        }
        for bundle in catalog.bundles {
            #expect(paths.contains("guides/en/bundles/\(bundle.key).md") == (bundle.bundle.name.english != nil))
            let page = try GuideFixtures.artifact(result, "site/bundles/\(bundle.key).html")
            #expect(page.components(separatedBy: "\" id=\"node-").count - 1 == bundle.items.count, "\(bundle.key)")
        }
    }
}
