/// A regular expression in Jimu's portable dialect (the subset that means the same in
/// ECMA-262, Python's `re` and here): literals, `\uXXXX`, escaped metacharacters, classes
/// with ranges and negation, `^` `$`, groups `(…)` `(?:…)`, `|`, and the quantifiers
/// `* + ? {n} {n,} {n,m}` (greedy or lazy). Matching searches, as JSON Schema's `pattern`
/// does, over Unicode scalars, by backtracking.
public struct PortableRegex: Sendable {
    indirect enum Node: Sendable {
        case scalar(Unicode.Scalar)
        case set([ClosedRange<UInt32>], negated: Bool)
        case start
        case end
        case sequence([Node])
        case alternation([Node])
        case repeat_(Node, min: Int, max: Int?)
    }

    public struct SyntaxError: Error, Sendable, Equatable {
        public var message: String
        public var offset: Int
    }

    let root: Node
    let anchoredAtStart: Bool

    public init(_ pattern: String) throws(SyntaxError) {
        var parser = Parser(scalars: Array(pattern.unicodeScalars))
        root = try parser.parseAlternation()
        guard parser.index == parser.scalars.count else {
            throw SyntaxError(message: "unbalanced `)`", offset: parser.index)
        }
        if case .sequence(let nodes) = root, case .start? = nodes.first { anchoredAtStart = true } else { anchoredAtStart = false }
    }

    /// Whether the pattern matches anywhere in `text`.
    public func search(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        // A bound on backtracking steps, so no pattern and input can hang a service.
        let budget = Budget(remaining: 1_000_000)
        let starts = anchoredAtStart ? 0...0 : 0...scalars.count
        for start in starts {
            if match(root, scalars, start, budget, { _ in true }) { return true }
            if budget.remaining <= 0 { return false }
        }
        return false
    }

    final class Budget {
        var remaining: Int
        init(remaining: Int) { self.remaining = remaining }
    }

    /// Continuation-passing backtracking: `next` is tried with every position `node` can end at.
    private func match(_ node: Node, _ s: [Unicode.Scalar], _ i: Int, _ budget: Budget, _ next: (Int) -> Bool) -> Bool {
        budget.remaining -= 1
        if budget.remaining <= 0 { return false }
        switch node {
        case .scalar(let c):
            return i < s.count && s[i] == c && next(i + 1)
        case .set(let ranges, let negated):
            guard i < s.count else { return false }
            let v = s[i].value
            let inside = ranges.contains { $0.contains(v) }
            return inside != negated && next(i + 1)
        case .start:
            return i == 0 && next(i)
        case .end:
            return i == s.count && next(i)
        case .sequence(let nodes):
            return matchSequence(nodes[...], s, i, budget, next)
        case .alternation(let options):
            for option in options where match(option, s, i, budget, next) { return true }
            return false
        case .repeat_(let inner, let min, let max):
            return matchRepeat(inner, min: min, max: max, count: 0, s, i, budget, next)
        }
    }

    private func matchSequence(
        _ nodes: ArraySlice<Node>, _ s: [Unicode.Scalar], _ i: Int, _ budget: Budget, _ next: (Int) -> Bool
    ) -> Bool {
        guard let first = nodes.first else { return next(i) }
        let rest = nodes.dropFirst()
        return match(first, s, i, budget) { j in self.matchSequence(rest, s, j, budget, next) }
    }

    /// Greedy repetition; a lazy one finds a match exactly when a greedy one does, and a
    /// pattern only answers whether it matches.
    private func matchRepeat(
        _ inner: Node, min: Int, max: Int?, count: Int, _ s: [Unicode.Scalar], _ i: Int, _ budget: Budget,
        _ next: (Int) -> Bool
    ) -> Bool {
        if let max, count >= max { return next(i) }
        let more = match(inner, s, i, budget) { j in
            // An empty iteration makes no progress: allowed only to reach the minimum.
            guard j > i || count < min else { return false }
            return self.matchRepeat(inner, min: min, max: max, count: count + 1, s, j, budget, next)
        }
        if more { return true }
        return count >= min && next(i)
    }

    struct Parser {
        let scalars: [Unicode.Scalar]
        var index = 0

        var peek: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

        mutating func parseAlternation() throws(SyntaxError) -> Node {
            var options = [try parseSequence()]
            while peek == "|" {
                index += 1
                options.append(try parseSequence())
            }
            return options.count == 1 ? options[0] : .alternation(options)
        }

        mutating func parseSequence() throws(SyntaxError) -> Node {
            var nodes: [Node] = []
            while let c = peek, c != "|", c != ")" {
                var atom = try parseAtom()
                if let q = peek, q == "*" || q == "+" || q == "?" || q == "{" {
                    atom = try parseQuantifier(atom)
                }
                nodes.append(atom)
            }
            return .sequence(nodes)
        }

