/// The structure of each standard format as a portable pattern, and what the pattern leaves
/// to the Swift module (a check digit, a real calendar date).
extension FieldFormat {
    /// GB 11643 resident ID: division, birth date 18xx–20xx, sequence, check character.
    public var pattern: String {
        switch self {
        case .residentID:
            "^[1-9][0-9]{5}(18|19|20)[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9X]$"
        case .creditCode: "^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$"
        case .mobile: "^1[3-9][0-9]{9}$"
        case .postcode: "^[0-9]{6}$"
        case .division: "^[1-8][0-9]{5}$"
        case .email: "^[^@ ]+@[^@ ]+\\.[^@ .]+$"
        }
    }

    /// What the format means, for the schema's description.
    public var meaning: String {
        switch self {
        case .residentID:
            "Resident identity number (GB 11643): 18 characters; the ISO 7064 MOD 11-2 check character and the birth date are verified by the Swift module."
        case .creditCode:
            "Unified social credit code (GB 32100): 18 characters; the check character (weights 3^i mod 31) is verified by the Swift module."
        case .mobile: "Mainland mobile number: 11 digits starting with 1."
        case .postcode: "Postal code: 6 digits."
        case .division: "Administrative division code (GB/T 2260): 6 digits."
        case .email: "E-mail address."
        }
    }
}
