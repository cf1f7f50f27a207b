@testable import JimuCore
import Testing

/// The build cache's record of a file on disk, read back from the index's text.
@Suite struct FileIdentityTests {
    @Test(arguments: [
        "0,0,0,0,0",
        "12,-5,999999999,18446744073709551615,4294967295",
        "118040553,1795456533,123456789,2883725,33188",
        "9223372036854775807,-9223372036854775808,0,1,1",
    ])
    func theTextOfAnIdentityReadsBackAsTheSameIdentity(text: String) throws {
        let identity = try #require(FileIdentity(text: Array(text.utf8)[...]))
        #expect(identity.text == text)
    }

    @Test(arguments: [
        "", "1,2,3,4", "1,2,3,4,5,6", "a,2,3,4,5", "1,2,3,-4,5", "1,2,3,4,4294967296", "1,2,3,18446744073709551616,5",
        "9223372036854775808,0,0,0,0", "1,,3,4,5", "1,2,3,4,5 ", "1,-,3,4,5", "1,2,3,4,5,", ",1,2,3,4,5", "1,2,3,4,",
    ])
    func anythingElseIsNoIdentity(text: String) {
        #expect(FileIdentity(text: Array(text.utf8)[...]) == nil)
    }
}
