/// Names looked up by their raw UTF-8 bytes: `validate(json:)` finds which field a JSON
/// member names, and which code a code field holds, without making a `String`. Names are
/// equal when their bytes are (JSON Schema compares names and `enum` strings by code points;
/// Swift's `String ==` would also equate canonically equivalent texts).
///
/// An open-addressing hash table, built once per form or code list, whose hash reads the
/// name's length and its first and last eight bytes: the catalog's names share prefixes
/// (`newborn.`) and suffixes (`.name`), rarely both, and a full comparison settles every
/// candidate. A class, so that passing a table around retains one reference.
public final class NameTable: Sendable {
    /// Every name's bytes, one after the other.
    private let bytes: [UInt8]
    /// Where each name starts in `bytes`; one more entry marks the end of the last.
    private let starts: [Int]
    /// Position + 1 per slot, 0 for an empty slot; the count is a power of two.
    private let slots: [Int32]

    public init(_ names: [String]) {
        var bytes: [UInt8] = []
        var starts: [Int] = []
        for name in names {
            starts.append(bytes.count)
            bytes.append(contentsOf: name.utf8)
        }
        starts.append(bytes.count)
        var capacity = 4
        while capacity < names.count * 2 { capacity *= 2 }
        var slots = [Int32](repeating: 0, count: capacity)
        for position in names.indices {
            let hash = bytes.withUnsafeBufferPointer {
                Self.hash(UnsafeBufferPointer(rebasing: $0[starts[position]..<starts[position + 1]]))
            }
            var slot = hash & (capacity - 1)
            var duplicate = false
            while slots[slot] != 0 {
                let other = Int(slots[slot]) - 1
                if bytes[starts[other]..<starts[other + 1]].elementsEqual(bytes[starts[position]..<starts[position + 1]]) {
                    duplicate = true  // the first of a name keeps it, as a `switch` would
                    break
                }
                slot = (slot + 1) & (capacity - 1)
            }
            if !duplicate { slots[slot] = Int32(position + 1) }
        }
        self.bytes = bytes
        self.starts = starts
        self.slots = slots
    }

    /// The position (in the names the table was made of) of the name of these UTF-8 bytes,
    /// nil for any other name.
    @inline(__always)
    public func position(of name: UnsafeBufferPointer<UInt8>) -> Int? {
        let mask = slots.count - 1
        var slot = Self.hash(name) & mask
        while true {
            let entry = Int(slots[slot])
            if entry == 0 { return nil }
            let position = entry - 1
            let start = starts[position]
            if starts[position + 1] - start == name.count, equal(name, at: start) { return position }
            slot = (slot + 1) & mask
        }
    }

    /// The position of a name given as a `String`, compared by its UTF-8 bytes.
    public func position(of name: String) -> Int? {
        name.withUTF8Bytes { position(of: $0) }
    }

    /// Whether `name` is the stored name at `start`, of the same length: eight bytes at a
    /// time, the last eight (overlapping) closing the comparison.
    @inline(__always)
    private func equal(_ name: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        bytes.withUnsafeBufferPointer { stored in
            let count = name.count
            guard count >= 8, let left = name.baseAddress, let right = stored.baseAddress.map({ $0 + start }) else {
                return (0..<count).allSatisfy { stored[start + $0] == name[$0] }
            }
            var offset = 0
            while offset + 8 < count {
                guard UnsafeRawPointer(left + offset).loadUnaligned(as: UInt64.self)
                    == UnsafeRawPointer(right + offset).loadUnaligned(as: UInt64.self)
                else { return false }
                offset += 8
            }
            return UnsafeRawPointer(left + count - 8).loadUnaligned(as: UInt64.self)
                == UnsafeRawPointer(right + count - 8).loadUnaligned(as: UInt64.self)
        }
    }

    /// Mixes the length with the first and the last (up to) eight bytes.
    @inline(__always)
    static func hash(_ name: UnsafeBufferPointer<UInt8>) -> Int {
        let count = name.count
        var head: UInt64 = 0
        var tail: UInt64 = 0
        if count >= 8, let base = name.baseAddress {
            head = UnsafeRawPointer(base).loadUnaligned(as: UInt64.self)
            tail = UnsafeRawPointer(base + count - 8).loadUnaligned(as: UInt64.self)
        } else {
            for byte in name { head = head << 8 | UInt64(byte) }
        }
        var mixed = (head &* 0x9E37_79B9_7F4A_7C15) ^ (tail &+ UInt64(count)) &* 0xC2B2_AE3D_27D4_EB4F
        mixed ^= mixed >> 29
        mixed &*= 0xBF58_476D_1CE4_E5B9
        mixed ^= mixed >> 32
        return Int(truncatingIfNeeded: mixed)
    }
}
