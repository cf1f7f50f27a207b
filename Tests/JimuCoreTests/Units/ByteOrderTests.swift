import Foundation
import Testing

@testable import JimuCore

/// Every list and key Jimu writes is in the byte order of its UTF-8: sorting by spans of one
/// buffer gives the order of comparing the strings themselves, stable among equals.
@Suite struct ByteOrderTests {
    static let odd = [
        "b", "a\"q", "Z", "é/x", "e\u{301}", "a/b", "a-b/x", "a.b", "a", "", "中", "a\u{1}", "ab", "a/", "short",
        "a rather long path/that is not a small string.yaml", "a rather long path/that is not", "😀", "\u{FEFF}x",
    ]

    @Test func sortsAsTheBytesCompareAndKeepsEqualsInPlace() {
        let strings = Self.odd + Self.odd.reversed() + ["b", "b"]
        let positions = ByteOrder.positions(of: strings)
        #expect(positions.sorted() == Array(strings.indices))
        let sorted = positions.map { strings[$0] }
        #expect(sorted == strings.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
        #expect(sorted == strings.sorted { $0.precedesInByteOrder($1) })
        // Equal strings keep their order: their positions rise.
        for (a, b) in zip(positions, positions.dropFirst()) where strings[a] == strings[b] { #expect(a < b) }
        #expect(ByteOrder.positions(of: []) == [])
    }

    /// Two sorted lists merged are the sort of both, for every way of dealing the strings
    /// out between them, empty lists included.
    @Test func mergesTwoSortedListsIntoOne() {
        let strings = Self.odd.sorted { $0.precedesInByteOrder($1) }
        for split in 0..<8 {
            let first = strings.enumerated().filter { ($0.offset + split) % (split + 1) == 0 }.map(\.element)
            let second = strings.enumerated().filter { ($0.offset + split) % (split + 1) != 0 }.map(\.element)
            #expect(ByteOrder.merged(first, second, by: { $0 }) == strings, "split \(split)")
            #expect(ByteOrder.merged(second, first, by: { $0 }) == strings, "split \(split)")
        }
        #expect(ByteOrder.merged([], strings, by: { $0 }) == strings)
        #expect(ByteOrder.merged(strings, [], by: { $0 }) == strings)
    }

    @Test func sortsElementsByAKey() {
        let elements = Self.odd.enumerated().map { (name: $1, tag: $0) }
        #expect(ByteOrder.sorted(elements, by: \.name).map(\.name) == Self.odd.sorted { $0.precedesInByteOrder($1) })
    }
}
