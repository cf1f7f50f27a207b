/// Checks that a `pattern` lies in the portable dialect: the subset of regular expressions
/// that means the same in ECMA-262 (JSON Schema validators), Python's `re` and Swift. Anything
/// whose meaning differs between engines (`\d` matches non-ASCII digits in Python and Swift,
/// `.` and line terminators, look-around support) is rejected with a suggested replacement.
public enum PortablePattern {
    public struct Violation: Error, Equatable, Sendable {
        public var message: String
        /// Offset, in Unicode scalars, of the offending construct inside the pattern.
        public var offset: Int
        public var suggestion: String?
    }

    /// Escapes that stand for themselves in every engine.
    static let escapedLiterals: Set<Unicode.Scalar> = [
        ".", "-", "\\", "/", "(", ")", "[", "]", "{", "}", "*", "+", "?", "|", "^", "$",
    ]

    static let replacements: [Unicode.Scalar: String] = [
        "d": "[0-9]", "D": "[^0-9]", "w": "[A-Za-z0-9_]", "W": "[^A-Za-z0-9_]",
        "s": "[ \\t]", "S": "[^ \\t]",
    ]

    public static func validate(_ pattern: String) throws(Violation) {
        var parser = Parser(scalars: Array(pattern.unicodeScalars))
        try parser.parseAlternation(depth: 0)
        if parser.index < parser.scalars.count {
            throw Violation(message: "unbalanced `)`", offset: parser.index, suggestion: "escape it as `\\)`")
        }
    }

    struct Parser {
        let scalars: [Unicode.Scalar]
        var index = 0

        var atEnd: Bool { index >= scalars.count }
        var peek: Unicode.Scalar? { atEnd ? nil : scalars[index] }

        mutating func parseAlternation(depth: Int) throws(Violation) {
            guard depth < 32 else {
                throw Violation(message: "groups nest deeper than 32 levels", offset: index, suggestion: nil)
            }
            try parseSequence(depth: depth)
            while peek == "|" {
                index += 1
                try parseSequence(depth: depth)
            }
        }

        mutating func parseSequence(depth: Int) throws(Violation) {
            while let c = peek, c != "|", c != ")" {
                let start = index
                let quantifiable = try parseAtom(depth: depth)
                try parseQuantifier(after: start, quantifiable: quantifiable)
            }
        }

        /// Parses one atom; returns whether a quantifier may follow it.
        mutating func parseAtom(depth: Int) throws(Violation) -> Bool {
            let start = index
            let c = scalars[index]
            switch c {
            case "^", "$":
                index += 1
                return false
            case ".":
                throw Violation(
                    message: "`.` matches different characters in different engines", offset: start,
                    suggestion: "write a class such as `[^\\n]` or list the allowed characters")
            case "(":
                index += 1
                if peek == "?" {
                    if index + 1 < scalars.count, scalars[index + 1] == ":" {
                        index += 2
                    } else {
                        throw Violation(
                            message: "look-around, named groups and inline flags are not portable",
                            offset: start, suggestion: "use a plain group `(...)` or `(?:...)`")
                    }
                }
                try parseAlternation(depth: depth + 1)
                guard peek == ")" else {
                    throw Violation(message: "unclosed `(`", offset: start, suggestion: "add `)`")
                }
                index += 1
                return true
            case "[":
                try parseClass()
                return true
            case "\\":
                try parseEscape(inClass: false)
                return true
            case "*", "+", "?":
                throw Violation(message: "`\(c)` has nothing to repeat", offset: start, suggestion: "escape it as `\\\(c)`")
            case "{":
                throw Violation(message: "`{` has nothing to repeat", offset: start, suggestion: "escape it as `\\{`")
            case "]", "}":
                throw Violation(message: "unescaped `\(c)`", offset: start, suggestion: "escape it as `\\\(c)`")
            default:
                if c.value < 0x20 || c.value == 0x7F {
                    throw Violation(message: "control character in pattern", offset: start, suggestion: "write it as `\\uXXXX`")
                }
                if c.value > 0xFFFF {
                    throw Violation(
                        message: "characters outside the Basic Multilingual Plane match differently in ECMA-262",
                        offset: start, suggestion: nil)
                }
                index += 1
                return true
            }
        }

