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

    /// Length in Unicode scalars (JSON Schema counts code points), patterns, the
    /// no-trailing-newline guard that makes `$` mean the same in every engine, and the
    /// format's own check.
    public static func string(
        _ value: String, path: String, minLength: Int? = nil, maxLength: Int? = nil, patterns: [PortableRegex] = [],
        format: Format? = nil, into violations: inout [Violation]
    ) {
        let length = value.unicodeScalars.count
        if let minLength, length < minLength {
            violations.append(
                Violation(path: path, code: .minLength, message: "must have at least \(minLength) characters", messageZh: "至少\(minLength)个字符"))
        }
        if let maxLength, length > maxLength {
            violations.append(
                Violation(path: path, code: .maxLength, message: "must have at most \(maxLength) characters", messageZh: "最多\(maxLength)个字符"))
        }
        if !patterns.isEmpty {
            let trailingNewline = value.unicodeScalars.last == "\n"
            if trailingNewline || !patterns.allSatisfy({ $0.search(value) }) {
                violations.append(
                    Violation(path: path, code: .pattern, message: "does not have the required form", messageZh: "格式不正确"))
                return
            }
        }
        guard let format else { return }
        let valid: Bool =
            switch format {
            case .residentID: StandardChecks.isResidentID(value)
            case .creditCode: StandardChecks.isCreditCode(value)
            case .date: StandardChecks.isDate(value)
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
        guard case .number(let d) = value, d.isFinite, d.rounded(.towardZero) == d else {
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
        if let code = Code(rawValue: s) {
            if same(code.rawValue, s) { return code }
            // Two codes of one list that are canonically equivalent: find the exact one.
            if let exact = Code.allCases.first(where: { same($0.rawValue, s) }) { return exact }
        }
        violations.append(Violation(path: path, code: .enum, message: "is not one of the allowed codes", messageZh: "不在代码表中"))
        return nil
    }

    /// Whether two texts are the same sequence of Unicode scalars, as JSON Schema's `const`
    /// and `enum` compare strings (Swift's `==` also equates canonically equivalent ones).
    @inlinable
    public static func same(_ a: String, _ b: String) -> Bool {
        a.utf8.elementsEqual(b.utf8)
    }

    /// Whether `value` is exactly one of `texts` (JSON Schema's `enum` over strings).
    public static func among(_ value: String, _ texts: [String]) -> Bool {
        texts.contains { same($0, value) }
    }
}
