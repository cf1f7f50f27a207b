import JimuYAML
import Testing

/// YAML 1.2 core schema: `no` is a string, `0x1F` an integer, quoted text always a string.
@Suite struct ScalarResolutionTests {
    static let table: [(String, YAMLScalarValue)] = [
        // YAML 1.1 booleans are strings in 1.2.
        ("no", .string("no")), ("on", .string("on")), ("yes", .string("yes")), ("off", .string("off")),
        ("y", .string("y")), ("Yes", .string("Yes")),
        // Null.
        ("~", .null), ("null", .null), ("Null", .null), ("NULL", .null), ("", .null), ("nULL", .string("nULL")),
        // Booleans.
        ("true", .bool(true)), ("True", .bool(true)), ("TRUE", .bool(true)),
        ("false", .bool(false)), ("False", .bool(false)), ("FALSE", .bool(false)), ("tRUE", .string("tRUE")),
        // Integers.
        ("0", .int(0)), ("42", .int(42)), ("-17", .int(-17)), ("+8", .int(8)), ("012", .int(12)),
        ("0x1F", .int(31)), ("0xff", .int(255)), ("0o17", .int(15)),
        ("9223372036854775807", .int(.max)), ("-9223372036854775808", .int(.min)),
        // Integers beyond Int64 become the nearest Double instead of trapping.
        ("9223372036854775808", .float(9_223_372_036_854_775_808)),
        ("0x10000000000000000", .float(18_446_744_073_709_551_616)),
        // Not integers in the core schema.
        ("0x", .string("0x")), ("0o8", .string("0o8")), ("-0x1", .string("-0x1")), ("0b101", .string("0b101")),
        ("1_000", .string("1_000")), ("1,000", .string("1,000")),
        // Floats.
        ("1e3", .float(1000)), ("1.5", .float(1.5)), ("-2.5E-1", .float(-0.25)), ("1.", .float(1)),
        (".5", .float(0.5)), ("+.5e+1", .float(5)),
        (".inf", .float(.infinity)), ("+.Inf", .float(.infinity)), ("-.INF", .float(-.infinity)),
        (".", .string(".")), ("1e", .string("1e")), ("e3", .string("e3")), ("-.nan", .string("-.nan")),
        // Dates, versions and words stay strings.
        ("2026-01-01", .string("2026-01-01")), ("1.2.3", .string("1.2.3")), ("出生", .string("出生")),
        // Quoted and block scalars are strings whatever their text.
        ("\"1\"", .string("1")), ("'true'", .string("true")), ("'~'", .string("~")), ("\"\"", .string("")),
        ("|\n  12\n", .string("12\n")), (">-\n  no\n", .string("no")),
        // Explicit tags are honoured; `!` makes a plain scalar a string.
        ("!!str 12", .string("12")), ("!!int \"12\"", .int(12)), ("!!float 1", .float(1)),
        ("!!bool 'true'", .bool(true)), ("!!null ''", .null), ("! 12", .string("12")),
        ("tag:yaml.org,2002:str", .string("tag:yaml.org,2002:str")),
        ("!<tag:yaml.org,2002:int> '7'", .int(7)),
        // Other tags do not change resolution.
        ("!custom 12", .int(12)), ("!!python/object yes", .string("yes")),
    ]

    @Test(arguments: table)
    func resolvesAsTheCoreSchema(text: String, expected: YAMLScalarValue) throws {
        let document = try parse("value: \(text)")
        let root = try #require(document.root)
        let node = try #require(document.node("value", in: root))
        #expect(document.value(of: node) == expected, "`\(text)`")
    }

    @Test func notANumber() throws {
        for text in [".nan", ".NaN", ".NAN"] {
            let document = try parse(text)
            let root = try #require(document.root)
            guard case .float(let value) = document.value(of: root) else {
                Issue.record("`\(text)` is not a float")
                continue
            }
            #expect(value.isNaN)
        }
    }

    @Test func tagsAreReportedAsLibyamlExpandsThem() throws {
        let document = try parse("a: !!str x\nb: !local y\nc: !<tag:example.com,2026:z> z\nd: plain\ne: ! w\n")
        let root = try #require(document.root)
        let tags = ["a", "b", "c", "d", "e"].map { document.node($0, in: root).flatMap(document.tag(of:)) }
        #expect(tags == ["tag:yaml.org,2002:str", "!local", "tag:example.com,2026:z", nil, "!"])
    }

    @Test(arguments: ["!!int abc", "!!int 1.5", "!!bool yes", "!!null 0", "!!float x", "!!map x", "!!seq x"])
    func aCoreTagThatDoesNotFitIsAnError(text: String) {
        let error = parseError("value: \(text)\n")
        #expect(error?.kind == .syntax)
        #expect(error?.mark == at(1, 8))
    }

    @Test func collectionTagsMustMatchTheCollection() throws {
        #expect(parseError("a: !!map {x: 1}\nb: !!seq [1]\n") == nil)
        let error = parseError("a: !!seq {x: 1}\n")
        #expect(error?.kind == .syntax)
        #expect(error?.message == "a `!!seq` tag cannot be used on a mapping")
        #expect(parseError("a: !!str [1]\n")?.kind == .syntax)
    }

    @Test func styles() throws {
        let document = try parse("a: x\nb: 'x'\nc: \"x\"\nd: |\n  x\ne: >\n  x\n")
        let root = try #require(document.root)
        let styles = ["a", "b", "c", "d", "e"].map { document.node($0, in: root).map(document.style(of:)) }
        #expect(styles == [.plain, .singleQuoted, .doubleQuoted, .literal, .folded])
    }

    @Test func nulEscapeIsKeptWithItsLength() throws {
        let document = try parse(#"key: "a\0b\x00""#)
        let root = try #require(document.root)
        let text = try #require(document.node("key", in: root).flatMap(document.scalar(of:)))
        #expect(Array(text.utf8) == [0x61, 0x00, 0x62, 0x00])
    }

    @Test func scalarTextIsUnescapedAndFolded() throws {
        let document = try parse("a: \"\\u51fa\\t生\"\nb: >\n  one\n  two\n\n  three\nc: 'it''s'\n")
        let root = try #require(document.root)
        #expect(document.node("a", in: root).flatMap(document.scalar(of:)) == "出\t生")
        #expect(document.node("b", in: root).flatMap(document.scalar(of:)) == "one two\nthree\n")
        #expect(document.node("c", in: root).flatMap(document.scalar(of:)) == "it's")
    }
}
