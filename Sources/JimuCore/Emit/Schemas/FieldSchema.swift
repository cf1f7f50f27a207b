/// The JSON Schema of one field's values: its `FieldRules` as keywords. Custom formats
/// (`cn-resident-id`, `cn-uscc`) are named with `format`, which validators treat as an
/// annotation unless told to assert it; the Swift module asserts them.
enum FieldSchema {
    static func schema(_ spec: FieldSpec, label: LocalizedText, description: LocalizedText?, codeLists: [String: CodeList])
        -> JSONValue
    {
        let rules = FieldRules(spec, codeLists: codeLists)
        var schema: JSONValue = [:]
        schema["title"] = .string(Bilingual.title(label))
        var notes: [String] = []
        if let description { notes.append(Bilingual.text(description)) }
        switch rules.kind {
        case .string, .date: schema["type"] = "string"
        case .integer: schema["type"] = "integer"
        case .decimal: schema["type"] = "number"
        case .boolean: schema["type"] = "boolean"
        case .code(let id, let codes):
            schema["type"] = "string"
            schema["enum"] = .array(codes.map { .string($0) })
            if let list = codeLists[id] {
                schema["x-jimu-codelist"] = .string(id)
                schema["x-jimu-labels"] = .object(
                    Dictionary(
                        list.entries.map { ($0.code.value, Bilingual.json($0.label)) }, uniquingKeysWith: { first, _ in first }))
                if let standard = list.standard?.value { notes.append("Codes of \(standard).") }
            }
        }
        if let first = rules.patterns.first { schema["pattern"] = .string(first) }
        if rules.patterns.count > 1 {
            // Every pattern holds: the format's structure and the editor's own.
            schema["allOf"] = .array(rules.patterns.dropFirst().map { ["pattern": .string($0)] })
        }
        if rules.forbidsTrailingNewline {
            schema["not"] = ["pattern": "\\n$"]
        }
        if let format = rules.format { schema["format"] = .string(format) }
        if let format = spec.format?.value { notes.append(format.meaning) }
        if spec.type.value == .date { notes.append("A calendar date, YYYY-MM-DD, that exists.") }
        if let minLength = rules.minLength { schema["minLength"] = .integer(Int64(minLength)) }
        if let maxLength = rules.maxLength { schema["maxLength"] = .integer(Int64(maxLength)) }
        if let minimum = rules.minimum { schema["minimum"] = JSONValue(minimum) }
        if let maximum = rules.maximum { schema["maximum"] = JSONValue(maximum) }
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
