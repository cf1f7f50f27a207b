/// Emits `schemas/`: JSON Schema draft 2020-12 for every item's standard form and every
/// bundle form, and one dictionary schema whose `$defs` the forms reference. Every `$id` is
/// stable under the catalog's `schema_base`; every constraint the catalog states is
/// expressed; provenance rides along as `x-jimu-source` annotations.
public enum SchemaEmitter {
    static let dialect = "https://json-schema.org/draft/2020-12/schema"

    public static func emit(_ catalog: StandardCatalog, units: UnitRenderer = .uncached) -> [Artifact] {
        let context = Context(catalog)
        var artifacts = [Artifact(path: "schemas/dictionary.schema.json", utf8: context.dictionary().utf8())]
        artifacts += units.artifacts("schemas", catalog.items, unit: { .item($0.key) }) { item in
            [Artifact(path: "schemas/items/\(item.key).schema.json", utf8: context.itemSchema(item).utf8())]
        }
        artifacts += units.artifacts("schemas", catalog.bundles, unit: { .bundle($0.key) }) { bundle in
            [Artifact(path: "schemas/bundles/\(bundle.key).schema.json", utf8: context.bundleSchema(bundle).utf8())]
        }
        return artifacts
    }

    struct Context {
        let catalog: StandardCatalog
        let base: String
        let codeLists: [String: CodeList]

        init(_ catalog: StandardCatalog) {
            self.catalog = catalog
            base = catalog.config.schemaBase.value
            codeLists = Dictionary(catalog.codeLists.map { ($0.id.value, $0) }, uniquingKeysWith: { first, _ in first })
        }

        func dictionary() -> JSONValue {
            var defs: [String: JSONValue] = [:]
            for element in catalog.elements {
                var schema = FieldSchema.schema(
                    element.spec, label: element.label, description: element.description, codeLists: codeLists)
                if let shared = element.sharedSource?.value { schema["x-jimu-shared-source"] = .string(shared) }
                defs[element.id.value] = schema
            }
            return [
                "$schema": .string(dialect),
                "$id": .string(base + "dictionary.schema.json"),
                "title": .string("数据元 / Data elements — \(catalog.config.provinceName.zh)"),
                "description": "The data elements of the catalog's dictionary: one meaning per field, shared by every form.",
                "x-jimu-version": .string(catalog.config.version.value),
                "$defs": .object(defs),
            ]
        }

        func itemSchema(_ item: StandardItem) -> JSONValue {
            var schema = form(
                item.form, id: "items/\(item.key).schema.json", name: item.frame.name,
                description: item.frame.conditions)
            schema["x-jimu-item"] = [
                "key": .string(item.key), "code": .string(item.frame.code.value),
                "department": .string(item.frame.department.value),
                "statutory_limit": .integer(Int64(item.frame.statutoryLimit.value)),
                "promised_limit": .integer(Int64(item.promisedLimit.value)),
                "materials": .array(item.materials.filter(\.isSubmitted).map { .string($0.id) }),
                "preconditions": .array(item.frame.preconditions.map { .string($0.value) }),
            ]
            schema["x-jimu-source"] = provenance(Provenance(locality: nil, location: item.frame.key.location, rule: .frameOnly))
            return schema
        }

        func bundleSchema(_ bundle: StandardBundle) -> JSONValue {
            var schema = form(
                bundle.form, id: "bundles/\(bundle.key).schema.json", name: bundle.bundle.name,
                description: bundle.bundle.description)
            schema["x-jimu-bundle"] = [
                "key": .string(bundle.key), "items": .array(bundle.items.map { .string($0) }),
                "promised_limit": .integer(Int64(bundle.bundle.promisedLimit.value)),
                "process_filled": .array(bundle.processFilled.map { .string($0.id) }),
                "materials": .array(bundle.materials.filter(\.isSubmitted).map { .string($0.id) }),
            ]
            return schema
        }

        /// One form: an object with a property per field, `required`, the conditions as
        /// `if`/`then`, and no other properties.
        private func form(_ fields: [StandardField], id: String, name: LocalizedText, description: LocalizedText?)
            -> JSONValue
        {
            var properties: [String: JSONValue] = [:]
            var required: [JSONValue] = []
            var conditions: [JSONValue] = []
            for field in fields {
                properties[field.id] = property(field, formPath: id)
                let requirement = FieldRequirement(field)
                switch requirement.required {
                case .never: break
                case .always: required.append(.string(field.id))
                case .when(let condition):
                    conditions.append(["if": ConditionSchema.schema(condition), "then": ["required": [.string(field.id)]]])
                }
                if let visible = requirement.hiddenUnless {
                    conditions.append([
                        "if": ["not": ConditionSchema.schema(visible)], "then": ["not": ["required": [.string(field.id)]]],
                    ])
                }
            }
            var schema: JSONValue = [
                "$schema": .string(dialect),
                "$id": .string(base + id),
                "title": .string(Bilingual.title(name)),
                "x-jimu-title": Bilingual.json(name),
                "x-jimu-version": .string(catalog.config.version.value),
                "type": "object",
                "properties": .object(properties),
                "required": .array(required),
                "additionalProperties": false,
            ]
            if let description { schema["description"] = .string(Bilingual.text(description)) }
            if !conditions.isEmpty { schema["allOf"] = .array(conditions) }
            return schema
        }

        private func property(_ field: StandardField, formPath: String) -> JSONValue {
            var schema: JSONValue
            switch field.origin {
            case .element:
                let depth = formPath.split(separator: "/").count - 1
                let up = String(repeating: "../", count: depth)
                schema = ["$ref": .string("\(up)dictionary.schema.json#/$defs/\(field.id)")]
                schema["title"] = .string(Bilingual.title(field.label))
            case .local:
                schema = FieldSchema.schema(field.spec, label: field.label, description: nil, codeLists: codeLists)
            }
            schema["x-jimu-source"] = provenance(field.provenance)
            if let prefill = field.prefill { schema["x-jimu-prefill"] = .string(prefill) }
            return schema
        }

        private func provenance(_ provenance: Provenance) -> JSONValue {
            var value: JSONValue = [
                "file": .string(provenance.file), "line": .integer(Int64(provenance.line)),
                "column": .integer(Int64(provenance.column)), "rule": .string(provenance.rule.rawValue),
            ]
            if let locality = provenance.locality { value["locality"] = .string(locality) }
            return value
        }
    }
}
