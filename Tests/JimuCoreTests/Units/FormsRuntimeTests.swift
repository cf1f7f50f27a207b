import Testing

@testable import JimuFormsRuntime

/// The fast paths of the generated module's runtime agree with its reference paths: the
/// regular expressions' automaton with their backtracking machine, the member-by-member
/// JSON reader with the tree parser, and the parser's numbers with Swift's own reading.
@Suite struct FormsRuntimeTests {
    /// SplitMix64: the same inputs on every run.
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    // MARK: Regular expressions

    static let patterns = [
        "", "^", "$", "^$", "a", "^a", "a$", "^a$", "a|b", "(a|^b)c", "a*", "a+?b", "[^a-z]", "^[^a-z0-9]*$",
        #"[\u4e00-\u9fa5]{2,4}"#, "x(?:ab|a)*y", "(a|b)*a(a|b){3}", "^$|a", #"\$"#, "[0-9]{2,}$", "$a", "a^b", "(^a|b$)",
        "^(?:[01][0-9]|2[0-3]):[0-5][0-9]$", "😀+", "[😀-😂]x?", "a{0}b", "^1[3-9][0-9]{9}$",
        "^[1-9][0-9]{5}(18|19|20)[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9X]$",
        #"^[\u4e00-\u9fa5][A-Z][A-Z0-9]{4}\u6302$"#, "^[0-9]{12,25}$", #"^[^\n]*$"#, "(a|b|)+c", "((a?)*)*$",
    ]
    static let alphabet: [String] = ["a", "b", "c", "x", "y", "0", "1", "3", "9", ":", "-", "X", "A", "中", "文", "挂", "😀", "😁", "\n", " "]

    @Test(arguments: patterns)
    func theAutomatonAgreesWithBacktracking(_ pattern: String) throws {
        let regex = try PortableRegex(pattern)
        #expect(regex.hasAutomaton)
        var random = Seeded(state: UInt64(pattern.unicodeScalars.count) &* 7919)
        var texts = Self.alphabet + [""]
        for _ in 0..<3000 {
            texts.append((0..<Int.random(in: 0...10, using: &random)).map { _ in Self.alphabet.randomElement(using: &random)! }.joined())
        }
        for sample in ["13812345678", "11010519491231002X", "12:59", "24:00", "浙A1234挂", "123456789012"] { texts.append(sample) }
        for text in texts {
            let scalars = text.unicodeScalars.map(\.value)
            #expect(regex.search(text) == regex.backtrackingSearch(scalars), "\(pattern) on \(text.debugDescription)")
        }
    }

    @Test func aPatternTooLargeForAnAutomatonIsStillSearched() throws {
        // Each of the last 20 characters must be remembered: 2^20 states.
        let regex = try PortableRegex("(a|b)*a(a|b){20}")
        #expect(!regex.hasAutomaton)
        #expect(regex.search("b" + "a" + String(repeating: "b", count: 20)))
        #expect(!regex.search(String(repeating: "b", count: 30)))
    }

    // MARK: Sets of fields

    @Test func fieldFlagsHoldAnyNumberOfFields() {
        var random = Seeded(state: 64)
        var flags = FieldFlags()
        var expected = Set<Int>()
        for _ in 0..<5000 {
            let field = Int.random(in: 0..<200, using: &random)
            let member = Bool.random(using: &random)
            flags.set(field, member)
            if member { expected.insert(field) } else { expected.remove(field) }
        }
        #expect((0..<260).filter(flags.contains) == expected.sorted())
    }

    // MARK: Numbers

    @Test func numbersReadAsSwiftReadsTheirText() throws {
        var random = Seeded(state: 42)
        func digits(_ count: Int) -> String {
            String((0..<count).map { _ in "0123456789".randomElement(using: &random)! })
        }
        var texts = ["0", "-0", "0.1", "-0.0", "1e22", "1e23", "9007199254740993", "123456789012345.6", "1.7976931348623157e308", "5e-324", "1E400", "1e-400", "0.1e1"]
        for _ in 0..<20000 {
            var text = Bool.random(using: &random) ? "-" : ""
            let integer = Int.random(in: 1...18, using: &random)
            text += Bool.random(using: &random) ? "0" : String("123456789".randomElement(using: &random)!) + digits(integer - 1)
            if Bool.random(using: &random) { text += "." + digits(Int.random(in: 1...18, using: &random)) }
            if Int.random(in: 0..<3, using: &random) == 0 {
                text += ["e", "E", "e+", "e-"].randomElement(using: &random)! + String(Int.random(in: 0...30, using: &random))
            }
            texts.append(text)
        }
        for text in texts {
            guard case .number(let value) = try JSONParser.parse(Array(text.utf8)) else {
                Issue.record("\(text) is not a number")
                continue
            }
            #expect(value == Double(text)!, "\(text)")
        }
    }

