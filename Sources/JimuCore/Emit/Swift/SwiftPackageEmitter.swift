import Crypto
import JimuFormsRuntime

/// Emits `swift/`: a Swift package with no dependency beyond the toolchain, which services
/// depend on by path or URL. Per item and bundle form it holds a typed `Codable` struct with
/// `validate()` and `validate(json:)`; code lists become enums with their labels; the
/// runtime (JSON reader, patterns, standard checks) is copied in; a registry validates raw
/// JSON for a named form; a small executable and generated tests exercise it all.
public enum SwiftPackageEmitter {
    /// `summary` covers the whole catalog, `catalog` the items and bundles this build merged
    /// (all of them, unless a rebuild takes the others' forms from the cache).
    public static func emit(_ catalog: StandardCatalog, summary: CatalogSummary? = nil, units: UnitRenderer = .uncached)
        throws -> (artifacts: [Artifact], diagnostics: [Diagnostic])
    {
        let summary = summary ?? CatalogSummary(catalog)
        var artifacts: [Artifact] = []
        var diagnostics: [Diagnostic] = []
        let lists = FormSummary.codeLists(of: catalog)
        // The module's shared files, type names and pattern table: of every form's summary.
        let forms: [(id: String, key: String, form: FormSummary, suffix: String)] =
            summary.items.map { ("items/\($0.key)", $0.key, $0.form, "Form") }
            + summary.bundles.map { ("bundles/\($0.key)", $0.key, $0.form, "BundleForm") }

        var typeNames = SwiftNames(reserved: runtimeTypeNames)
        var codeListTypes: [String: String] = [:]
        let usedLists = Set(forms.flatMap(\.form.codeLists))
        for list in catalog.codeLists where usedLists.contains(list.id.value) {
            codeListTypes[list.id.value] = typeNames.make(list.id.value, upper: true, fallback: "CodeList")
        }
        var patterns = SwiftPatternTable()
        // Each distinct pattern compiled once: forms share most of theirs.
        var compiles: [String: Bool] = [:]
        for form in forms {
            for use in form.form.patterns {
                // Only checked here (the generated module builds the automaton at run time).
                let compiled = compiles[use.pattern] ?? ((try? PortableRegex(use.pattern, automaton: false)) != nil)
                compiles[use.pattern] = compiled
                if !compiled {
                    diagnostics.append(
                        Diagnostic(
                            .invalidPattern, "pattern `\(use.pattern)` of `\(use.field)` does not compile in the Swift runtime",
                            at: use.location))
                } else {
                    patterns.register(use.pattern)
                }
            }
        }
        let registry: [(id: String, type: String)] = forms.map { form in
            (form.id, typeNames.make(form.key, upper: true, fallback: "Form") + form.suffix)
        }
        let root = "swift/"
        // A form's file names its type, the code lists' types and the patterns by their
        // place in the table, all drawn from the whole catalog: part of every form's key.
        var naming = patterns.ordered + ["\u{0}"] + codeListTypes.sorted { $0.key < $1.key }.map { $0.key + "=" + $0.value }
        naming += ["\u{0}"] + registry.map(\.type)
        let context = Manifest.hex(SHA256.hash(data: Array(naming.joined(separator: "\u{1}").utf8)))
        // The forms this build merged, each with its type: the ones it can render.
        let types = Dictionary(registry.map { ($0.id, $0.type) }, uniquingKeysWith: { first, _ in first })
        let merged: [(id: String, key: String, title: LocalizedText, fields: [StandardField], suffix: String)] =
            catalog.items.map { ("items/\($0.key)", $0.key, $0.frame.name, $0.form, "Form") }
            + catalog.bundles.map { ("bundles/\($0.key)", $0.key, $0.bundle.name, $0.form, "BundleForm") }
        let translated = merged.compactMap { form in
            types[form.id].map {
                (form: form, type: $0, unit: form.suffix == "Form" ? CompileUnit.item(form.key) : .bundle(form.key))
            }
        }
        let finalPatterns = patterns
        artifacts += units.artifacts("swift", translated, context: context, unit: \.unit) { form in
            let translator = SwiftFormTranslator(
                formID: form.form.id, typeName: form.type, title: form.form.title, fields: form.form.fields,
                codeListTypes: codeListTypes, codeLists: lists, patterns: finalPatterns)
            let file = SwiftFile(header: header, imports: [], declarations: translator.declarations())
            return [Artifact(path: root + "Sources/JimuForms/Forms/\(form.type).swift", utf8: SwiftRenderer.utf8(file))]
        }
        artifacts.append(Artifact(path: root + "Sources/JimuForms/CodeLists.swift", text: codeListFile(catalog.codeLists, codeListTypes)))
        artifacts.append(Artifact(path: root + "Sources/JimuForms/Patterns.swift", text: patternFile(patterns)))
        artifacts.append(Artifact(path: root + "Sources/JimuForms/JimuForms.swift", text: registryFile(registry)))
        for file in RuntimeSources.files {
            artifacts.append(Artifact(path: root + "Sources/JimuForms/Runtime/\(file.name)", text: file.text + "\n"))
        }
        artifacts.append(Artifact(path: root + "Package.swift", text: packageManifest))
        artifacts.append(Artifact(path: root + "Sources/JimuFormsCheck/main.swift", text: checkTool))
        let examplesPath = root + "Tests/JimuFormsTests/ExampleTests.swift"
        let fields = Dictionary(merged.map { ($0.id, $0.fields) }, uniquingKeysWith: { first, _ in first })
        artifacts.append(
            Artifact(
                path: examplesPath,
                text: try exampleTests(
                    forms.map { form in
                        (id: form.id, unit: form.suffix == "Form" ? CompileUnit.item(form.key) : .bundle(form.key),
                         fields: fields[form.id])
                    }, catalog.codeLists, path: examplesPath, units: units)))
        return (artifacts, diagnostics)
    }

