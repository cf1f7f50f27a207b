#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension String {
    /// Whether the text sorts before `other` by its UTF-8 bytes: the one order of every file
    /// list and JSON key Jimu writes, the same on every machine and in every locale. Compared
    /// with `memcmp`, as a province's tens of thousands of paths are sorted on every build.
    func precedesInByteOrder(_ other: String) -> Bool {
        // A native string's bytes are read in place; only another kind is copied first.
        let inPlace = utf8.withContiguousStorageIfAvailable { a in
            other.utf8.withContiguousStorageIfAvailable { b in Self.precedes(a, b) }
        }
        if let inPlace, let result = inPlace { return result }
        var left = self
        var right = other
        return left.withUTF8 { a in right.withUTF8 { b in Self.precedes(a, b) } }
    }

    private static func precedes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let common = Swift.min(a.count, b.count)
        let order = common == 0 ? 0 : memcmp(a.baseAddress!, b.baseAddress!, common)
        return order < 0 || (order == 0 && a.count < b.count)
    }
}
