/// Every name the catalog defines, by kind: the symbol tables that references resolve
/// against. Building it reports each duplicate definition with its first place.
struct CatalogSymbols {
    var elements = SymbolTable<DataElement>(kind: "data element")
    var materials = SymbolTable<Material>(kind: "material")
    var codeLists = SymbolTable<CodeList>(kind: "code list")
    var sources = SymbolTable<SharedSource>(kind: "shared source")
    var departments = SymbolTable<Department>(kind: "department")
    var items = SymbolTable<ItemFrame>(kind: "item")
    var itemCodes = SymbolTable<ItemFrame>(kind: "item code")
    var localities = SymbolTable<Locality>(kind: "locality")
    var localityFolders: [String: Locality] = [:]
    var bundles = SymbolTable<ServiceBundle>(kind: "bundle")
    var calendarYears = SymbolTable<CalendarYear>(kind: "calendar year")
    let labels: LabelIndex

    init(_ catalog: SourceCatalog, diagnostics: DiagnosticCollector) {
        for element in catalog.elements { elements.define(element.id, element, diagnostics: diagnostics) }
        for material in catalog.materials { materials.define(material.id, material, diagnostics: diagnostics) }
        for list in catalog.codeLists { codeLists.define(list.id, list, diagnostics: diagnostics) }
        for source in catalog.sources { sources.define(source.id, source, diagnostics: diagnostics) }
        for department in catalog.departments {
            departments.define(department.id, department, diagnostics: diagnostics)
        }
        for item in catalog.items {
            items.define(item.key, item, diagnostics: diagnostics)
            itemCodes.define(item.code, item, diagnostics: diagnostics)
        }
        for locality in catalog.localities {
            localities.define(locality.code, locality, diagnostics: diagnostics)
            localityFolders[locality.folder] = locality
        }
        for bundle in catalog.bundles { bundles.define(bundle.key, bundle, diagnostics: diagnostics) }
        for calendar in catalog.calendars {
            calendarYears.define(
                Located(String(calendar.year.value), at: calendar.year.location), calendar, diagnostics: diagnostics)
        }
        labels = LabelIndex(elements: catalog.elements)
    }
}
