/// Check: the rules that span files. Every reference resolves, names are unique, limits
/// respect the law, dates lie in years the calendar covers, conditions read fields of their
/// own form, and preconditions form no cycle.
public enum CatalogResolver {
    public static func resolve(_ catalog: SourceCatalog) -> ResolvedCatalog {
        let diagnostics = DiagnosticCollector()
        let symbols = CatalogSymbols(catalog, diagnostics: diagnostics)
        checkDictionary(catalog, symbols, diagnostics)
        let provincePrefix = catalog.config.map { String($0.provinceCode.value.prefix(2)) }
        for locality in catalog.localities {
            if let provincePrefix, !locality.code.value.hasPrefix(provincePrefix) {
                diagnostics.report(
                    .invalidDivisionCode,
                    "locality `\(locality.code.value)` lies outside the catalog's province (\(provincePrefix)xxxx)",
                    at: locality.code.location)
            }
        }
        for item in catalog.items { checkItem(item, symbols, diagnostics) }
        let practices = resolvePractices(catalog.practices, symbols, diagnostics)
        for bundle in catalog.bundles { checkBundle(bundle, symbols, diagnostics) }
        checkCalendarCoverage(catalog, symbols, diagnostics)
        PreconditionGraph(items: catalog.items, symbols: symbols).reportCycles(to: diagnostics)
        return ResolvedCatalog(source: catalog, practices: practices, diagnostics: diagnostics.diagnostics)
    }

    /// Practices are independent of each other: resolved on every core, each with its own
    /// diagnostics, gathered in catalog order (the serial result).
    private static func resolvePractices(
        _ practices: [Practice], _ symbols: CatalogSymbols, _ diagnostics: DiagnosticCollector
    ) -> [ResolvedPractice] {
        // The symbol tables are only read once built.
        nonisolated(unsafe) let symbols = symbols
        let resolved = Parallel.map(practices) { practice -> (ResolvedPractice?, [Diagnostic]) in
            let collector = DiagnosticCollector()
            let result = PracticeResolver(symbols: symbols, diagnostics: collector).resolve(practice)
            return (result, collector.diagnostics)
        }
        for (_, found) in resolved { diagnostics.absorb(found) }
        return resolved.compactMap(\.0)
    }

    private static func checkDictionary(
        _ catalog: SourceCatalog, _ symbols: CatalogSymbols, _ diagnostics: DiagnosticCollector
    ) {
        for element in catalog.elements {
            if let list = element.spec.codeList { symbols.codeLists.resolve(list, diagnostics: diagnostics) }
            if let source = element.sharedSource { symbols.sources.resolve(source, diagnostics: diagnostics) }
        }
        for material in catalog.materials {
            if let source = material.sharedSource { symbols.sources.resolve(source, diagnostics: diagnostics) }
        }
        for source in catalog.sources {
            if let department = source.department { symbols.departments.resolve(department, diagnostics: diagnostics) }
        }
        for list in catalog.codeLists {
            var seen: [String: SourceLocation] = [:]
            for entry in list.entries {
                if let first = seen[entry.code.value] {
                    diagnostics.report(
                        .duplicateCode, "code `\(entry.code.value)` appears twice in code list `\(list.id.value)`",
                        at: entry.code.location, notes: [.init("first listed here", at: first)])
                } else {
                    seen[entry.code.value] = entry.code.location
                }
            }
        }
    }

    private static func checkItem(_ item: ItemFrame, _ symbols: CatalogSymbols, _ diagnostics: DiagnosticCollector) {
        symbols.departments.resolve(item.department, diagnostics: diagnostics)
        for precondition in item.preconditions {
            symbols.items.resolve(precondition, diagnostics: diagnostics, context: " in preconditions")
        }
        var localIDs = SymbolTable<LocalField>(kind: "local field")
        for field in item.localFields {
            if let element = symbols.elements.location(of: field.id.value) {
                diagnostics.report(
                    .duplicateDefinition,
                    "local field `\(field.id.value)` has the id of a data element; use `ref` in practices instead",
                    at: field.id.location, notes: [.init("data element defined here", at: element)])
            }
            localIDs.define(field.id, field, diagnostics: diagnostics)
            if let list = field.spec.codeList { symbols.codeLists.resolve(list, diagnostics: diagnostics) }
        }
        for field in item.outputFields {
            if localIDs[field.value] == nil { symbols.elements.resolve(field, diagnostics: diagnostics) }
        }
        for field in item.requiredFields {
            if localIDs[field.value] == nil { symbols.elements.resolve(field, diagnostics: diagnostics) }
        }
        for material in item.outputMaterials + item.requiredMaterials {
            symbols.materials.resolve(material, diagnostics: diagnostics)
        }
        for (dimension, code) in item.pins.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            symbols.localities.resolve(code, diagnostics: diagnostics, context: " pinned for \(dimension.rawValue)")
        }
    }

    private static func checkBundle(
        _ bundle: ServiceBundle, _ symbols: CatalogSymbols, _ diagnostics: DiagnosticCollector
    ) {
        if let lead = bundle.leadDepartment { symbols.departments.resolve(lead, diagnostics: diagnostics) }
        var seen: [String: SourceLocation] = [:]
        for item in bundle.items {
            if let first = seen[item.value] {
                diagnostics.report(
                    .duplicateDefinition, "item `\(item.value)` is listed twice in bundle `\(bundle.key.value)`",
                    at: item.location, notes: [.init("first listed here", at: first)])
                continue
            }
            seen[item.value] = item.location
            symbols.items.resolve(item, diagnostics: diagnostics, context: " in bundle")
        }
        if bundle.items.count == 1, let only = bundle.items.first {
            diagnostics.report(
                .emptyBundle, "bundle `\(bundle.key.value)` lists one item; a \"one thing\" joins at least two",
                at: only.location, severity: .warning)
        }
    }

    /// A date the compiler may have to count working days from must lie in a year whose
    /// official arrangement the catalog carries: an unknown year is an error, never a guess.
    private static func checkCalendarCoverage(
        _ catalog: SourceCatalog, _ symbols: CatalogSymbols, _ diagnostics: DiagnosticCollector
    ) {
        let covered = symbols.calendarYears.definitions.keys.sorted()
        // The owner's words are only written for a date that is reported: tens of thousands
        // of practices pass here.
        func check(_ date: Located<CivilDate>?, _ owner: @autoclosure () -> String) {
            guard let date, symbols.calendarYears[String(date.value.year)] == nil else { return }
            diagnostics.report(
                .calendarYearMissing,
                "\(owner()) takes effect on \(date.value), but the catalog has no calendar for \(date.value.year)",
                at: date.location,
                fix: .init(
                    "add calendar/\(date.value.year).yaml with that year's official arrangement"
                        + (covered.isEmpty ? "" : " (the catalog covers \(covered.joined(separator: ", ")))")))
        }
        for item in catalog.items { check(item.effective, "item `\(item.key.value)`") }
        for practice in catalog.practices { check(practice.effective, "practice `\(practice.file)`") }
        for bundle in catalog.bundles { check(bundle.effective, "bundle `\(bundle.key.value)`") }
    }
}
