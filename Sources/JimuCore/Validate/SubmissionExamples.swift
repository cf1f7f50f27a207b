import JimuFormsRuntime

/// Example submissions of a form, derived from the catalog: a valid one (every field the
/// form shows, each with a value its rules accept) and invalid ones built from it. They
/// become the generated package's tests and the seeds of the differential test.
public enum SubmissionExamples {
    /// Values that pass each standard format's check.
    static let formatExamples: [String: String] = [
        "cn-resident-id": "360426199101010071", "cn-uscc": "91110000600037341L", "cn-mobile": "13800138000",
        "cn-postcode": "310000", "cn-division": "330111", "email": "service@example.com", "date": "2026-03-02",
    ]

    /// A valid submission as `[(field id, JSON text of the value)]`, or nil when no value can
    /// be derived simply for some field (a pattern too intricate for `PortableRegex.example`).
    public static func valid(form: [StandardField], codeLists: [CodeList]) -> [(String, String)]? {
        let lists = Dictionary(codeLists.map { ($0.id.value, $0) }, uniquingKeysWith: { first, _ in first })
        var members: [(String, String)] = []
        for field in form {
            guard let value = example(FieldRules(field.spec, codeLists: lists)) else { return nil }
            members.append((field.id, value))
        }
        // Drop fields the form hides under these values, until nothing changes.
        // Each submission is validated once: the last one's violations decide.
        let validator = SubmissionValidator(form: form, codeLists: codeLists)
        var violations = validator.validate(json: json(members))
        for _ in 0...form.count {
            let hidden = Set(violations.filter { $0.code == .hidden }.map(\.path))
            if hidden.isEmpty { break }
            members.removeAll { hidden.contains(jsonPointer($0.0)) }
            violations = validator.validate(json: json(members))
        }
        return violations.isEmpty ? members : nil
    }

    static func example(_ rules: FieldRules) -> String? {
        switch rules.kind {
        case .boolean: return "true"
        case .integer, .decimal:
            var value = 1.0
            if let minimum = rules.minimum?.value, value < minimum { value = minimum.rounded(.up) }
            if let maximum = rules.maximum?.value, value > maximum { value = maximum.rounded(.down) }
            return rules.kind == .integer || value.rounded() == value ? String(Int64(value)) : String(value)
        case .code(_, let codes):
            return codes.first.map(quoted)
        case .date:
            return quoted("2026-03-02")
        case .string:
            var text: String
            if let format = rules.format, let known = formatExamples[format] {
                text = known
            } else if let pattern = rules.patterns.first, let regex = try? PortableRegex(pattern, automaton: false), let sample = regex.example() {
                text = sample
            } else {
                text = "示例"
            }
            let length = text.unicodeScalars.count
            if let minLength = rules.minLength, length < minLength, rules.patterns.isEmpty {
                text += String(repeating: "样", count: minLength - length)
            }
            if let maxLength = rules.maxLength, text.unicodeScalars.count > maxLength, rules.patterns.isEmpty {
                text = String(String.UnicodeScalarView(text.unicodeScalars.prefix(maxLength)))
            }
            return quoted(text)
        }
    }

    /// A JSON object from members whose values are already JSON text.
    public static func json(_ members: [(String, String)]) -> [UInt8] {
        var out = "{"
        for (index, member) in members.enumerated() {
            if index > 0 { out += ", " }
            out += quoted(member.0) + ": " + member.1
        }
        return Array((out + "}").utf8)
    }

    static func quoted(_ text: String) -> String {
        var out: [UInt8] = []
        JSONValue.writeString(text, into: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
