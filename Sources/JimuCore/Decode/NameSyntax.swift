/// The spelling rules of the catalog's names (docs/catalog-format.md, "Common shapes").
/// Keys become output file names, so their rule also keeps every output inside its folder.
enum NameSyntax {
    /// Item, bundle and file keys: `[a-z0-9][a-z0-9-]*`, at most 64 characters.
    case key
    /// Data-element and local-field ids: dotted lower-case words, `mother.id_number`.
    case elementID
    /// Material, source, code-list and department ids: `[a-z][a-z0-9_]*`.
    case plainID
    /// Locality references by division code.
    case divisionCode

    func check(_ name: Located<String>, what: String, diagnostics: DiagnosticCollector) -> Bool {
        let text = name.value
        switch self {
        case .key:
            if Self.leavesFolder(text) {
                diagnostics.report(
                    .pathEscape, "\(what) `\(text)` would name a path outside its folder; keys are [a-z0-9-]",
                    at: name.location)
                return false
            }
            if text.isEmpty || text.utf8.count > 64 || !Self.isKey(text) {
                diagnostics.report(
                    .invalidIdentifier,
                    "\(what) `\(text)` must be lower-case letters, digits and `-`, starting with a letter or digit, at most 64 characters",
                    at: name.location,
                    fix: Self.suggestedKey(text).map { .init("write `\($0)`", replacement: $0) })
                return false
            }
        case .elementID:
            if !Self.isElementID(text) {
                diagnostics.report(
                    .invalidIdentifier,
                    "\(what) `\(text)` must be dotted lower-case words such as `mother.id_number`",
                    at: name.location)
                return false
            }
        case .plainID:
            if !Self.isPlainID(text) {
                diagnostics.report(
                    .invalidIdentifier, "\(what) `\(text)` must be a lower-case word such as `birth_certificate`",
                    at: name.location)
                return false
            }
        case .divisionCode:
            if let problem = DivisionCode.problem(text) {
                diagnostics.report(.invalidDivisionCode, "\(what) `\(text)` \(problem)", at: name.location)
                return false
            }
        }
        return true
    }

    /// A `/`, a `\\`, a `..` or a leading `.`: as a file name, the key would lead elsewhere.
    static func leavesFolder(_ text: String) -> Bool {
        var previous: UInt8?
        for byte in text.utf8 {
            if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "\\") { return true }
            if byte == UInt8(ascii: "."), previous == nil || previous == UInt8(ascii: ".") { return true }
            previous = byte
        }
        return false
    }

    static func isKey(_ text: String) -> Bool {
        guard let first = text.utf8.first, isLowerOrDigit(first) else { return false }
        return text.utf8.allSatisfy { isLowerOrDigit($0) || $0 == UInt8(ascii: "-") }
    }

    static func isPlainID(_ text: String) -> Bool {
        guard let first = text.utf8.first, isLower(first), text.utf8.count <= 64 else { return false }
        return text.utf8.allSatisfy { isLowerOrDigit($0) || $0 == UInt8(ascii: "_") }
    }

    /// Words that are each `isPlainID`, joined by dots. Checked byte by byte: every field
    /// reference of every practice passes here, hundreds of thousands at province scale.
    static func isElementID(_ text: String) -> Bool {
        let bytes = text.utf8
        guard bytes.count <= 128 else { return false }
        var wordLength = 0
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                guard wordLength > 0 else { return false }
                wordLength = 0
                continue
            }
            let allowed = wordLength == 0 ? isLower(byte) : isLowerOrDigit(byte) || byte == UInt8(ascii: "_")
            guard allowed else { return false }
            wordLength += 1
            guard wordLength <= 64 else { return false }
        }
        return wordLength > 0
    }

    private static func isLower(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")
    }

    private static func isLowerOrDigit(_ byte: UInt8) -> Bool {
        isLower(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    /// A plausible key for a near miss: lower-cased, with spaces and underscores as `-`.
    private static func suggestedKey(_ text: String) -> String? {
        let lowered = String(
            text.lowercased().map { $0 == " " || $0 == "_" ? "-" : $0 })
        return isKey(lowered) && lowered != text && lowered.utf8.count <= 64 ? lowered : nil
    }
}

/// GB/T 2260 administrative division codes: six digits, a province prefix that exists,
/// then prefecture and county parts.
enum DivisionCode {
    /// Province-level prefixes of GB/T 2260 (including Taiwan, Hong Kong and Macao).
    static let provinces: Set<String> = [
        "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
        "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
        "65", "71", "81", "82",
    ]

    /// Why `text` is not a division code, or nil when it is one.
    static func problem(_ text: String) -> String? {
        guard text.utf8.count == 6, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
            return "is not a division code: write six digits such as \"330111\""
        }
        guard provinces.contains(String(text.prefix(2))) else {
            return "does not start with a province code of GB/T 2260 (\(text.prefix(2)) is none)"
        }
        let prefecture = text.dropFirst(2).prefix(2)
        let county = text.suffix(2)
        if prefecture == "00" && county != "00" {
            return "has a county part under no prefecture"
        }
        return nil
    }
}

/// Item codes: opaque to the compiler (they differ by province and level) but written
/// as `[0-9A-Z][0-9A-Z-]{3,63}`, so that they are safe in every output.
enum ItemCode {
    static func problem(_ text: String) -> String? {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count >= 4, scalars.count <= 64 else {
            return "must be 4 to 64 characters long"
        }
        func isUpperOrDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) || ("A"..."Z").contains(c) }
        guard isUpperOrDigit(scalars[0]) else { return "must start with a digit or a capital letter" }
        if let bad = scalars.first(where: { !isUpperOrDigit($0) && $0 != "-" }) {
            return "may hold only digits, capital letters and `-`; found `\(bad.escaped(asASCII: false))`"
        }
        if text.hasSuffix("-") || text.contains("--") { return "has an empty part between `-`" }
        return nil
    }
}
