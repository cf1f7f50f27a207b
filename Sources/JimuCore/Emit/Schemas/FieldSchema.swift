/// The JSON Schema of one field's values: type and every constraint the catalog states.
enum FieldSchema {
    static func schema(_ spec: FieldSpec, label: LocalizedText, description: LocalizedText?, codeLists: [String: CodeList])
        -> JSONValue
    {
        var schema: JSONValue = [:]
        schema["title"] = .string(Bilingual.title(label))
        var notes: [String] = []
        if let description { notes.append(Bilingual.text(description)) }
        switch spec.type.value {
        case .string:
            schema["type"] = "string"
            if let format = spec.format?.value {
                schema["pattern"] = .string(format.pattern)
                schema["x-jimu-format"] = .string(format.rawValue)
                if format == .email { schema["format"] = "email" }
                notes.append(format.meaning)
                if let pattern = spec.pattern?.value {
                    // Both hold: the format's structure and the editor's own pattern.
                    schema["allOf"] = [["pattern": .string(pattern)]]
                }
            } else if let pattern = spec.pattern?.value {
                schema["pattern"] = .string(pattern)
            }
            if let minLength = spec.minLength?.value { schema["minLength"] = .integer(Int64(minLength)) }
            if let maxLength = spec.maxLength?.value { schema["maxLength"] = .integer(Int64(maxLength)) }
        case .integer, .decimal:
            schema["type"] = spec.type.value == .integer ? "integer" : "number"
            if let minimum = spec.minimum?.value { schema["minimum"] = JSONValue(minimum) }
            if let maximum = spec.maximum?.value { schema["maximum"] = JSONValue(maximum) }
        case .boolean:
            schema["type"] = "boolean"
        case .date:
            schema["type"] = "string"
            schema["format"] = "date"
            schema["pattern"] = .string(datePattern)
            notes.append("A calendar date, YYYY-MM-DD.")
        case .enum:
            schema["type"] = "string"
            if let id = spec.codeList?.value, let list = codeLists[id] {
                schema["enum"] = .array(list.entries.map { .string($0.code.value) })
                schema["x-jimu-codelist"] = .string(id)
                schema["x-jimu-labels"] = .object(
                    Dictionary(
                        list.entries.map { ($0.code.value, Bilingual.json($0.label)) }, uniquingKeysWith: { first, _ in first }))
                if let standard = list.standard?.value { notes.append("Codes of \(standard).") }
            }
        }
        if !notes.isEmpty { schema["description"] = .string(notes.joined(separator: "\n\n")) }
        return schema
    }
}

/// Text in both languages for schema titles and descriptions.
enum Bilingual {
    static func title(_ text: LocalizedText) -> String {
        guard let en = text.en, !en.isEmpty else { return text.zh }
        return "\(text.zh) / \(en)"
    }

    static func text(_ text: LocalizedText) -> String {
        guard let en = text.en, !en.isEmpty else { return text.zh }
        return "\(text.zh)\n\n\(en)"
    }

    static func json(_ text: LocalizedText) -> JSONValue {
        var value: JSONValue = ["zh": .string(text.zh)]
        if let en = text.en { value["en"] = .string(en) }
        return value
    }
}
