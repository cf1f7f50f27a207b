/// Splits a condition into tokens. Keywords (`and`, `or`, `not`, `in`, `present`, `true`,
/// `false`) are reserved; every other dotted lower-case name is a field id.
enum ConditionLexer {
    struct Token {
        var kind: Kind
        var offset: Int
    }

    enum Kind: Equatable {
        case word(String)
        case field(String)
        case string(String)
        case number(CatalogNumber)
        case symbol(String)
        case end

        var describe: String {
            switch self {
            case .word(let w): "`\(w)`"
            case .field(let f): "field `\(f)`"
            case .string(let s): "'\(s)'"
            case .number(let n): n.text
            case .symbol(let s): "`\(s)`"
            case .end: "the end of the condition"
            }
        }
    }

    static let keywords: Set<String> = ["and", "or", "not", "in", "present", "true", "false"]

    static func tokens(of source: String) throws(ConditionParser.Failure) -> [Token] {
        let scalars = Array(source.unicodeScalars)
        var tokens: [Token] = []
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if c == " " || c == "\t" || c == "\n" || c == "\r" {
                i += 1
                continue
            }
            let start = i
            if isIdentifierStart(c) {
                while i < scalars.count, isIdentifierPart(scalars[i]) { i += 1 }
                let word = String(String.UnicodeScalarView(scalars[start..<i]))
                if word.hasSuffix(".") || word.contains("..") {
                    throw .init(message: "malformed field id `\(word)`", offset: start)
                }
                tokens.append(Token(kind: keywords.contains(word) ? .word(word) : .field(word), offset: start))
            } else if c.isASCIIDigit || (c == "-" && i + 1 < scalars.count && scalars[i + 1].isASCIIDigit) {
                i += 1
                while i < scalars.count, scalars[i].isASCIIDigit || scalars[i] == "." { i += 1 }
                let text = String(String.UnicodeScalarView(scalars[start..<i]))
                guard let value = Double(text), text.filter({ $0 == "." }).count <= 1, !text.hasSuffix(".") else {
                    throw .init(message: "malformed number `\(text)`", offset: start)
                }
                tokens.append(Token(kind: .number(CatalogNumber(value: value, text: text)), offset: start))
            } else if c == "'" || c == "\"" {
                i += 1
                var text = String.UnicodeScalarView()
                while i < scalars.count, scalars[i] != c {
                    text.append(scalars[i])
                    i += 1
                }
                guard i < scalars.count else {
                    throw .init(message: "unterminated text: add a closing \(c)", offset: start)
                }
                i += 1
                tokens.append(Token(kind: .string(String(text)), offset: start))
            } else {
                let two = i + 1 < scalars.count ? String(String.UnicodeScalarView([c, scalars[i + 1]])) : ""
                if ["==", "!=", "<=", ">="].contains(two) {
                    tokens.append(Token(kind: .symbol(two), offset: start))
                    i += 2
                } else if "<>()[],".unicodeScalars.contains(c) {
                    tokens.append(Token(kind: .symbol(String(c)), offset: start))
                    i += 1
                } else if c == "=" {
                    throw .init(message: "`=` is not a comparison: write `==`", offset: start)
                } else if c == "&" || c == "|" || c == "!" {
                    throw .init(message: "`\(c)` is not an operator here: write `and`, `or`, `not` or `!=`", offset: start)
                } else {
                    throw .init(message: "unexpected character `\(c)`", offset: start)
                }
            }
        }
        tokens.append(Token(kind: .end, offset: scalars.count))
        return tokens
    }

    private static func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
        (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_"
    }

    private static func isIdentifierPart(_ c: Unicode.Scalar) -> Bool {
        isIdentifierStart(c) || c.isASCIIDigit || c == "."
    }
}

extension Unicode.Scalar {
    var isASCIIDigit: Bool { self >= "0" && self <= "9" }
}
