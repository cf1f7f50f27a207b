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
        var left = self
        var right = other
        return left.withUTF8 { a in
            right.withUTF8 { b in
                let common = min(a.count, b.count)
                let order = common == 0 ? 0 : memcmp(a.baseAddress!, b.baseAddress!, common)
                return order < 0 || (order == 0 && a.count < b.count)
            }
        }
    }
}
