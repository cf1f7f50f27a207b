/// `jimu diff`: compares the schemas of two generated trees and classifies every change as
/// breaking, compatible or text, then checks each schema's version moved by semver: a
/// breaking change needs a new major version, a compatible one a new minor version, a text
/// change a new patch version at least.
public struct SchemaDiff {
    public var changes: [SchemaChange] = []
    public var verdicts: [SchemaVerdict] = []

    /// Whether any breaking change lacks its major version bump.
    public var hasUnversionedBreakingChange: Bool {
        verdicts.contains { $0.impact == .breaking && $0.versionProblem != nil }
    }

    /// `old` and `new` map a schema's path under `schemas/` to its document.
    public init(old: [String: JSONValue], new: [String: JSONValue]) {
        let oldDictionary = old["dictionary.schema.json"]?["$defs"]?.objectValue ?? [:]
        let newDictionary = new["dictionary.schema.json"]?["$defs"]?.objectValue ?? [:]
        // A schema on one side only is judged by the other side's catalog version: removing
        // a form is breaking, and needs a new major version like any other breaking change.
        let oldCatalogVersion = Self.catalogVersion(old)
        let newCatalogVersion = Self.catalogVersion(new)
        for path in Set(old.keys).union(new.keys).sorted() where path != "dictionary.schema.json" {
            var found: [SchemaChange] = []
            switch (old[path], new[path]) {
            case (let before?, let after?):
                found = FormComparison(
                    schema: path, old: before, new: after, oldDictionary: oldDictionary, newDictionary: newDictionary
                ).changes()
            case (nil, _?):
                found = [.init(schema: path, field: nil, impact: .compatible, message: "new schema")]
            case (_?, nil):
                found = [.init(schema: path, field: nil, impact: .breaking, message: "schema removed")]
            case (nil, nil):
                break
            }
            changes += found
            verdicts.append(
                Self.verdict(
                    path, found, old: old[path]?["x-jimu-version"]?.stringValue ?? oldCatalogVersion,
                    new: new[path]?["x-jimu-version"]?.stringValue ?? newCatalogVersion))
        }
    }

    /// The version of one side: its dictionary's, else the first schema's that has one.
    static func catalogVersion(_ tree: [String: JSONValue]) -> String? {
        if let version = tree["dictionary.schema.json"]?["x-jimu-version"]?.stringValue { return version }
        return tree.keys.sorted().lazy.compactMap { tree[$0]?["x-jimu-version"]?.stringValue }.first
    }

    static func verdict(_ path: String, _ changes: [SchemaChange], old: String?, new: String?) -> SchemaVerdict {
        let impact = changes.map(\.impact).max()
        var problem: String?
        if let impact, let old, let new {
            if let before = SemanticVersion(old), let after = SemanticVersion(new) {
                switch impact {
                case .breaking where after.major <= before.major:
                    problem = "a breaking change needs a new major version (\(before) → \(before.major + 1).0.0), found \(after)"
                case .compatible where (after.major, after.minor) <= (before.major, before.minor):
                    problem = "a compatible change needs a new minor version (\(before) → \(before.major).\(before.minor + 1).0), found \(after)"
                case .text where after <= before:
                    problem = "a text change needs a new patch version, found \(after)"
                default:
                    break
                }
            } else {
                problem = "version `\(old)` → `\(new)` is not semantic"
            }
        }
        return SchemaVerdict(schema: path, oldVersion: old, newVersion: new, impact: impact, versionProblem: problem)
    }
}

/// Compares two versions of one form schema, field by field, with `$ref`s resolved through
/// each tree's dictionary.
struct FormComparison {
    let schema: String
    let old: JSONValue
    let new: JSONValue
    let oldDictionary: [String: JSONValue]
    let newDictionary: [String: JSONValue]

    func changes() -> [SchemaChange] {
        var out: [SchemaChange] = []
        func add(_ field: String?, _ impact: SchemaChange.Impact, _ message: String) {
            out.append(.init(schema: schema, field: field, impact: impact, message: message))
        }
        let before = old["properties"]?.objectValue ?? [:]
        let after = new["properties"]?.objectValue ?? [:]
        let requiredBefore = requiredFields(old)
        let requiredAfter = requiredFields(new)
        for field in Set(before.keys).union(after.keys).sorted() {
            switch (before[field], after[field]) {
            case (nil, _?):
                if requiredAfter.contains(field) {
                    add(field, .breaking, "new required field `\(field)`")
                } else {
                    add(field, .compatible, "new optional field `\(field)`")
                }
            case (_?, nil):
                add(field, .breaking, "field `\(field)` removed")
            case (let a?, let b?):
                if !requiredBefore.contains(field) && requiredAfter.contains(field) {
                    add(field, .breaking, "field `\(field)` is now required")
                } else if requiredBefore.contains(field) && !requiredAfter.contains(field) {
                    add(field, .compatible, "field `\(field)` is now optional")
                }
                for change in ConstraintComparison.compare(resolve(a, in: oldDictionary), resolve(b, in: newDictionary)) {
                    add(field, change.impact, "field `\(field)`: \(change.message)")
                }
            case (nil, nil):
                break
            }
        }
        if old["allOf"] != new["allOf"] {
            add(nil, .breaking, "conditions (required_if / visible_if) changed")
        }
        let process = ["x-jimu-item", "x-jimu-bundle"]
        for key in process {
            guard let a = old[key], let b = new[key] else { continue }
            if let x = a["promised_limit"]?.numberValue, let y = b["promised_limit"]?.numberValue, x != y {
                add(nil, y > x ? .breaking : .compatible, "promised limit \(Int(x)) → \(Int(y)) working days")
            }
            for (list, noun) in [("materials", "material"), ("preconditions", "precondition")] {
                let x = Set(a[list]?.arrayValue?.compactMap(\.stringValue) ?? [])
                let y = Set(b[list]?.arrayValue?.compactMap(\.stringValue) ?? [])
                for added in y.subtracting(x).sorted() { add(nil, .breaking, "new \(noun) `\(added)`") }
                for removed in x.subtracting(y).sorted() { add(nil, .compatible, "\(noun) `\(removed)` no longer needed") }
            }
        }
        var oldRest = old
        var newRest = new
        oldRest["x-jimu-version"] = nil
        newRest["x-jimu-version"] = nil
        if out.isEmpty, oldRest != newRest {
            add(nil, .text, "titles, descriptions or provenance changed")
        }
        return out
    }

