@testable import JimuCore
import Testing

@Suite struct ConditionParserTests {
    typealias E = ConditionExpression

    static func field(_ id: String, _ offset: Int) -> E.Operand { .field(E.FieldName(id: id, offset: offset)) }
    static func number(_ text: String) -> E.Literal { .number(CatalogNumber(value: Double(text)!, text: text)) }

    @Test func precedenceOfOrAndNot() throws {
        // `and` binds tighter than `or`, `not` tighter than `and`.
        let parsed = try ConditionParser.parse("a or b and not c")
        let expected: E = .or(
            .truth(Self.field("a", 0)),
            .and(.truth(Self.field("b", 5)), .not(.truth(Self.field("c", 15)))))
        #expect(parsed == expected)
    }

    @Test func parenthesesOverridePrecedence() throws {
        let parsed = try ConditionParser.parse("(a or b) and c")
        #expect(parsed == .and(.or(.truth(Self.field("a", 1)), .truth(Self.field("b", 6))), .truth(Self.field("c", 13))))
    }

    @Test func chainsAssociateToTheLeft() throws {
        let parsed = try ConditionParser.parse("a and b and c")
        #expect(parsed == .and(.and(.truth(Self.field("a", 0)), .truth(Self.field("b", 6))), .truth(Self.field("c", 12))))
    }

    @Test func membership() throws {
        let parsed = try ConditionParser.parse("gender in ['1', \"2\", 3, true]")
        #expect(parsed == .member(Self.field("gender", 0), [.string("1"), .string("2"), Self.number("3"), .bool(true)]))
    }

    @Test func presence() throws {
        let parsed = try ConditionParser.parse("present(guardian.name)")
        #expect(parsed == .present(E.FieldName(id: "guardian.name", offset: 8)))
        #expect(parsed.fields.map(\.id) == ["guardian.name"])
    }

    @Test(arguments: [
        ("relationship == '9'", E.Comparison.equal),
        ("relationship != '9'", .notEqual),
        ("relationship < 9", .less),
        ("relationship <= 9", .lessOrEqual),
        ("relationship > 9", .greater),
        ("relationship >= 9", .greaterOrEqual),
    ])
    func everyComparison(source: String, comparison: E.Comparison) throws {
        guard case .compare(let left, let op, _) = try ConditionParser.parse(source) else {
            Issue.record("`\(source)` is not a comparison")
            return
        }
        #expect(left == Self.field("relationship", 0))
        #expect(op == comparison)
    }

    @Test func literalsOfEveryKind() throws {
        #expect(try ConditionParser.parse("applicant.age >= -1.5") == .compare(Self.field("applicant.age", 0), .greaterOrEqual, .literal(Self.number("-1.5"))))
        #expect(try ConditionParser.parse("consent == false") == .compare(Self.field("consent", 0), .equal, .literal(.bool(false))))
        #expect(try ConditionParser.parse("name == '王 小明'") == .compare(Self.field("name", 0), .equal, .literal(.string("王 小明"))))
        #expect(try ConditionParser.parse("true") == .truth(.literal(.bool(true))))
    }

    @Test func fieldsInOrderWithOffsets() throws {
        let parsed = try ConditionParser.parse("applicant.age < 18 and not present(guardian.name)")
        #expect(parsed.fields.map(\.id) == ["applicant.age", "guardian.name"])
        #expect(parsed.fields.map(\.offset) == [0, 35])
    }

    @Test func offsetsCountUnicodeScalars() throws {
        // The Chinese text before the field counts one per character, not per UTF-8 byte.
        let parsed = try ConditionParser.parse("'出生' == b")
        #expect(parsed.fields.map(\.offset) == [8])
    }

    @Test(arguments: [
        // (source, offset, a fragment of the message)
        ("age >= ", 7, "found the end of the condition"),
        ("a = 1", 2, "`=` is not a comparison: write `==`"),
        ("a && b", 2, "`&` is not an operator here"),
        ("a || b", 2, "`|` is not an operator here"),
        ("!a", 0, "`!` is not an operator here"),
        ("name == 'abc", 8, "unterminated text"),
        ("present(1)", 8, "expected a field id inside `present(…)`"),
        ("present guardian.name", 8, "expected `(` after `present`"),
        ("present(a", 9, "expected `)` to close `present(`"),
        ("(a or b", 7, "expected `)` to close `(`"),
        ("a in [1, 2", 10, "expected `]` to close the list"),
        ("a in 1", 5, "expected `[` after `in`"),
        ("gender in []", 11, "found `]`"),
        ("a == 1 b", 7, "unexpected field `b` after the condition"),
        ("mother..name == 1", 0, "malformed field id"),
        ("a == 1.2.3", 5, "malformed number"),
        ("a == 1.", 5, "malformed number"),
        ("a == #", 5, "unexpected character `#`"),
        ("a ==", 4, "found the end of the condition"),
        ("", 0, "found the end of the condition"),
        ("and b", 0, "found `and`"),
        ("'出生' = b", 5, "`=` is not a comparison"),
    ])
    func errorsPointAtTheirOffset(source: String, offset: Int, fragment: String) {
        #expect(throws: ConditionParser.Failure.self) { try ConditionParser.parse(source) }
        do {
            _ = try ConditionParser.parse(source)
        } catch {
            #expect(error.offset == offset, "`\(source)`: \(error.message)")
            #expect(error.message.contains(fragment), "`\(source)`: \(error.message)")
        }
    }

    @Test func deepNestingFailsInsteadOfOverflowing() {
        let nots = String(repeating: "not ", count: 200) + "a"
        let parens = String(repeating: "(", count: 200) + "a" + String(repeating: ")", count: 200)
        for source in [nots, parens] {
            do {
                _ = try ConditionParser.parse(source)
                Issue.record("a condition nested 200 deep parsed")
            } catch {
                #expect(error.message.contains("deeper than \(ConditionParser.maxDepth)"))
            }
        }
        // Just inside the bound still parses.
        #expect(throws: Never.self) { try ConditionParser.parse(String(repeating: "not ", count: 63) + "a") }
    }
}
