/// A regular expression in Jimu's portable dialect (the subset that means the same in
/// ECMA-262, Python's `re` and here): literals, `\uXXXX`, escaped metacharacters, classes
/// with ranges and negation, `^` `$`, groups `(…)` `(?:…)`, `|`, and the quantifiers
/// `* + ? {n} {n,} {n,m}` (greedy or lazy). Matching searches, as JSON Schema's `pattern`
/// does, over Unicode scalars: with a deterministic automaton built at compile time
/// (`PortableRegexDFA`), or by backtracking when no automaton was asked for or it would be
/// too large.
///
/// A class: a form's checks pass their patterns around, and a reference is retained once,
/// where a struct's arrays would be retained one by one.
public final class PortableRegex: Sendable {
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
    private let program: [Op]
    private let sets: [[ClosedRange<UInt32>]]
    private let dfa: PortableRegexDFA?

    /// Instructions of a backtracking machine over Unicode scalars. Matching remembers every
    /// (instruction, position) it has tried, so it never tries one twice: time is bounded by
    /// the program's size times the text's length, whatever the pattern, and no closure or
    /// allocation happens per step.
    enum Op: Sendable {
        case scalar(UInt32)
        case set(Int, negated: Bool)
        case start
        case end
        /// Try the first target, then the second.
        case split(Int, Int)
        case jump(Int)
        case match
    }

    /// A program larger than this is refused: `{n,m}` repeats are expanded.
    public static let maxProgramSize = 50_000

    /// Compiles `pattern`. `automaton`: whether to build the deterministic automaton too, for
    /// fast searches (what a form's checks want; it takes longer to compile), or only the
    /// backtracking machine (enough to check that a pattern compiles, or to search a few
    /// texts, as Jimu itself does while it builds).
    public init(_ pattern: String, automaton: Bool = true) throws(SyntaxError) {
        var parser = Parser(scalars: Array(pattern.unicodeScalars))
        root = try parser.parseAlternation()
        guard parser.index == parser.scalars.count else {
            throw SyntaxError(message: "unbalanced `)`", offset: parser.index)
        }
        if case .sequence(let nodes) = root, case .start? = nodes.first { anchoredAtStart = true } else { anchoredAtStart = false }
        var compiler = Compiler()
        try compiler.emit(root)
        compiler.program.append(.match)
        program = compiler.program
        sets = compiler.sets
        dfa = automaton ? PortableRegexDFA(program: program, sets: sets) : nil
    }

    /// Whether the pattern matches anywhere in `text`.
    public func search(_ text: String) -> Bool {
        text.withUTF8Bytes { search(utf8: $0) }
    }

    /// Whether the pattern matches anywhere in the text of these bytes, which must be a
    /// Swift string's (well-formed UTF-8).
    func search(utf8 text: UnsafeBufferPointer<UInt8>) -> Bool {
        if let dfa { return dfa.search(text) }
        return backtrackingSearch(String(decoding: text, as: UTF8.self).unicodeScalars.map(\.value))
    }

    /// Whether searches run on the deterministic automaton (false: not asked for, or it would
    /// be too large).
    var hasAutomaton: Bool { dfa != nil }

    /// The search of the instructions themselves, for patterns with no automaton.
    func backtrackingSearch(_ scalars: [UInt32]) -> Bool {
        let width = scalars.count + 1
        var visited = [UInt64](repeating: 0, count: (program.count * width + 63) / 64)
        var stack: [(pc: Int, position: Int)] = []
        let lastStart = anchoredAtStart ? 0 : scalars.count
        for start in 0...lastStart {
            stack.append((0, start))
            while let (firstPC, firstPosition) = stack.popLast() {
                var pc = firstPC
                var position = firstPosition
                thread: while true {
                    let bit = pc * width + position
                    if visited[bit >> 6] & (1 << UInt64(bit & 63)) != 0 { break thread }
                    visited[bit >> 6] |= 1 << UInt64(bit & 63)
                    switch program[pc] {
                    case .scalar(let c):
                        guard position < scalars.count, scalars[position] == c else { break thread }
                        pc += 1
                        position += 1
                    case .set(let index, let negated):
                        guard position < scalars.count else { break thread }
                        let value = scalars[position]
                        var inside = false
                        for range in sets[index] where range.contains(value) {
                            inside = true
                            break
                        }
                        guard inside != negated else { break thread }
                        pc += 1
                        position += 1
                    case .start:
                        guard position == 0 else { break thread }
                        pc += 1
                    case .end:
                        guard position == scalars.count else { break thread }
                        pc += 1
                    case .split(let first, let second):
                        stack.append((second, position))
                        pc = first
                    case .jump(let target):
                        pc = target
                    case .match:
                        return true
                    }
                }
            }
        }
        return false
    }

    /// Turns the parsed pattern into instructions; repeats are unrolled.
    struct Compiler {
        var program: [Op] = []
        var sets: [[ClosedRange<UInt32>]] = []

        mutating func emit(_ node: Node) throws(SyntaxError) {
            guard program.count < PortableRegex.maxProgramSize else {
                throw SyntaxError(message: "pattern expands beyond \(PortableRegex.maxProgramSize) steps", offset: 0)
            }
            switch node {
            case .scalar(let c): program.append(.scalar(c.value))
            case .set(let ranges, let negated):
                sets.append(ranges)
                program.append(.set(sets.count - 1, negated: negated))
            case .start: program.append(.start)
            case .end: program.append(.end)
            case .sequence(let nodes):
                for node in nodes { try emit(node) }
            case .alternation(let options):
                var exits: [Int] = []
                for (index, option) in options.enumerated() {
                    if index < options.count - 1 {
                        let split = program.count
                        program.append(.split(split + 1, -1))
                        try emit(option)
                        exits.append(program.count)
                        program.append(.jump(-1))
                        program[split] = .split(split + 1, program.count)
                    } else {
                        try emit(option)
                    }
                }
                for exit in exits { program[exit] = .jump(program.count) }
            case .repeat_(let inner, let min, let max):
                for _ in 0..<min { try emit(inner) }
                if let max {
                    var splits: [Int] = []
                    for _ in min..<Swift.max(min, max) {
                        splits.append(program.count)
                        program.append(.split(program.count + 1, -1))
                        try emit(inner)
                    }
                    for split in splits { program[split] = .split(split + 1, program.count) }
                } else {
                    let loop = program.count
                    program.append(.split(loop + 1, -1))
                    try emit(inner)
                    program.append(.jump(loop))
                    program[loop] = .split(loop + 1, program.count)
                }
            }
        }
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
