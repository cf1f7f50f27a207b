import JimuYAML
import Testing

/// Input must be UTF-8; anything else is rejected at the place where it goes wrong.
@Suite struct EncodingTests {
    @Test func invalidUTF8IsReportedWhereItIs() {
        let bytes = Array("a: 1\nb: x".utf8) + [0xFF] + Array("\n".utf8)
        let error = parseError(bytes)
        #expect(error?.kind == .invalidUTF8)
        #expect(error?.mark == at(2, 5))
    }

    /// Reader errors carry a byte offset; lines are counted as libyaml counts them.
    @Test(arguments: [("a: 1\r\nb: 2\r\nc: ", 3), ("a: 1\rb: 2\rc: ", 3), ("a: 1\n\n名称: 值\nc: ", 4)])
    func invalidUTF8AfterOtherLineEnds(prefix: String, line: Int) {
        let error = parseError(Array(prefix.utf8) + [0xFE])
        #expect(error?.kind == .invalidUTF8)
        #expect(error?.mark == at(line, 4))
    }

    @Test(arguments: [
        [0xC3] as [UInt8],  // truncated
        [0xC0, 0xAF],  // overlong
        [0xED, 0xA0, 0x80],  // surrogate
        [0xF4, 0x90, 0x80, 0x80],  // beyond U+10FFFF
        [0xE5, 0x87, 0x41],  // bad continuation
        [0x80],  // stray continuation
    ])
    func malformedSequences(sequence: [UInt8]) {
        let bytes = Array("名: ".utf8) + sequence + Array(" z\n".utf8)
        let error = parseError(bytes)
        #expect(error?.kind == .invalidUTF8)
        #expect(error?.mark == at(1, 4))
    }

    @Test func utf16WithByteOrderMarkIsRejected() {
        let little: [UInt8] = [0xFF, 0xFE] + "a: 1\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let big: [UInt8] = [0xFE, 0xFF] + "a: 1\n".utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        for bytes in [little, big] {
            let error = parseError(bytes)
            #expect(error?.kind == .invalidUTF8)
            #expect(error?.mark == at(1, 1))
        }
    }

    @Test func utf16WithoutByteOrderMarkIsRejected() {
        let bytes: [UInt8] = "a: 1\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(parseError(bytes)?.kind == .nulCharacter)
    }

    @Test func nulByteIsRejectedWhereItIs() {
        let error = parseError(Array("a: 1\nb: c".utf8) + [0x00] + Array("d\n".utf8))
        #expect(error?.kind == .nulCharacter)
        #expect(error?.mark == at(2, 5))
    }

    @Test func otherControlCharactersAreSyntaxErrors() {
        let error = parseError(Array("a: b".utf8) + [0x07])
        #expect(error?.kind == .syntax)
        #expect(error?.message == "control character U+0007 is not allowed")
        #expect(error?.mark == at(1, 5))
    }

    @Test func utf8ByteOrderMarkIsAccepted() throws {
        let document = try YAMLReader.parse([0xEF, 0xBB, 0xBF] + Array("a: 1\n".utf8))
        #expect(document.root.map(document.count(of:)) == 1)
        let empty = try YAMLReader.parse([0xEF, 0xBB, 0xBF])
        #expect(empty.root == nil)
    }
}
