@testable import JimuCore
import Testing

/// Where a catalog file is says what it is: every path of a catalog is classified once per
/// build, and a rebuild trusts the kinds to tell a practice edit from any other.
@Suite struct CatalogFileKindTests {
    @Test(arguments: [
        ("jimu.yaml", CatalogFileKind.config),
        ("dictionary/fields.yaml", .fields),
        ("dictionary/materials.yaml", .materials),
        ("dictionary/codelists.yaml", .codeLists),
        ("dictionary/sources.yaml", .sources),
        ("dictionary/departments.yaml", .departments),
        ("dictionary/other.yaml", .unexpectedYAML),
        ("calendar/2026.yaml", .calendar(year: "2026")),
        ("items/birth-certificate.yaml", .item(key: "birth-certificate")),
        ("items/办理.yaml", .item(key: "办理")),
        ("items/a.yml", .unexpectedYAML),
        ("items/sub/a.yaml", .unexpectedYAML),
        ("bundles/newborn.yaml", .bundle(key: "newborn")),
        ("localities/330100-hangzhou/locality.yaml", .locality(folder: "330100-hangzhou")),
        ("localities/330100-hangzhou/birth-certificate.yaml", .practice(folder: "330100-hangzhou", itemKey: "birth-certificate")),
        ("localities/330100-hangzhou/notes.md", .other),
        ("localities/330100-hangzhou/deeper/x.yaml", .unexpectedYAML),
        ("localities//x.yaml", .practice(folder: "", itemKey: "x")),
        ("localities/a.yaml", .unexpectedYAML),
        ("templates/guide/item.md.mustache", .template),
        ("templates/x.yaml", .template),
        ("README.md", .other),
        ("jimu.yml", .unexpectedYAML),
        ("items/.yaml", .item(key: "")),
    ])
    func aPathHasTheKindItsPlaceGives(path: String, kind: CatalogFileKind) {
        #expect(CatalogFileKind(path: path) == kind)
    }
}
