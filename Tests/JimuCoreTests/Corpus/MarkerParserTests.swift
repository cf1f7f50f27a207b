import JimuCore
import Testing

/// The fixture harness itself: markers must land where the text says.
@Suite struct MarkerParserTests {
    @Test func markersAreRemovedAndLocated() {
        let result = MarkerParser.strip("key: a\nname: «type-mismatch»x «unknown-key»y\n", file: "f.yaml")
        #expect(result.text == "key: a\nname: x y\n")
        #expect(result.markers.map(\.code) == ["type-mismatch", "unknown-key"])
        #expect(result.markers.map(\.location) == [
            SourceLocation(file: "f.yaml", line: 2, column: 7), SourceLocation(file: "f.yaml", line: 2, column: 9),
        ])
    }

    @Test func columnsCountUnicodeScalars() {
        let result = MarkerParser.strip("label: 母亲«unresolved-label»名子", file: "f.yaml")
        #expect(result.markers.first?.location.column == 10)
    }

    @Test func notesAndNonMarkers() {
        let result = MarkerParser.strip("a: «note:duplicate-key»1\nb: «not a marker»\n", file: "f.yaml")
        #expect(result.markers.map(\.isNote) == [true])
        #expect(result.text == "a: 1\nb: «not a marker»\n")
    }

    @Test func byteEscapes() {
        let result = MarkerParser.strip(#"a: é\xC3\xA9«invalid-utf8»\xFF"#, file: "f.yaml", decodingByteEscapes: true)
        #expect(result.bytes == Array("a: éé".utf8) + [0xFF])
        // `\xC3\xA9` is one character: the continuation byte adds no column.
        #expect(result.markers.first?.location.column == 6)
        #expect(MarkerParser.strip(#"a\x41"#, file: "f").bytes == Array(#"a\x41"#.utf8))
    }

    @Test func anEmptyFileWithAMarker() {
        let result = MarkerParser.strip("«empty-file»", file: "f.yaml")
        #expect(result.bytes.isEmpty)
        #expect(result.markers.first?.location == .start(of: "f.yaml"))
    }
}
