/// The checks of the standard data elements that a pattern cannot express: the check
/// characters of the resident ID (GB 11643, ISO 7064 MOD 11-2) and of the unified social
/// credit code (GB 32100), and whether a date exists.
public enum StandardChecks {
    static let residentWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    static let residentCheck: [Unicode.Scalar] = ["1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2"]

    /// An 18-character resident ID whose birth date exists and whose check character is right.
    public static func isResidentID(_ text: String) -> Bool {
        let s = Array(text.unicodeScalars)
        guard s.count == 18 else { return false }
        var sum = 0
        for index in 0..<17 {
            guard let digit = digitValue(s[index]) else { return false }
            sum += digit * residentWeights[index]
        }
        guard s[17] == residentCheck[sum % 11] else { return false }
        guard let year = number(s[6..<10]), let month = number(s[10..<12]), let day = number(s[12..<14]) else {
            return false
        }
        return isDate(year: year, month: month, day: day)
    }

    static let creditAlphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY".unicodeScalars)
    static let creditWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    /// An 18-character unified social credit code whose check character is right.
    public static func isCreditCode(_ text: String) -> Bool {
        let s = Array(text.unicodeScalars)
        guard s.count == 18 else { return false }
        var sum = 0
        for index in 0..<17 {
            guard let value = creditAlphabet.firstIndex(of: s[index]) else { return false }
            sum += value * creditWeights[index]
        }
        return s[17] == creditAlphabet[(31 - sum % 31) % 31]
    }

    /// `YYYY-MM-DD` naming a day that exists.
    public static func isDate(_ text: String) -> Bool {
        let s = Array(text.unicodeScalars)
        guard s.count == 10, s[4] == "-", s[7] == "-",
            let year = number(s[0..<4]), let month = number(s[5..<7]), let day = number(s[8..<10])
        else { return false }
        return isDate(year: year, month: month, day: day)
    }

    static func isDate(year: Int, month: Int, day: Int) -> Bool {
        guard (1...12).contains(month), day >= 1, year >= 1 else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= days[month - 1]
    }

    static func digitValue(_ c: Unicode.Scalar) -> Int? {
        c >= "0" && c <= "9" ? Int(c.value - 48) : nil
    }

    static func number(_ digits: ArraySlice<Unicode.Scalar>) -> Int? {
        var value = 0
        for c in digits {
            guard let d = digitValue(c) else { return nil }
            value = value * 10 + d
        }
        return value
    }
}
