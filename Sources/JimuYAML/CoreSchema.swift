/// YAML 1.2 core schema resolution over the raw UTF-8 bytes of a scalar.
///
/// It works on bytes so that the reader can classify keys (for duplicate detection) without
/// building a `String`. Each function returns nil when the text is not of its type; the
/// caller then treats the scalar as a string.
enum CoreSchema {
    /// The non-string value of a plain scalar, or nil when the scalar is a string.
    static func resolve(_ text: UnsafeBufferPointer<UInt8>) -> YAMLScalarValue? {
        guard let first = text.first else { return .null }
        // The first byte rules out most strings at once, which keeps the common case (a
        // word such as a key or a name) to a single comparison.
        switch first {
        case UInt8(ascii: "~"), UInt8(ascii: "n"), UInt8(ascii: "N"):
            return isNull(text) ? .null : nil
        case UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"):
            return bool(text).map(YAMLScalarValue.bool)
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."):
            if let number = integer(text) { return number }
            return float(text).map(YAMLScalarValue.float)
        default:
            return nil
        }
    }

    /// The non-string value of a scalar resolved as `resolution` says, or nil for a string.
    /// A tagged scalar whose text does not fit its tag was rejected at parse time; should one
    /// get here anyway it reads as a string.
    static func resolve(_ text: UnsafeBufferPointer<UInt8>, as resolution: NodeRecord.Resolution) -> YAMLScalarValue? {
        switch resolution {
        case .string: return nil
        case .core: return resolve(text)
        case .int: return integer(text)
        case .float:
            switch integer(text) {
            case .int(let value): return .float(Double(value))
            case .some(let value): return value
            case nil: return float(text).map(YAMLScalarValue.float)
            }
        case .bool: return bool(text).map(YAMLScalarValue.bool)
        case .null: return isNull(text) ? .null : nil
        }
    }

    /// Whether the text is one of the core schema's spellings of null (the empty text too).
    static func isNull(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        matches(text, anyOf: nullSpellings)
    }

    /// The boolean spelled by the text, if any.
    static func bool(_ text: UnsafeBufferPointer<UInt8>) -> Bool? {
        if matches(text, anyOf: trueSpellings) { return true }
        if matches(text, anyOf: falseSpellings) { return false }
        return nil
    }

    /// `.int` for an integer in one of the three core forms, `.float` when it overflows
    /// `Int64`, nil when the text is not an integer.
    static func integer(_ text: UnsafeBufferPointer<UInt8>) -> YAMLScalarValue? {
        if text.count > 2, text[0] == UInt8(ascii: "0") {
            if text[1] == UInt8(ascii: "o") { return radixInteger(text, from: 2, radix: 8) }
            if text[1] == UInt8(ascii: "x") { return radixInteger(text, from: 2, radix: 16) }
        }
        var index = 0
        var negative = false
        if let sign = text.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            negative = sign == UInt8(ascii: "-")
            index = 1
        }
        guard index < text.count else { return nil }
        // Accumulate towards the sign so that Int64.min, whose magnitude has no positive
        // counterpart, still fits.
        var value: Int64 = 0
        var overflow = false
        while index < text.count {
            guard let digit = digitValue(text[index], radix: 10) else { return nil }
            if !overflow {
                let (shifted, o1) = value.multipliedReportingOverflow(by: 10)
                let (next, o2) = negative
                    ? shifted.subtractingReportingOverflow(Int64(digit))
                    : shifted.addingReportingOverflow(Int64(digit))
                overflow = o1 || o2
                value = next
            }
            index += 1
        }
        if overflow {
            return .float(decimalDouble(text) ?? (negative ? -.infinity : .infinity))
        }
        return .int(value)
    }

    /// The value of a float in the core schema's forms (decimal with optional fraction and
    /// exponent, `.inf`, `.nan`), or nil.
    static func float(_ text: UnsafeBufferPointer<UInt8>) -> Double? {
        var index = 0
        var negative = false
        if let sign = text.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            negative = sign == UInt8(ascii: "-")
            index = 1
        }
        let rest = UnsafeBufferPointer(rebasing: text[index...])
        if matches(rest, anyOf: infinitySpellings) { return negative ? -.infinity : .infinity }
        if index == 0, matches(rest, anyOf: nanSpellings) { return .nan }

        // [0-9]+(\.[0-9]*)? or \.[0-9]+, then ([eE][-+]?[0-9]+)?
        let integerDigits = countDigits(text, from: index)
        index += integerDigits
        var fractionDigits = 0
        if index < text.count, text[index] == UInt8(ascii: ".") {
            index += 1
            fractionDigits = countDigits(text, from: index)
            index += fractionDigits
        }
        guard integerDigits > 0 || fractionDigits > 0 else { return nil }
        if index < text.count, text[index] == UInt8(ascii: "e") || text[index] == UInt8(ascii: "E") {
            index += 1
            if index < text.count, text[index] == UInt8(ascii: "-") || text[index] == UInt8(ascii: "+") {
                index += 1
            }
            let exponentDigits = countDigits(text, from: index)
            guard exponentDigits > 0 else { return nil }
            index += exponentDigits
        }
        guard index == text.count else { return nil }
        return decimalDouble(text)
    }

    // MARK: - Helpers

    // Stored once: an array literal inside a function could be rebuilt on every call.
    private static let nullSpellings: [StaticString] = ["", "~", "null", "Null", "NULL"]
    private static let trueSpellings: [StaticString] = ["true", "True", "TRUE"]
    private static let falseSpellings: [StaticString] = ["false", "False", "FALSE"]
    private static let infinitySpellings: [StaticString] = [".inf", ".Inf", ".INF"]
    private static let nanSpellings: [StaticString] = [".nan", ".NaN", ".NAN"]

    private static func radixInteger(
        _ text: UnsafeBufferPointer<UInt8>, from start: Int, radix: Int
    ) -> YAMLScalarValue? {
        var value: Int64 = 0
        var approximate = 0.0
        var overflow = false
        for byte in text[start...] {
            guard let digit = digitValue(byte, radix: radix) else { return nil }
            approximate = approximate * Double(radix) + Double(digit)
            if !overflow {
                let (shifted, o1) = value.multipliedReportingOverflow(by: Int64(radix))
                let (next, o2) = shifted.addingReportingOverflow(Int64(digit))
                overflow = o1 || o2
                value = next
            }
        }
        return overflow ? .float(approximate) : .int(value)
    }

    private static func digitValue(_ byte: UInt8, radix: Int) -> Int? {
        let value: Int
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): value = Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): value = Int(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): value = Int(byte - UInt8(ascii: "A")) + 10
        default: return nil
        }
        return value < radix ? value : nil
    }

    private static func countDigits(_ text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        while index < text.count, text[index] >= UInt8(ascii: "0"), text[index] <= UInt8(ascii: "9") {
            index += 1
        }
        return index - start
    }

    /// Converts text already checked to be a decimal number. The standard library's parser
    /// is correctly rounded and accepts every core-schema form (`1.`, `.5`, `+1e3`).
    private static func decimalDouble(_ text: UnsafeBufferPointer<UInt8>) -> Double? {
        Double(String(decoding: text, as: UTF8.self))
    }

    private static func matches(_ text: UnsafeBufferPointer<UInt8>, anyOf candidates: [StaticString]) -> Bool {
        for candidate in candidates where candidate.utf8CodeUnitCount == text.count {
            let equal = candidate.withUTF8Buffer { $0.elementsEqual(text) }
            if equal { return true }
        }
        return false
    }
}
