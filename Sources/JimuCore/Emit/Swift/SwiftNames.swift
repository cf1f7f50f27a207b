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
        // On bytes: only ASCII counts, and every byte of a non-ASCII character is ≥ 0x80, so
        // it separates words as the character does. Tens of thousands of names a province.
        var out: [UInt8] = []
        var startsWord = true
        for byte in text.utf8 {
            let letter = (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
            guard letter || (0x30...0x39).contains(byte) else {
                startsWord = true
                continue
            }
            if startsWord && letter {
                let lower = out.isEmpty && !upper
                out.append(lower ? byte | 0x20 : byte & ~0x20)
            } else {
                out.append(byte)
            }
            startsWord = false
        }
        return String(decoding: out, as: UTF8.self)
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
