/// Safe Swift identifiers from catalog ids and labels: ASCII words in camel case, never a
/// keyword, never starting with a digit, unique within their scope.
struct SwiftNames {
    static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init", "inout",
        "internal", "let", "open", "operator", "private", "precedencegroup", "protocol", "public", "rethrows",
        "static", "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue", "default",
        "defer", "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return", "throw", "switch",
        "where", "while", "Any", "as", "await", "false", "is", "nil", "self", "Self", "super", "throws", "true",
        "try", "some", "any", "Type", "Protocol", "async", "consume", "copy", "discard", "each", "borrowing",
        "consuming", "isolated", "nonisolated", "sending", "macro", "package", "indirect", "lazy", "weak", "unowned",
        "mutating", "nonmutating", "override", "required", "convenience", "dynamic", "final", "optional",
        "prefix", "postfix", "infix", "left", "right", "none", "get", "set", "willSet", "didSet",
        "rawValue", "description", "hashValue", "init", "validate", "label", "formID",
    ]

    private var used: Set<String>

    init(reserved: Set<String> = []) {
        used = reserved
    }

    /// `mother.id_number` → `motherIdNumber`; `household-registration` with `upper` →
    /// `HouseholdRegistration`. Anything not an ASCII letter or digit separates words.
    static func camel(_ text: String, upper: Bool) -> String {
        var words: [String] = []
        var current = ""
        for scalar in text.unicodeScalars {
            if scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)) {
                current.unicodeScalars.append(scalar)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        let joined = words.enumerated().map { index, word in
            if index == 0 && !upper { return word.prefix(1).lowercased() + word.dropFirst() }
            return word.prefix(1).uppercased() + word.dropFirst()
        }.joined()
        return joined
    }

    /// A fresh identifier for `text`, using `fallback` when the text has no ASCII word
    /// (a Chinese label): never a keyword, never a leading digit, never used twice.
    mutating func make(_ text: String, upper: Bool = false, fallback: String) -> String {
        var base = Self.camel(text, upper: upper)
        if base.isEmpty { base = fallback }
        if let first = base.unicodeScalars.first, ("0"..."9").contains(first) { base = (upper ? "N" : "n") + base }
        if Self.keywords.contains(base) { base += upper ? "Value" : "Value" }
        var candidate = base
        var counter = 2
        while used.contains(candidate) {
            candidate = base + String(counter)
            counter += 1
        }
        used.insert(candidate)
        return candidate
    }
}
