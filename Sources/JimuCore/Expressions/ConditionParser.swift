/// Parses the condition language of docs/catalog-format.md. Errors carry the offset (in
/// Unicode scalars) of the token at fault, so diagnostics point inside the expression.
public struct ConditionParser {
    public struct Failure: Error, Equatable, Sendable {
        public var message: String
        public var offset: Int
    }

    public static func parse(_ source: String) throws(Failure) -> ConditionExpression {
        var parser = ConditionParser(tokens: try ConditionLexer.tokens(of: source))
        let expression = try parser.parseOr(depth: 0)
        guard case .end = parser.current.kind else {
            throw Failure(message: "unexpected \(parser.current.kind.describe) after the condition", offset: parser.current.offset)
        }
        return expression
    }

    /// Nesting bound: parentheses and `not` recurse, and a hostile expression must fail
    /// with a diagnostic, not exhaust the stack.
    static let maxDepth = 64

    /// Bound on the `and`s and `or`s of one condition. A chain of them parses into a tree
    /// as deep as it is long, which every later stage (type checks, schemas, the Swift
    /// module, guides) walks recursively: 5,000 of them overflowed a thread's stack once
    /// `max_expression_length` was raised. The default length admits about 200.
    static let maxOperators = 256

    private var tokens: [ConditionLexer.Token]
    private var index = 0
    private var operators = 0

    private init(tokens: [ConditionLexer.Token]) { self.tokens = tokens }

    private var current: ConditionLexer.Token { tokens[index] }

    private mutating func advance() { if index < tokens.count - 1 { index += 1 } }

    private mutating func parseOr(depth: Int) throws(Failure) -> ConditionExpression {
        var left = try parseAnd(depth: depth)
        while case .word("or") = current.kind {
            try countOperator()
            advance()
            left = .or(left, try parseAnd(depth: depth))
        }
        return left
    }

    private mutating func parseAnd(depth: Int) throws(Failure) -> ConditionExpression {
        var left = try parseUnary(depth: depth)
        while case .word("and") = current.kind {
            try countOperator()
            advance()
            left = .and(left, try parseUnary(depth: depth))
        }
        return left
    }

    private mutating func countOperator() throws(Failure) {
        operators += 1
        guard operators <= Self.maxOperators else {
            throw Failure(
                message: "condition combines more than \(Self.maxOperators + 1) comparisons with `and` and `or`; "
                    + "split it, or list values with `in [...]`",
                offset: current.offset)
        }
    }

    private mutating func parseUnary(depth: Int) throws(Failure) -> ConditionExpression {
        guard depth < Self.maxDepth else {
            throw Failure(message: "condition nests deeper than \(Self.maxDepth) levels", offset: current.offset)
        }
        if case .word("not") = current.kind {
            advance()
            return .not(try parseUnary(depth: depth + 1))
        }
        return try parseComparison(depth: depth)
    }

    private mutating func parseComparison(depth: Int) throws(Failure) -> ConditionExpression {
        if case .symbol("(") = current.kind {
            advance()
            let inner = try parseOr(depth: depth + 1)
            try expect(")", "to close `(`")
            return inner
        }
        if case .word("present") = current.kind {
            advance()
            try expect("(", "after `present`")
            guard case .field(let id) = current.kind else {
                throw Failure(message: "expected a field id inside `present(…)`", offset: current.offset)
            }
            let name = ConditionExpression.FieldName(id: id, offset: current.offset)
            advance()
            try expect(")", "to close `present(`")
            return .present(name)
        }
        let left = try parseOperand()
        switch current.kind {
        case .symbol(let s):
            if let op = ConditionExpression.Comparison(rawValue: s) {
                advance()
                return .compare(left, op, try parseOperand())
            }
        case .word("in"):
            advance()
            try expect("[", "after `in`")
            var values: [ConditionExpression.Literal] = [try parseLiteral()]
            while case .symbol(",") = current.kind {
                advance()
                values.append(try parseLiteral())
            }
            try expect("]", "to close the list")
            return .member(left, values)
        default:
            break
        }
        return .truth(left)
    }

    private mutating func parseOperand() throws(Failure) -> ConditionExpression.Operand {
        if case .field(let id) = current.kind {
            let name = ConditionExpression.FieldName(id: id, offset: current.offset)
            advance()
            return .field(name)
        }
        return .literal(try parseLiteral())
    }

    private mutating func parseLiteral() throws(Failure) -> ConditionExpression.Literal {
        let token = current
        switch token.kind {
        case .string(let s):
            advance()
            return .string(s)
        case .number(let n):
            advance()
            return .number(n)
        case .word("true"):
            advance()
            return .bool(true)
        case .word("false"):
            advance()
            return .bool(false)
        default:
            throw Failure(message: "expected a field, a 'text', a number, true or false, found \(token.kind.describe)", offset: token.offset)
        }
    }

    private mutating func expect(_ symbol: String, _ context: String) throws(Failure) {
        guard case .symbol(symbol) = current.kind else {
            throw Failure(message: "expected `\(symbol)` \(context), found \(current.kind.describe)", offset: current.offset)
        }
        advance()
    }
}