    /// Fields required always or under a condition: both make an old submission invalid.
    private func requiredFields(_ schema: JSONValue) -> Set<String> {
        var fields = Set(schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        for rule in schema["allOf"]?.arrayValue ?? [] {
            fields.formUnion(rule["then"]?["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        }
        return fields
    }

    /// A property with its `$ref` into the dictionary replaced by the definition.
    private func resolve(_ property: JSONValue, in dictionary: [String: JSONValue]) -> JSONValue {
        guard let reference = property["$ref"]?.stringValue, let hash = reference.range(of: "#/$defs/") else {
            return property
        }
        var resolved = dictionary[String(reference[hash.upperBound...])] ?? [:]
        for (key, value) in property.objectValue ?? [:] where key != "$ref" { resolved[key] = value }
        return resolved
    }
}

/// Compares the constraints of one field's two definitions.
enum ConstraintComparison {
    struct Change {
        var impact: SchemaChange.Impact
        var message: String
    }

    static func compare(_ a: JSONValue, _ b: JSONValue) -> [Change] {
        var changes: [Change] = []
        func add(_ impact: SchemaChange.Impact, _ message: String) { changes.append(.init(impact: impact, message: message)) }
        let typeA = a["type"]?.stringValue
        let typeB = b["type"]?.stringValue
        if typeA != typeB {
            let widened = typeA == "integer" && typeB == "number"
            add(widened ? .compatible : .breaking, "type \(typeA ?? "any") → \(typeB ?? "any")")
        }
        let enumA = a["enum"]?.arrayValue.map { Set($0.compactMap(\.stringValue)) }
        let enumB = b["enum"]?.arrayValue.map { Set($0.compactMap(\.stringValue)) }
        if enumA != enumB {
            switch (enumA, enumB) {
            case (let x?, let y?):
                let removed = x.subtracting(y).sorted()
                let added = y.subtracting(x).sorted()
                if !removed.isEmpty { add(.breaking, "codes removed: \(removed.joined(separator: ", "))") }
                if !added.isEmpty { add(.compatible, "codes added: \(added.joined(separator: ", "))") }
            case (nil, _?): add(.breaking, "now limited to a code list")
            case (_?, nil): add(.compatible, "no longer limited to a code list")
            case (nil, nil): break
            }
        }
        bound(a, b, "maxLength", narrowerWhenSmaller: true, &changes)
        bound(a, b, "maximum", narrowerWhenSmaller: true, &changes)
        bound(a, b, "exclusiveMaximum", narrowerWhenSmaller: true, &changes)
        bound(a, b, "minLength", narrowerWhenSmaller: false, &changes)
        bound(a, b, "minimum", narrowerWhenSmaller: false, &changes)
        bound(a, b, "exclusiveMinimum", narrowerWhenSmaller: false, &changes)
        for key in ["pattern", "x-jimu-format", "format"] {
            let x = a[key]?.stringValue
            let y = b[key]?.stringValue
            guard x != y else { continue }
            // A pattern cannot be proved wider than another: only its removal is safe.
            add(y == nil ? .compatible : .breaking, "\(key) `\(x ?? "none")` → `\(y ?? "none")`")
        }
        if a["allOf"] != b["allOf"] { add(.breaking, "additional patterns changed") }
        if changes.isEmpty, a["title"] != b["title"] || a["description"] != b["description"] {
            add(.text, "title or description changed")
        }
        // The labels of the codes: text, but what a form shows, so a version must move.
        if changes.isEmpty, a["x-jimu-labels"] != b["x-jimu-labels"] {
            add(.text, "code labels changed")
        }
        return changes
    }

    private static func bound(_ a: JSONValue, _ b: JSONValue, _ key: String, narrowerWhenSmaller: Bool, _ changes: inout [Change]) {
        let x = a[key]?.numberValue
        let y = b[key]?.numberValue
        guard x != y else { return }
        let narrowed: Bool
        switch (x, y) {
        case (nil, _?): narrowed = true
        case (_?, nil): narrowed = false
        case (let x?, let y?): narrowed = narrowerWhenSmaller ? y < x : y > x
        default: return
        }
        func text(_ v: Double?) -> String { v.map { $0.rounded() == $0 ? String(Int($0)) : String($0) } ?? "none" }
        changes.append(.init(impact: narrowed ? .breaking : .compatible, message: "\(key) \(text(x)) → \(text(y))"))
    }
}
