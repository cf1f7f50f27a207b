/// The checks of the standard data elements that a pattern cannot express: the check
/// characters of the resident ID (GB 11643, ISO 7064 MOD 11-2) and of the unified social
/// credit code (GB 32100), and whether a date exists.
///
/// Each reads the text's UTF-8 bytes: every valid value is ASCII, so a value is valid only
/// when its bytes are as many as the characters it must have (a non-ASCII scalar makes the
/// bytes more than the scalars, or is no digit or letter the check accepts).
public enum StandardChecks {
    static let residentWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    static let residentCheck: [UInt8] = Array("10X98765432".utf8)

    /// An 18-character resident ID whose birth date exists and whose check character is right.
    public static func isResidentID(_ text: String) -> Bool {
        text.withUTF8Bytes(isResidentID)
    }

    static func isResidentID(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        guard s.count == 18 else { return false }
        var sum = 0
        for index in 0..<17 {
            guard let digit = digitValue(s[index]) else { return false }
            sum += digit * residentWeights[index]
        }
        guard s[17] == residentCheck[sum % 11] else { return false }
        guard let year = number(s, 6..<10), let month = number(s, 10..<12), let day = number(s, 12..<14) else {
            return false
        }
        return isDate(year: year, month: month, day: day)
    }

    static let creditAlphabet: [UInt8] = Array("0123456789ABCDEFGHJKLMNPQRTUWXY".utf8)
    /// Each ASCII character's value in the credit code's alphabet, -1 when not in it.
    static let creditValues: [Int8] = (0..<128).map { byte in Int8(creditAlphabet.firstIndex(of: UInt8(byte)) ?? -1) }
    static let creditWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    /// An 18-character unified social credit code whose check character is right.
    public static func isCreditCode(_ text: String) -> Bool {
        text.withUTF8Bytes(isCreditCode)
    }

    static func isCreditCode(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        guard s.count == 18 else { return false }
        var sum = 0
        for index in 0..<17 {
            guard s[index] < 128 else { return false }
            let value = Int(creditValues[Int(s[index])])
            guard value >= 0 else { return false }
            sum += value * creditWeights[index]
        }
        return s[17] == creditAlphabet[(31 - sum % 31) % 31]
    }

    /// `YYYY-MM-DD` naming a day that exists.
    public static func isDate(_ text: String) -> Bool {
        text.withUTF8Bytes(isDate)
    }

    static func isDate(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        guard s.count == 10, s[4] == UInt8(ascii: "-"), s[7] == UInt8(ascii: "-"),
            let year = number(s, 0..<4), let month = number(s, 5..<7), let day = number(s, 8..<10)
        else { return false }
        return isDate(year: year, month: month, day: day)
    }

    static func isDate(year: Int, month: Int, day: Int) -> Bool {
        guard (1...12).contains(month), day >= 1, year >= 1 else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = month == 2 ? (leap ? 29 : 28) : month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31
        return day <= days
    }

    @inline(__always)
    static func digitValue(_ c: UInt8) -> Int? {
        c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") ? Int(c - 48) : nil
    }

    static func number(_ s: UnsafeBufferPointer<UInt8>, _ digits: Range<Int>) -> Int? {
        var value = 0
        for index in digits {
            guard let d = digitValue(s[index]) else { return nil }
            value = value * 10 + d
        }
        return value
    }
}
