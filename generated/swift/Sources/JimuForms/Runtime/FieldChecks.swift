// Foundation brings the C math library that rounding needs on Linux.
import Foundation

/// The checks generated forms apply to each field, shared so that every form, and Jimu's own
/// `jimu validate`, applies them the same way (the same way the JSON Schema does).
public enum FieldChecks {
    /// The standard formats a string field can have.
    public enum Format: String, Sendable {
        case residentID = "cn-resident-id"
        case creditCode = "cn-uscc"
        case mobile = "cn-mobile"
        case postcode = "cn-postcode"
        case division = "cn-division"
        case email
        case date
    }

    /// Length in Unicode scalars (JSON Schema counts code points), the pattern, the
    /// no-trailing-newline guard that makes `$` mean the same in every engine, and the
    /// format's own check. For a field with one pattern at most, as generated forms have.
    public static func string(
        _ value: String, path: String, minLength: Int? = nil, maxLength: Int? = nil, pattern: PortableRegex? = nil,
        format: Format? = nil, into violations: inout [Violation]
    ) {
        value.withUTF8Bytes { text in
            string(text, path: path, minLength: minLength, maxLength: maxLength, pattern: pattern, otherPatterns: [], format: format, into: &violations)
        }
    }

    /// The same checks, with any number of patterns, each of which must match.
    public static func string(
        _ value: String, path: String, minLength: Int? = nil, maxLength: Int? = nil, patterns: [PortableRegex],
        format: Format? = nil, into violations: inout [Violation]
    ) {
        value.withUTF8Bytes { text in
            string(text, path: path, minLength: minLength, maxLength: maxLength, pattern: nil, otherPatterns: patterns, format: format, into: &violations)
        }
    }

    /// The checks over a string's UTF-8 bytes: no scalar is decoded that no rule reads.
    /// `JSONFormReader.readUncheckedString` runs them on a value's bytes as it reads them.
    @inline(__always)
    static func string(
        _ text: UnsafeBufferPointer<UInt8>, path: String, minLength: Int?, maxLength: Int?, pattern: PortableRegex?,
        otherPatterns: [PortableRegex], format: Format?, into violations: inout [Violation]
    ) {
        // A scalar takes one to four bytes: the byte count alone often settles both bounds.
        let longEnough = (minLength ?? 0) <= text.count / 4
        let shortEnough = text.count <= (maxLength ?? Int.max)
        if !longEnough || !shortEnough {
            // Every scalar has one byte that is no continuation byte (10xxxxxx).
            var length = 0
            for byte in text { length &+= byte & 0xC0 == 0x80 ? 0 : 1 }
            if let minLength, length < minLength {
                violations.append(
                    Violation(path: path, code: .minLength, message: "must have at least \(minLength) characters", messageZh: "至少\(minLength)个字符"))
            }
            if let maxLength, length > maxLength {
                violations.append(
                    Violation(path: path, code: .maxLength, message: "must have at most \(maxLength) characters", messageZh: "最多\(maxLength)个字符"))
            }
        }
        if pattern != nil || !otherPatterns.isEmpty {
            let trailingNewline = text.last == UInt8(ascii: "\n")
            if trailingNewline || !(pattern?.search(utf8: text) ?? true) || !otherPatterns.allSatisfy({ $0.search(utf8: text) }) {
                violations.append(
                    Violation(path: path, code: .pattern, message: "does not have the required form", messageZh: "格式不正确"))
                return
            }
        }
        guard let format else { return }
        let valid: Bool =
            switch format {
            case .residentID: StandardChecks.isResidentID(text)
            case .creditCode: StandardChecks.isCreditCode(text)
            case .date: StandardChecks.isDate(text)
            case .mobile, .postcode, .division, .email: true
            }
        if !valid {
            let (en, zh): (String, String) =
                switch format {
                case .residentID: ("is not a valid resident ID: check the birth date and the last character", "公民身份号码无效")
                case .creditCode: ("is not a valid unified social credit code: check the last character", "统一社会信用代码无效")
                default: ("is not a date that exists", "日期不存在")
                }
            violations.append(Violation(path: path, code: .format, message: en, messageZh: zh))
        }
    }