    // MARK: The member-by-member reader

    /// The fields of the test form: a string, an integer, a decimal, a Boolean, and a long name.
    static let names = ["s", "i", "d", "b", "applicant.household_address"]

    /// What `validate(json:)` reads: the violations, and each field's value as read (nil
    /// when of the wrong type); nothing when the bytes are no JSON object.
    static func read(_ json: [UInt8]) -> ([Violation], [Int: String?]) {
        json.withUnsafeBufferPointer { bytes in
            var violations: [Violation] = []
            var values: [Int: String?] = [:]
            var reader = JSONFormReader(bytes, fields: NameTable(names))
            while let field = reader.nextField(into: &violations) {
                let path = jsonPointer(names[field])
                switch field {
                case 1: values[field] = reader.readInteger(path: path, into: &violations).map { String($0) }
                case 2: values[field] = reader.readDecimal(path: path, into: &violations).map { String($0) }
                case 3: values[field] = reader.readBool(path: path, into: &violations).map { String($0) }
                default: values[field] = reader.readString(path: path, into: &violations)
                }
            }
            return reader.finish(into: &violations) ? (violations, values) : (violations, [:])
        }
    }

    /// The same through the tree parser, as `jimu validate` reads.
    static func readTree(_ json: [UInt8]) -> ([Violation], [Int: String?]) {
        var violations: [Violation] = []
        guard let members = JSONForm.members(of: json, into: &violations) else { return (violations, [:]) }
        var values: [Int: String?] = [:]
        for member in members {
            guard let field = names.firstIndex(of: member.key) else {
                violations.append(.unknown(jsonPointer(member.key)))
                continue
            }
            let path = jsonPointer(names[field])
            switch field {
            case 1: values[field] = FieldChecks.integer(member.value, path: path, into: &violations).map { String($0) }
            case 2: values[field] = FieldChecks.decimal(member.value, path: path, into: &violations).map { String($0) }
            case 3: values[field] = FieldChecks.bool(member.value, path: path, into: &violations).map { String($0) }
            default: values[field] = FieldChecks.string(member.value, path: path, into: &violations)
            }
        }
        return (violations, values)
    }