    static let runtimeTypeNames: Set<String> = [
        "Violation", "JSONValue", "JSONParser", "JSONForm", "JSONFormReader", "NameTable", "FieldFlags", "CodeTable",
        "CodeListEnum", "PortableRegex", "PortableRegexDFA", "StandardChecks", "FieldChecks", "JimuForms", "Patterns", "Set",
        "String", "Double", "Int64", "Bool", "Self", "Codable", "Sendable",
    ]

    static let header = ["Generated by Jimu from the catalog: do not edit; run `jimu build` instead."]

    private static func codeListFile(_ lists: [CodeList], _ types: [String: String]) -> String {
        var declarations: [SwiftDeclaration] = []
        for list in lists {
            guard let typeName = types[list.id.value] else { continue }
            var names = SwiftNames(reserved: ["labelZh", "labelEn", "rawValue", "allCases", "codeTable"])
            let cases = list.entries.map { entry in
                (names.make(entry.label.en ?? "", fallback: "code" + SwiftNames.camel(entry.code.value, upper: true)), entry)
            }
            var members: [SwiftDeclaration] = []
            for (name, entry) in cases {
                members.append(.doc(Bilingual.title(entry.label)))
                members.append(.enumCase(name: name, rawValue: .string(entry.code.value)))
            }
            for (property, pick) in [("labelZh", { (t: LocalizedText) in t.zh }), ("labelEn", { (t: LocalizedText) in t.en ?? t.zh })] {
                members.append(
                    .computed(
                        modifiers: ["public"], name: property, type: "String",
                        body: [
                            .switchOn(
                                .name("self"),
                                cases: cases.map { SwiftSwitchCase(patterns: [.dot($0.0)], body: [.returns(.string(pick($0.1.label)))]) },
                                otherwise: nil)
                        ]))
            }
            members.append(.doc("The codes by their bytes, for `validate(json:)`."))
            members.append(
                .property(
                    modifiers: ["public", "static"], isLet: true, name: "codeTable", type: nil,
                    value: .call(.name("CodeTable"), [SwiftArgument(nil, .name("allCases"))])))
            declarations.append(.doc(Bilingual.title(list.name) + (list.standard.map { " (\($0.value))" } ?? "")))
            declarations.append(
                .enumeration(
                    modifiers: ["public"], name: typeName, conformances: ["String", "Codable", "Sendable", "CaseIterable", "CodeListEnum"],
                    members: members))
        }
        return SwiftRenderer.render(SwiftFile(header: header, imports: [], declarations: declarations))
    }

    private static func patternFile(_ table: SwiftPatternTable) -> String {
        let members: [SwiftDeclaration] = table.ordered.flatMap { pattern -> [SwiftDeclaration] in
            [
                .doc("`" + pattern + "`"),
                .property(
                    modifiers: ["static"], isLet: true, name: table.name(for: pattern), type: nil,
                    value: .name("try! PortableRegex(" + SwiftRenderer.literal(pattern) + ")")),
            ]
        }
        return SwiftRenderer.render(
            SwiftFile(
                header: header + ["Every pattern was compiled by Jimu with this runtime before it was written here."],
                imports: [],
                declarations: [
                    .doc("The patterns of the catalog's fields, compiled once."),
                    .enumeration(modifiers: [], name: "Patterns", conformances: [], members: members),
                ]))
    }

