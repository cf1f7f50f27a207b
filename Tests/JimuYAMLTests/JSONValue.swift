import JimuYAML

/// A JSON value, for comparing parsed YAML with the yaml-test-suite's `in.json`.
///
/// Numbers are compared as `Double`, objects without regard to key order.
indirect enum JSONValue: Equatable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    var description: String {
        switch self {
        case .null: "null"
        case .bool(let value): "\(value)"
        case .number(let value): "\(value)"
        case .string(let value): value.debugDescription
        case .array(let values): "[" + values.map(\.description).joined(separator: ", ") + "]"
        case .object(let members):
            "{" + members.sorted { $0.key < $1.key }.map { "\($0.key.debugDescription): \($0.value)" }
                .joined(separator: ", ") + "}"
        }
    }

    static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.number(let a), .number(let b)): a == b || (a.isNaN && b.isNaN)
        case (.string(let a), .string(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)): a == b
        default: false
        }
    }
}

/// Why a YAML document has no JSON equivalent.
struct NotJSON: Error, CustomStringConvertible {
    var description: String
}

extension JSONValue {
    /// The JSON form of a YAML node: keys as their scalar text, numbers as `Double`.
    init(_ document: YAMLDocument, _ node: YAMLNodeID) throws(NotJSON) {
        switch document.kind(of: node) {
        case .scalar:
            switch document.value(of: node) {
            case .null: self = .null
            case .bool(let value): self = .bool(value)
            case .int(let value): self = .number(Double(value))
            case .float(let value): self = .number(value)
            case .string(let value): self = .string(value)
            }
        case .sequence:
            var values: [JSONValue] = []
            for item in document.items(of: node) {
                values.append(try JSONValue(document, item))
            }
            self = .array(values)
        case .mapping:
            var members: [String: JSONValue] = [:]
            for entry in document.entries(of: node) {
                guard let key = document.scalar(of: entry.key) else {
                    throw NotJSON(description: "a collection used as a key at \(document.mark(of: entry.key))")
                }
                members[key] = try JSONValue(document, entry.value)
            }
            self = .object(members)
        }
    }
}
