/// One way a submission breaks its form's rules: where (a JSON Pointer into the
/// submission), which rule (a stable code), and what to tell the applicant, in Chinese and
/// in English. The codes are the JSON Schema keywords that reject the same submission.
public struct Violation: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    public enum Code: String, Sendable, Codable, CaseIterable {
        case json
        case type
        case required
        case additionalProperties
        case `enum`
        case pattern
        case format
        case minLength
        case maxLength
        case minimum
        case maximum
        case hidden
    }

    public var path: String
    public var code: Code
    public var message: String
    public var messageZh: String

    public init(path: String, code: Code, message: String, messageZh: String) {
        self.path = path
        self.code = code
        self.message = message
        self.messageZh = messageZh
    }

    public var description: String { "\(path.isEmpty ? "/" : path): \(code.rawValue): \(message)" }

    public static func required(_ path: String) -> Violation {
        Violation(path: path, code: .required, message: "is required", messageZh: "必填")
    }

    public static func hidden(_ path: String) -> Violation {
        Violation(path: path, code: .hidden, message: "must be absent: the form does not show it", messageZh: "此项不应填写")
    }

    public static func type(_ path: String, expected: String, expectedZh: String) -> Violation {
        Violation(path: path, code: .type, message: "must be \(expected)", messageZh: "应为\(expectedZh)")
    }

    public static func unknown(_ path: String) -> Violation {
        Violation(
            path: path, code: .additionalProperties, message: "is not a field of this form", messageZh: "表单中没有此项")
    }
}

/// JSON Pointer escaping of a property name (`~` → `~0`, `/` → `~1`).
public func jsonPointer(_ name: String) -> String {
    var out = "/"
    for scalar in name.unicodeScalars {
        switch scalar {
        case "~": out += "~0"
        case "/": out += "~1"
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out
}