    /// Bounds of a number; integers are also bound to the range both JSON and Swift hold
    /// exactly (±(2^53 − 1)), as the schema states.
    public static func number(
        _ value: Double, path: String, minimum: Double? = nil, maximum: Double? = nil, into violations: inout [Violation]
    ) {
        if let minimum, value < minimum {
            violations.append(
                Violation(path: path, code: .minimum, message: "must be at least \(text(minimum))", messageZh: "不得小于\(text(minimum))"))
        }
        if let maximum, value > maximum {
            violations.append(
                Violation(path: path, code: .maximum, message: "must be at most \(text(maximum))", messageZh: "不得大于\(text(maximum))"))
        }
    }

    static func text(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    /// The largest integer JSON and Swift both hold exactly.
    public static let safeInteger: Double = 9_007_199_254_740_991

    // MARK: Reading JSON values into typed fields

    public static func string(_ value: JSONValue, path: String, into violations: inout [Violation]) -> String? {
        if case .string(let s) = value { return s }
        violations.append(.type(path, expected: "a string", expectedZh: "文本"))
        return nil
    }

    public static func bool(_ value: JSONValue, path: String, into violations: inout [Violation]) -> Bool? {
        if case .bool(let b) = value { return b }
        violations.append(.type(path, expected: "true or false", expectedZh: "是或否"))
        return nil
    }

    public static func decimal(_ value: JSONValue, path: String, into violations: inout [Violation]) -> Double? {
        if case .number(let d) = value { return d }
        violations.append(.type(path, expected: "a number", expectedZh: "数字"))
        return nil
    }

    /// A JSON number with no fractional part (JSON Schema's `integer`: 3.0 counts), within
    /// the exactly representable range.
    public static func integer(_ value: JSONValue, path: String, into violations: inout [Violation]) -> Int64? {
        guard case .number(let d) = value else {
            violations.append(.type(path, expected: "a whole number", expectedZh: "整数"))
            return nil
        }
        return integer(d, path: path, into: &violations)
    }

    /// A JSON number's value as an integer field.
    @inline(__always)
    public static func integer(_ d: Double, path: String, into violations: inout [Violation]) -> Int64? {
        guard d.isFinite, d.rounded(.towardZero) == d else {
            violations.append(.type(path, expected: "a whole number", expectedZh: "整数"))
            return nil
        }
        guard abs(d) <= safeInteger else {
            number(d, path: path, minimum: -safeInteger, maximum: safeInteger, into: &violations)
            return nil
        }
        return Int64(d)
    }

    /// A code of a code list, matched exactly. `init(rawValue:)` alone is not enough: Swift's
    /// `String ==` equates canonically equivalent texts (the Kelvin sign and `K`, `A` with
    /// a combining ring and `Å`), while JSON Schema's `enum` compares code points.
    public static func code<Code: RawRepresentable & CaseIterable>(
        _ value: JSONValue, path: String, into violations: inout [Violation]
    ) -> Code? where Code.RawValue == String {
        guard case .string(let s) = value else {
            violations.append(.type(path, expected: "a string", expectedZh: "文本"))
            return nil
        }
        return code(s, path: path, into: &violations)
    }

    /// A JSON string's text as a code of a code list.
    public static func code<Code: RawRepresentable & CaseIterable>(
        _ s: String, path: String, into violations: inout [Violation]
    ) -> Code? where Code.RawValue == String {
        if let code = Code(rawValue: s) {
            if same(code.rawValue, s) { return code }
            // Two codes of one list that are canonically equivalent: find the exact one.
            if let exact = Code.allCases.first(where: { same($0.rawValue, s) }) { return exact }
        }
        violations.append(notACode(path))
        return nil
    }

    static func notACode(_ path: String) -> Violation {
        Violation(path: path, code: .enum, message: "is not one of the allowed codes", messageZh: "不在代码表中")
    }

    /// Whether two texts are the same sequence of Unicode scalars, as JSON Schema's `const`
    /// and `enum` compare strings (Swift's `==` also equates canonically equivalent ones).
    public static func same(_ a: String, _ b: String) -> Bool {
        a.withUTF8Bytes { left in b.withUTF8Bytes { right in left.count == right.count && left.elementsEqual(right) } }
    }

    /// Whether `value` is exactly one of `texts` (JSON Schema's `enum` over strings).
    public static func among(_ value: String, _ texts: [String]) -> Bool {
        texts.contains { same($0, value) }
    }
}