    private static func registryFile(_ forms: [(id: String, type: String)]) -> String {
        let declaration = SwiftDeclaration.enumeration(
            modifiers: ["public"], name: "JimuForms", conformances: [],
            members: [
                .doc("Every form's id: `items/<key>` and `bundles/<key>`."),
                .property(modifiers: ["public", "static"], isLet: true, name: "formIDs", type: "[String]", value: .array(forms.map { .string($0.id) })),
                .doc("The forms' ids by their bytes, numbered as in `formIDs`."),
                .property(
                    modifiers: ["static"], isLet: true, name: "formTable", type: nil,
                    value: .call(.name("NameTable"), [SwiftArgument(nil, .name("formIDs"))])),
                .doc("Validates raw JSON bytes for a named form; nil when the form is unknown."),
                .function(
                    modifiers: ["public", "static"], name: "validate",
                    parameters: [SwiftParameter(label: "form", name: "form", type: "String"), SwiftParameter(label: "json", name: "json", type: "[UInt8]")],
                    returns: "[Violation]?",
                    body: [
                        .guardLet(
                            name: "index", value: .call(.member(.name("formTable"), "position"), [SwiftArgument("of", .name("form"))]),
                            otherwise: [.returns(.nilLiteral)]),
                        .switchOn(
                            .name("index"),
                            cases: forms.enumerated().map { index, form in
                                SwiftSwitchCase(
                                    patterns: [.integer(Int64(index))],
                                    body: [.returns(.call(.member(.name(form.type), "validate"), [SwiftArgument("json", .name("json"))]))])
                            },
                            otherwise: [.returns(.nilLiteral)]),
                    ]),
            ])
        return SwiftRenderer.render(
            SwiftFile(header: header, imports: [], declarations: [.doc("The forms of the catalog, by id."), declaration]))
    }

    private static func exampleTests(
        _ forms: [(id: String, unit: CompileUnit, fields: [StandardField]?)], _ codeLists: [CodeList], path: String,
        units: UnitRenderer
    ) throws -> String {
        var out = header.map { "// " + $0 }.joined(separator: "\n") + "\n\n"
        out += "import JimuForms\nimport Testing\n\n"
        out += "/// One valid and two invalid submissions per form, derived from the catalog.\n"
        out += "struct ExampleTests {\n"
        out += "    static let examples: [(form: String, json: String)] = [\n"
        // A form's example is a function of its unit alone: from the cache when it did not change.
        let examples = try units.fragments("swift/examples", forms, unit: \.unit) { form -> [UInt8] in
            let fields = try UnitRenderer.unmerged(form.unit, form.fields)
            guard let members = SubmissionExamples.valid(form: fields, codeLists: codeLists) else { return [] }
            let text = String(decoding: SubmissionExamples.json(members), as: UTF8.self)
            return Array(("        (" + SwiftRenderer.literal(form.id) + ", " + SwiftRenderer.literal(text) + "),\n").utf8)
        }
        examples.append(to: &out, path: path)
        out += "    ]\n\n"
        out += """
                @Test func validExamplesPass() {
                    for example in Self.examples {
                        let violations = JimuForms.validate(form: example.form, json: Array(example.json.utf8))
                        #expect(violations == [], "\\(example.form): \\(violations ?? [])")
                    }
                }

                @Test func anUnknownPropertyFails() {
                    for example in Self.examples {
                        let json = "{\\"x-unknown\\": 1, " + example.json.dropFirst()
                        let codes = JimuForms.validate(form: example.form, json: Array(json.utf8))?.map(\\.code)
                        #expect(codes == [.additionalProperties], "\\(example.form)")
                    }
                }

                @Test func brokenJSONFails() {
                    for example in Self.examples {
                        let codes = JimuForms.validate(form: example.form, json: Array(example.json.dropLast().utf8))?.map(\\.code)
                        #expect(codes == [.json], "\\(example.form)")
                    }
                }

                @Test func everyFormIsRegistered() {
                    #expect(JimuForms.formIDs.count == \(forms.count))
                    #expect(JimuForms.validate(form: "no/such-form", json: Array("{}".utf8)) == nil)
                }
            }

            """
        return out
    }

    static let packageManifest = """
        // swift-tools-version: 6.0
        // Generated by Jimu from the catalog: do not edit; run `jimu build` instead.
        import PackageDescription

        let package = Package(
            name: "JimuForms",
            products: [
                .library(name: "JimuForms", targets: ["JimuForms"]),
                .executable(name: "jimu-forms-check", targets: ["JimuFormsCheck"]),
            ],
            targets: [
                // The forms, their checks and the runtime: no dependency beyond the toolchain.
                .target(name: "JimuForms"),
                // Reads `FORM<TAB>JSON` lines and prints each verdict: for scripts and tests.
                .executableTarget(name: "JimuFormsCheck", dependencies: ["JimuForms"]),
                .testTarget(name: "JimuFormsTests", dependencies: ["JimuForms"]),
            ]
        )

        """

    static let checkTool = """
        // Generated by Jimu from the catalog: do not edit; run `jimu build` instead.
        //
        // Reads lines `FORM<TAB>JSON` from standard input and prints, per line, `valid` or
        // `invalid` followed by the violations' codes and paths: a way for scripts (and the
        // differential test against the JSON Schemas) to drive the validators.
        import JimuForms

        while let line = readLine(strippingNewline: true) {
            guard let tab = line.firstIndex(of: "\\t") else {
                print("error\\tno tab")
                continue
            }
            let form = String(line[..<tab])
            let json = Array(line[line.index(after: tab)...].utf8)
            guard let violations = JimuForms.validate(form: form, json: json) else {
                print("error\\tunknown form \\(form)")
                continue
            }
            if violations.isEmpty {
                print("valid")
            } else {
                print("invalid\\t" + violations.map { "\\($0.code.rawValue)@\\($0.path)" }.joined(separator: " "))
            }
        }

        """
}
