import JimuCore
import Testing

@Suite struct PortablePatternTests {
    @Test(arguments: [
        #"^[0-9]{17}[0-9X]$"#,
        #"^[\u4e00-\u9fa5·]{2,20}$"#,
        #"^(?:0|[1-9][0-9]*)$"#,
        #"^[A-Z]{2}-[0-9]+$"#,
        #"^[^\n]*$"#,
        #"\.\\\/\(\)\[\]\{\}\*\+\?\|\^\$"#,
        #"[\-\.\\\]\^]"#,
        #"a{2}b{2,}c{2,5}d*?e+?f??"#,
        #"[-a][a-][\]x]"#,
        #"[\u0041-\u005A]"#,
        "(a|b)|(c)",
        "出生医学证明",
        "",
    ])
    func accepted(_ pattern: String) {
        #expect(throws: Never.self) { try PortablePattern.validate(pattern) }
    }

    struct Rejection: Sendable, CustomTestStringConvertible {
        var pattern: String
        var offset: Int
        var message: String
        var suggestion: String?
        var testDescription: String { pattern.debugDescription }

        init(_ pattern: String, _ offset: Int, _ message: String, _ suggestion: String? = nil) {
            self.pattern = pattern
            self.offset = offset
            self.message = message
            self.suggestion = suggestion
        }
    }

    @Test(arguments: [
        Rejection(#"^\d{6}$"#, 1, "`\\d` matches different characters", "write `[0-9]`"),
        Rejection(#"\D"#, 0, "`\\D` matches different characters", "write `[^0-9]`"),
        Rejection(#"^\w+$"#, 1, "`\\w` matches different characters", "write `[A-Za-z0-9_]`"),
        Rejection(#"a\Wb"#, 1, "`\\W` matches different characters", "write `[^A-Za-z0-9_]`"),
        Rejection(#"a\sb"#, 1, "`\\s` matches different characters", #"write `[ \t]`"#),
        Rejection(#"a\S"#, 1, "`\\S` matches different characters", #"write `[^ \t]`"#),
        Rejection(#"[0-9\d]"#, 4, "`\\d` matches different characters", "write `[0-9]`"),
        Rejection("^.+$", 1, "`.` matches different characters", "write a class such as `[^\\n]` or list the allowed characters"),
        Rejection("(?=[0-9])[0-9a-z]", 0, "look-around", "use a plain group `(...)` or `(?:...)`"),
        Rejection("a(?!b)", 1, "look-around", "use a plain group `(...)` or `(?:...)`"),
        Rejection("(?<=a)b", 0, "look-around"),
        Rejection("(?<year>[0-9]{4})", 0, "named groups"),
        Rejection("(?i)abc", 0, "inline flags"),
        Rejection(#"(a)\1"#, 3, "back-references are not portable"),
        Rejection(#"\bword"#, 0, "word boundaries differ"),
        Rejection("*a", 0, "`*` has nothing to repeat", "escape it as `\\*`"),
        Rejection("a|+", 2, "`+` has nothing to repeat", "escape it as `\\+`"),
        Rejection("{3}", 0, "`{` has nothing to repeat", "escape it as `\\{`"),
        Rejection("a**", 2, "a quantifier cannot follow another"),
        Rejection("^*", 1, "an anchor cannot be repeated"),
        Rejection("a{3,1}", 1, "bounds reversed"),
        Rejection("a{,3}", 1, "malformed repetition", "write `{n}`, `{n,}` or `{n,m}`"),
        Rejection("a{3", 1, "malformed repetition"),
        Rejection("[z-a]", 3, "range `z-a` is out of order"),
        Rejection("[abc", 0, "unclosed `[`", "add `]`"),
        Rejection("[[a]", 1, "`[` inside a class is not portable", "escape it as `\\[`"),
        Rejection("(abc", 0, "unclosed `(`", "add `)`"),
        Rejection("abc)", 3, "unbalanced `)`", "escape it as `\\)`"),
        Rejection("a]", 1, "unescaped `]`", "escape it as `\\]`"),
        Rejection("a}", 1, "unescaped `}`", "escape it as `\\}`"),
        Rejection(#"abc\"#, 3, "pattern ends with `\\`"),
        Rejection(#"\u12"#, 0, "`\\u` needs four hexadecimal digits", "write `\\u4e00`"),
        Rejection(#"[0-9]\-[0-9]"#, 5, "`\\-` outside a class", "write `-`"),
        Rejection(#"\q"#, 0, "unknown escape `\\q`", "escape only metacharacters"),
        Rejection("a\u{01}", 1, "control character", "write it as `\\uXXXX`"),
        Rejection("出生\u{1F600}", 2, "outside the Basic Multilingual Plane"),
        Rejection(#"[0-9]{6}（\b"#, 9, "word boundaries differ"),
    ])
    func rejected(_ rejection: Rejection) {
        do {
            try PortablePattern.validate(rejection.pattern)
            Issue.record("`\(rejection.pattern)` was accepted")
        } catch {
            #expect(error.offset == rejection.offset, "\(error.message)")
            #expect(error.message.contains(rejection.message), "\(error.message)")
            if let suggestion = rejection.suggestion {
                #expect(error.suggestion == suggestion)
            }
        }
    }

    @Test func deepGroupsFailInsteadOfOverflowing() {
        let pattern = String(repeating: "(", count: 100) + "a" + String(repeating: ")", count: 100)
        do {
            try PortablePattern.validate(pattern)
            Issue.record("groups nested 100 deep were accepted")
        } catch {
            #expect(error.message.contains("deeper than 32"))
        }
    }
}
