@testable import JimuCore
import Testing

/// Generated Swift names: ASCII words in camel case, whatever else the catalog's ids and
/// labels hold.
@Suite struct SwiftNamesTests {
    @Test func asciiWordsInCamelCase() {
        let cases: [(text: String, upper: Bool, name: String)] = [
            ("mother.id_number", false, "motherIdNumber"),
            ("household-registration", true, "HouseholdRegistration"),
            ("ID card 2nd copy", false, "iDCard2ndCopy"),
            ("ID card 2nd copy", true, "IDCard2ndCopy"),
            ("2nd", false, "2nd"),
            ("出生医学证明", false, ""),
            ("出生 certificate（副本）copy", false, "certificateCopy"),
            ("É-clair", true, "Clair"),
            ("naïve", false, "naVe"),
            ("__x__y__", false, "xY"),
            ("", true, ""),
        ]
        for (text, upper, name) in cases {
            #expect(SwiftNames.camel(text, upper: upper) == name, "\(text)")
        }
    }

    @Test func freshNamesAreNeitherKeywordsNorDigitLedNorRepeated() {
        var names = SwiftNames(reserved: ["labelZh"])
        #expect(names.make("label zh", fallback: "f") == "labelZh2")
        #expect(names.make("default", fallback: "f") == "defaultValue")
        #expect(names.make("2nd copy", fallback: "f") == "n2ndCopy")
        #expect(names.make("出生", fallback: "field") == "field")
        #expect(names.make("出生", fallback: "field") == "field2")
    }
}
