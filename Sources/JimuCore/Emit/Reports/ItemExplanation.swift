/// `jimu explain ITEM`: the standard of one item with every choice, the place it came from,
/// and the alternatives it beat; as text for people and JSON for tools.
public struct ItemExplanation: Codable, Sendable {
    public struct Entry: Codable, Sendable {
        public var id: String
        public var label: String
        public var detail: String
        public var rule: String
        public var locality: String?
        public var source: String
    }

    public var item: MergeReport.ItemReport
    public var fields: [Entry]
    public var materials: [Entry]

    public init(_ item: StandardItem, catalog: StandardCatalog) {
        self.item = MergeReport.itemReport(item)
        fields = item.form.map { field in
            Entry(
                id: field.id, label: field.label.zh,
                detail: (field.required ? "required" : "optional")
                    + (field.prefill.map { ", prefilled from \($0)" } ?? ", by hand"),
                rule: field.provenance.rule.rawValue, locality: field.provenance.locality,
                source: field.provenance.location.description)
        }
        materials = item.materials.map { material in
            Entry(
                id: material.id, label: material.name.zh,
                detail: material.source.rawValue + (material.from.map { " from \($0)" } ?? ""),
                rule: material.provenance.rule.rawValue, locality: material.provenance.locality,
                source: material.provenance.location.description)
        }
    }

    public func text(pathPrefix: String) -> String {
        var out = "\(item.name.zh)"
        if let en = item.name.en { out += " — \(en)" }
        out += " [\(item.key)]\n"
        out += "code \(item.code), department \(item.department), statutory limit \(item.statutoryLimit) working days\n"
        if item.frameOnly { out += "no locality has a practice: the standard is the legal frame\n" }
        for decision in item.decisions {
            out += "\n\(decision.dimension): \(decision.value)\n"
            out += "  chosen: \(decision.locality ?? "frame") by \(decision.rule) at \(pathPrefix)\(decision.source)\n"
            for alternative in decision.alternatives where alternative.locality != decision.locality {
                // An equal value lost only on the written tie-break, not on merit.
                let verb = alternative.value == decision.value ? "tied:  " : "beat:  "
                out += "  \(verb) \(alternative.locality) \(alternative.value) at \(pathPrefix)\(alternative.file):\(alternative.line)\n"
            }
        }
        out += "\nform:\n"
        for entry in fields {
            out += "  \(entry.id) \(entry.label): \(entry.detail) (\(entry.rule), \(pathPrefix)\(entry.source))\n"
        }
        out += "\nmaterials:\n"
        for entry in materials {
            out += "  \(entry.id) \(entry.label): \(entry.detail) (\(entry.rule), \(pathPrefix)\(entry.source))\n"
        }
        if !item.addedBack.isEmpty {
            out += "\nadded back by law: \(item.addedBack.joined(separator: ", "))\n"
        }
        return out
    }
}
