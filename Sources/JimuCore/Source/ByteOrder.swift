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
        ByteOrder.precedes(a.baseAddress, a.count, b.baseAddress, b.count)
    }
}

/// Sorting many strings by their bytes: the positions of `strings` in that order (stable),
/// found by comparing spans of one buffer holding all their bytes, so that no comparison
/// retains or releases a string. Sorting 25,000 paths as strings spent most of its time
/// on reference counting, not on comparing.
enum ByteOrder {
    static func positions(of strings: [String]) -> [Int] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(strings.reduce(0) { $0 + $1.utf8.count })
        var spans: [(start: Int, count: Int, position: Int)] = []
        spans.reserveCapacity(strings.count)
        for (position, string) in strings.enumerated() {
            let start = bytes.count
            bytes += string.utf8
            spans.append((start, bytes.count - start, position))
        }
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            spans.sort { a, b in precedes(base + a.start, a.count, base + b.start, b.count) }
        }
        return spans.map(\.position)
    }

    /// Whether the `aCount` bytes at `a` sort before the `bCount` bytes at `b`: compared
    /// with `memcmp`, the shorter first where one begins the other.
    static func precedes(_ a: UnsafePointer<UInt8>?, _ aCount: Int, _ b: UnsafePointer<UInt8>?, _ bCount: Int) -> Bool {
        let common = Swift.min(aCount, bCount)
        let order = common == 0 ? 0 : memcmp(a!, b!, common)
        return order < 0 || (order == 0 && aCount < bCount)
    }

    /// Two lists each in the byte order of `key`, as one in that order (`first`'s element
    /// first between equal keys): a rebuild's few rendered files among the tens of thousands
    /// it takes from the cache, already in order.
    static func merged<Element>(_ first: [Element], _ second: [Element], by key: (Element) -> String) -> [Element] {
        guard !first.isEmpty else { return second }
        guard !second.isEmpty else { return first }
        var result: [Element] = []
        result.reserveCapacity(first.count + second.count)
        var (i, j) = (0, 0)
        while i < first.count, j < second.count {
            if key(second[j]).precedesInByteOrder(key(first[i])) {
                result.append(second[j])
                j += 1
            } else {
                result.append(first[i])
                i += 1
            }
        }
        result += first[i...]
        result += second[j...]
        return result
    }

    /// `elements` in the byte order of `key` of each: each key read once.
    static func sorted<Element>(_ elements: [Element], by key: (Element) -> String) -> [Element] {
        positions(of: elements.map(key)).map { elements[$0] }
    }
}

