/// Stores each distinct mapping-key text once and gives it a small integer identity.
///
/// Catalog files repeat the same few dozen keys thousands of times. Interning stores their
/// text once, hands the core library one shared `String` per key (no allocation per lookup),
/// and turns duplicate-key detection into integer comparison.
///
/// An open-addressing table over byte ranges of the document's text arena, hashed with the
/// standard library's per-process seeded `Hasher` so that a hostile file cannot force
/// collisions and make interning quadratic.
struct KeyInterner {
    /// The shared strings, by key index.
    private(set) var strings: [String] = []
    /// Where each key's bytes live in the text arena.
    private var offsets: [Int32] = []
    private var lengths: [Int32] = []
    private var hashes: [Int] = []
    /// Key index + 1 per slot; 0 marks an empty slot. Capacity is a power of two.
    private var slots: [Int32] = Array(repeating: 0, count: 64)

    /// The key index for `bytes`, appending the bytes to `arena` when they are new.
    /// Returns the index and the offset of the (single) copy in the arena.
    mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>, arena: inout [UInt8]) -> (key: Int32, offset: Int32) {
        var hasher = Hasher()
        hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
        let hash = hasher.finalize()
        let mask = slots.count - 1
        var slot = hash & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            let key = Int(entry - 1)
            if hashes[key] == hash, Int(lengths[key]) == bytes.count,
               Self.equal(arena, at: Int(offsets[key]), bytes)
            {
                return (Int32(key), offsets[key])
            }
            slot = (slot + 1) & mask
        }
        let offset = Int32(arena.count)
        arena.append(contentsOf: bytes)
        let key = Int32(strings.count)
        strings.append(String(decoding: bytes, as: UTF8.self))
        offsets.append(offset)
        lengths.append(Int32(bytes.count))
        hashes.append(hash)
        slots[slot] = key + 1
        if strings.count * 2 > slots.count { grow() }
        return (key, offset)
    }

    private mutating func grow() {
        slots = Array(repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for key in hashes.indices {
            var slot = hashes[key] & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(key + 1)
        }
    }

    private static func equal(_ arena: [UInt8], at offset: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        arena.withUnsafeBufferPointer { stored in
            for index in 0..<bytes.count where stored[offset + index] != bytes[index] {
                return false
            }
            return true
        }
    }
}