    static let keys = [
        #""s""#, #""i""#, #""d""#, #""b""#, #""applicant.household_address""#, #""\u0073""#, #""applicant.household_addres""#,
        #""zz""#, #""z\/z""#, #""""#, #""~1""#, #""中文""#, #""appl\u0069cant.household_address""#,
    ]
    static let values = [
        #""text""#, #""""#, #""中文😀""#, #""a\"b\\c\u4e2d\ud83d\ude00""#, #""\ud800x""#, #""\udc00""#, "1", "-0", "2.5", "1e2", "1.0",
        "9007199254740993", "-12.75e-3", "true", "false", "null", "[]", "[1,[2,{}]]", #"{"a":{"b":[true]}}"#, "{}",
    ]
    static let breakers: [[UInt8]] = [
        [0x22], [0x5C], [0x00], [0xFF], [0xE4], [0xE4, 0xB8], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xF4, 0x90, 0x80, 0x80],
        Array("\\u".utf8), Array("\\ud800".utf8), Array("{".utf8), Array("}".utf8), Array("[".utf8), Array(",".utf8),
        Array(":".utf8), Array(" ".utf8), Array("1".utf8), Array("-".utf8), Array(".".utf8), Array("e".utf8), Array("\t".utf8),
        [0x1F],
    ]

    @Test func theReaderAgreesWithTheTreeParser() {
        var random = Seeded(state: 2026)
        var inputs: [[UInt8]] = ["", " ", "{}", " { } ", "[]", "null", "1", #""x""#, "{", "{} x", #"{"s":"a",}"#].map { Array($0.utf8) }
        for _ in 0..<20000 {
            let count = Int.random(in: 0...7, using: &random)
            let members = (0..<count).map { _ in
                Self.keys.randomElement(using: &random)! + (Bool.random(using: &random) ? ":" : " : ") + Self.values.randomElement(using: &random)!
            }
            var bytes = Array(("{" + members.joined(separator: Bool.random(using: &random) ? "," : ", ") + "}").utf8)
            if Int.random(in: 0..<3, using: &random) == 0 {
                for _ in 0..<Int.random(in: 1...2, using: &random) {
                    let position = Int.random(in: 0...bytes.count, using: &random)
                    switch Int.random(in: 0..<3, using: &random) {
                    case 0: bytes.insert(contentsOf: Self.breakers.randomElement(using: &random)!, at: position)
                    case 1: bytes = Array(bytes[..<position])
                    default: if position < bytes.count { bytes.remove(at: position) }
                    }
                }
            }
            inputs.append(bytes)
        }
        for input in inputs {
            let (violations, values) = Self.read(input)
            let (expected, expectedValues) = Self.readTree(input)
            #expect(violations == expected, "\(String(decoding: input, as: UTF8.self).debugDescription)")
            #expect(values == expectedValues, "\(String(decoding: input, as: UTF8.self).debugDescription)")
        }
    }

    @Test func codesAreFoundByTheirBytes() {
        enum Kind: String, CaseIterable, CodeListEnum {
            case ringedA = "\u{C5}"
            case kelvin = "\u{212A}"
            static let codeTable = CodeTable(allCases)
        }
        func code(_ json: String) -> (Kind?, [Violation]) {
            Array(json.utf8).withUnsafeBufferPointer { bytes in
                var violations: [Violation] = []
                var reader = JSONFormReader(bytes, fields: NameTable(["c"]))
                var found: Kind?
                while reader.nextField(into: &violations) != nil { found = reader.readCode(path: "/c", into: &violations) }
                let finished = reader.finish(into: &violations)
                #expect(finished)
                return (found, violations)
            }
        }
        #expect(code("{\"c\":\"\u{C5}\"}").0 == .ringedA)
        #expect(code(#"{"c":"\u212a"}"#).0 == .kelvin)
        // Canonically equivalent to a code, as Swift's `String ==` would take them, but
        // other scalars: not a code, as JSON Schema's `enum` says.
        #expect(code("{\"c\":\"A\u{30A}\"}").1.map(\.code) == [.enum])
        #expect(code(#"{"c":"K"}"#).1.map(\.code) == [.enum])
        #expect(code(#"{"c":1}"#).1.map(\.code) == [.type])
    }

    /// `readUncheckedString` skips the `String` of a value exactly when the typed checks
    /// would find nothing in it: otherwise it hands the value on, for them to report.
    @Test func aStringIsHeldOnlyWhenItsChecksWouldFail() throws {
        let pattern = try PortableRegex("^[0-9]{3}$")
        func read(_ json: String, format: FieldChecks.Format? = nil) -> (value: String?, read: [Violation], checked: [Violation]) {
            Array(json.utf8).withUnsafeBufferPointer { bytes in
                var violations: [Violation] = []
                var reader = JSONFormReader(bytes, fields: NameTable(["s"]))
                var value: String?
                while reader.nextField(into: &violations) != nil {
                    value = reader.readUncheckedString(
                        path: "/s", minLength: 2, maxLength: 3, pattern: pattern, format: format, into: &violations)
                }
                let finished = reader.finish(into: &violations)
                #expect(finished)
                var checked: [Violation] = []
                if let value {
                    FieldChecks.string(value, path: "/s", minLength: 2, maxLength: 3, pattern: pattern, format: format, into: &checked)
                }
                return (value, violations, checked)
            }
        }
        #expect(read(#"{"s":"123"}"#).value == nil)
        #expect(read(#"{"s":"123"}"#).read.isEmpty)
        #expect(read(#"{"s":"12a"}"#).value == "12a")
        #expect(read(#"{"s":"12a"}"#).checked.map(\.code) == [.pattern])
        #expect(read(#"{"s":"1234"}"#).checked.map(\.code) == [.maxLength, .pattern])
        #expect(read(#"{"s":""}"#).checked.map(\.code) == [.minLength, .pattern])
        // An escape: the decoded text is held, and checked afterwards.
        #expect(read(#"{"s":"\u0031\u0032\u0033"}"#).value == "123")
        #expect(read(#"{"s":"\u0031\u0032\u0033"}"#).checked.isEmpty)
        // The last of a duplicated name wins, whichever passes.
        #expect(read(#"{"s":"12a","s":"123"}"#).value == nil)
        #expect(read(#"{"s":"123","s":"12a"}"#).value == "12a")
        // Another type is reported as it is read.
        #expect(read(#"{"s":123}"#).value == nil)
        #expect(read(#"{"s":123}"#).read.map(\.code) == [.type])
    }
}