        mutating func parseAtom() throws(SyntaxError) -> Node {
            let c = scalars[index]
            index += 1
            switch c {
            case "^": return .start
            case "$": return .end
            case "(":
                if peek == "?" {
                    guard index + 1 < scalars.count, scalars[index + 1] == ":" else {
                        throw SyntaxError(message: "unsupported group", offset: index)
                    }
                    index += 2
                }
                let inner = try parseAlternation()
                guard peek == ")" else { throw SyntaxError(message: "unclosed `(`", offset: index) }
                index += 1
                return inner
            case "[": return try parseClass()
            case "\\": return .scalar(try parseEscape())
            case ".": throw SyntaxError(message: "`.` is not portable", offset: index - 1)
            default: return .scalar(c)
            }
        }

        mutating func parseQuantifier(_ atom: Node) throws(SyntaxError) -> Node {
            let q = scalars[index]
            index += 1
            var node: Node
            switch q {
            case "*": node = .repeat_(atom, min: 0, max: nil)
            case "+": node = .repeat_(atom, min: 1, max: nil)
            case "?": node = .repeat_(atom, min: 0, max: 1)
            default:
                let low = digits() ?? 0
                var high: Int? = low
                if peek == "," {
                    index += 1
                    high = peek == "}" ? nil : digits()
                }
                guard peek == "}" else { throw SyntaxError(message: "malformed repetition", offset: index) }
                index += 1
                node = .repeat_(atom, min: low, max: high)
            }
            if peek == "?" { index += 1 }
            return node
        }

        mutating func digits() -> Int? {
            var value: Int?
            while let c = peek, c >= "0" && c <= "9" {
                value = Swift.min((value ?? 0) * 10 + Int(c.value - 48), 100_000)
                index += 1
            }
            return value
        }

        mutating func parseClass() throws(SyntaxError) -> Node {
            var negated = false
            if peek == "^" {
                negated = true
                index += 1
            }
            var ranges: [ClosedRange<UInt32>] = []
            var first = true
            while let c = peek, c != "]" || first {
                first = false
                index += 1
                var low = c
                if c == "\\" { low = try parseEscape() }
                if peek == "-", index + 1 < scalars.count, scalars[index + 1] != "]" {
                    index += 1
                    var high = scalars[index]
                    index += 1
                    if high == "\\" { high = try parseEscape() }
                    ranges.append(low.value...Swift.max(low.value, high.value))
                } else {
                    ranges.append(low.value...low.value)
                }
            }
            guard peek == "]" else { throw SyntaxError(message: "unclosed `[`", offset: index) }
            index += 1
            return .set(ranges, negated: negated)
        }

        /// After a backslash: the literal scalar it stands for.
        mutating func parseEscape() throws(SyntaxError) -> Unicode.Scalar {
            guard let c = peek else { throw SyntaxError(message: "pattern ends with `\\`", offset: index) }
            index += 1
            switch c {
            case "n": return "\n"
            case "t": return "\t"
            case "r": return "\r"
            case "u":
                guard index + 4 <= scalars.count,
                    let value = UInt32(String(String.UnicodeScalarView(scalars[index..<index + 4])), radix: 16),
                    let scalar = Unicode.Scalar(value)
                else { throw SyntaxError(message: "malformed \\u escape", offset: index) }
                index += 4
                return scalar
            default:
                return c
            }
        }
    }
}

extension PortableRegex {
    /// A short text the pattern matches, for generated examples; nil when none is found
    /// simply (a negated class with no printable character outside it).
    public func example() -> String? {
        var out = String.UnicodeScalarView()
        guard Self.example(root, into: &out) else { return nil }
        let text = String(out)
        return search(text) ? text : nil
    }

    private static func example(_ node: Node, into out: inout String.UnicodeScalarView) -> Bool {
        switch node {
        case .scalar(let c):
            out.append(c)
            return true
        case .set(let ranges, let negated):
            if !negated {
                guard let first = ranges.first, let scalar = Unicode.Scalar(first.lowerBound) else { return false }
                out.append(scalar)
                return true
            }
            for candidate in "a0A中".unicodeScalars where !ranges.contains(where: { $0.contains(candidate.value) }) {
                out.append(candidate)
                return true
            }
            return false
        case .start, .end:
            return true
        case .sequence(let nodes):
            return nodes.allSatisfy { example($0, into: &out) }
        case .alternation(let options):
            guard let first = options.first else { return true }
            return example(first, into: &out)
        case .repeat_(let inner, let min, _):
            for _ in 0..<min where !example(inner, into: &out) { return false }
            return true
        }
    }
}