        mutating func parseQuantifier(after start: Int, quantifiable: Bool) throws(Violation) {
            guard let c = peek, c == "*" || c == "+" || c == "?" || c == "{" else { return }
            guard quantifiable else {
                throw Violation(message: "an anchor cannot be repeated", offset: index, suggestion: nil)
            }
            if c == "{" {
                let open = index
                index += 1
                let low = digits()
                var high: Int? = low
                if peek == "," {
                    index += 1
                    high = peek == "}" ? nil : digits()
                    if high == nil && peek != "}" {
                        throw Violation(message: "malformed repetition", offset: open, suggestion: "write `{n}`, `{n,}` or `{n,m}`")
                    }
                }
                guard let low, peek == "}" else {
                    throw Violation(message: "malformed repetition", offset: open, suggestion: "write `{n}`, `{n,}` or `{n,m}`")
                }
                index += 1
                if let high, high < low {
                    throw Violation(message: "repetition {\(low),\(high)} has its bounds reversed", offset: open, suggestion: nil)
                }
            } else {
                index += 1
            }
            if let next = peek, next == "*" || next == "+" || next == "{" {
                throw Violation(message: "a quantifier cannot follow another", offset: index, suggestion: nil)
            }
            if peek == "?" { index += 1 }  // lazy: the same in every engine
        }

        mutating func digits() -> Int? {
            var value: Int?
            while let c = peek, c.isASCIIDigit {
                value = min((value ?? 0) * 10 + Int(c.value - 48), 100_000)
                index += 1
            }
            return value
        }

        mutating func parseClass() throws(Violation) {
            let open = index
            index += 1
            if peek == "^" { index += 1 }
            var first = true
            var previous: Unicode.Scalar?
            while let c = peek, c != "]" || first {
                first = false
                let start = index
                var member: Unicode.Scalar
                if c == "\\" {
                    guard let escaped = try parseEscape(inClass: true) else {
                        previous = nil
                        continue
                    }
                    member = escaped
                } else if c == "[" {
                    throw Violation(message: "`[` inside a class is not portable", offset: start, suggestion: "escape it as `\\[`")
                } else {
                    if c.value > 0xFFFF {
                        throw Violation(message: "characters outside the Basic Multilingual Plane match differently in ECMA-262", offset: start, suggestion: nil)
                    }
                    member = c
                    index += 1
                }
                if member == "-", c != "\\", let low = previous, let next = peek, next != "]" {
                    let highStart = index
                    var high: Unicode.Scalar
                    if next == "\\" {
                        guard let escaped = try parseEscape(inClass: true) else {
                            throw Violation(message: "a range cannot end in a class escape", offset: highStart, suggestion: nil)
                        }
                        high = escaped
                    } else {
                        high = next
                        index += 1
                    }
                    if high.value < low.value {
                        throw Violation(message: "range `\(low)-\(high)` is out of order", offset: highStart, suggestion: nil)
                    }
                    previous = nil
                    continue
                }
                previous = member
            }
            guard peek == "]" else {
                throw Violation(message: "unclosed `[`", offset: open, suggestion: "add `]`")
            }
            index += 1
        }

        /// Parses an escape; returns the literal scalar it stands for.
        @discardableResult
        mutating func parseEscape(inClass: Bool) throws(Violation) -> Unicode.Scalar? {
            let start = index
            index += 1
            guard let c = peek else {
                throw Violation(message: "pattern ends with `\\`", offset: start, suggestion: "write `\\\\` for a backslash")
            }
            if let replacement = Self.replacementFor(c) {
                throw Violation(
                    message: "`\\\(c)` matches different characters in different engines", offset: start,
                    suggestion: "write `\(replacement)`")
            }
            if c == "u" {
                let hex = scalars[(index + 1)..<min(index + 5, scalars.count)]
                guard hex.count == 4, let value = UInt32(String(String.UnicodeScalarView(hex)), radix: 16),
                    let scalar = Unicode.Scalar(value)
                else {
                    throw Violation(message: "`\\u` needs four hexadecimal digits", offset: start, suggestion: "write `\\u4e00`")
                }
                index += 5
                return scalar
            }
            if c == "n" || c == "t" || c == "r" {
                index += 1
                return c == "n" ? "\n" : c == "t" ? "\t" : "\r"
            }
            if c == "-" && !inClass {
                throw Violation(
                    message: "`\\-` outside a class is an error in ECMA-262's unicode mode", offset: start,
                    suggestion: "write `-`")
            }
            if PortablePattern.escapedLiterals.contains(c) {
                index += 1
                return c
            }
            if c == "b" || c == "B" {
                throw Violation(message: "word boundaries differ between engines", offset: start, suggestion: nil)
            }
            if c.isASCIIDigit {
                throw Violation(message: "back-references are not portable", offset: start, suggestion: nil)
            }
            throw Violation(message: "unknown escape `\\\(c)`", offset: start, suggestion: inClass ? nil : "escape only metacharacters")
        }

        static func replacementFor(_ c: Unicode.Scalar) -> String? {
            PortablePattern.replacements[c]
        }
    }
}
