/// Stores each distinct mapping-key text once and gives it a small integer identity.
///
/// Catalog files repeat the same few dozen keys thousands of times. Interning stores their
/// text once, hands the core library one shared `String` per key (no allocation per lookup),
/// and turns duplicate-key detection into integer comparison.
///
/// An open-addressing table over byte ranges of the document's text arena. The hash is a
/// multiply-fold hash (in the style of wyhash) keyed with a random per-process seed: several
/// times cheaper than `Hasher`'s SipHash on short keys, which matters because every key of
/// every mapping is hashed, and still seeded so that a hostile file cannot precompute
/// collisions and make interning quadratic.
///
/// Tables are allocated on first use: most catalog files are a few kilobytes, where fixed
/// costs show.
struct KeyInterner {
    /// Where a key's bytes live in the text arena, and their hash.
    private struct Entry {
        var offset: Int32
        var length: Int32
        var hash: UInt64
    }

    /// A short key (up to 16 bytes) as two words and a length, for the cache.
    private struct ShortKey {
        var low: UInt64 = 0
        var high: UInt64 = 0
        /// Length + 1; 0 marks an empty entry.
        var length: Int32 = 0
        var key: Int32 = 0
        var offset: Int32 = 0
    }

    /// The shared strings, by key index.
    private(set) var strings: [String] = []
    private var entries: [Entry] = []
    /// Key index + 1 per slot; 0 marks an empty slot. Empty until the first key, then a
    /// power of two at least twice the number of keys.
    private var slots: [Int32] = []
    /// A direct-mapped cache of short keys in front of the table: most keys are short and
    /// recur, and a hit costs three integer comparisons instead of a hash, a probe and a
    /// byte comparison. It is exact, so a miss only falls through to the table; it needs no
    /// seed because it can only miss.
    private var shortKeys: [ShortKey] = []
    /// A copy of the process seed: reading a global on every key costs a lazy-init check.
    private let seed = Self.processSeed

    private static let shortKeyCacheSize = 64

    /// The key index for `bytes`, appending the bytes to `arena` when they are new.
    /// Returns the index and the offset of the (single) copy in the arena.
    mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>, arena: inout [UInt8]) -> (key: Int32, offset: Int32) {
        guard bytes.count <= 16 else { return internInTable(bytes, arena: &arena) }
        if shortKeys.isEmpty {
            shortKeys = Array(repeating: ShortKey(), count: Self.shortKeyCacheSize)
        }
        let (low, high) = Self.words(bytes)
        // The top 6 bits of a multiplicative hash: 64 cache slots.
        let cacheSlot = Int(truncatingIfNeeded: ((low ^ (high &* 31)) &* 0x9E37_79B9_7F4A_7C15) >> 58)
        let cached = shortKeys[cacheSlot]
        if cached.length == Int32(bytes.count + 1), cached.low == low, cached.high == high {
            return (cached.key, cached.offset)
        }
        let interned = internInTable(bytes, arena: &arena)
        shortKeys[cacheSlot] = ShortKey(
            low: low, high: high, length: Int32(bytes.count + 1), key: interned.key, offset: interned.offset)
        return interned
    }

    /// Up to 16 bytes as two words. Together with the length the words determine the
    /// bytes, which is all the cache needs: longer keys load overlapping words rather than
    /// copying into a padded buffer.
    private static func words(_ bytes: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64) {
        let raw = UnsafeRawBufferPointer(bytes)
        let count = raw.count
        if count >= 8 {
            let high = count > 8 ? raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self) : 0
            return (raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self), high)
        }
        if count >= 4 {
            let low = UInt64(raw.loadUnaligned(fromByteOffset: 0, as: UInt32.self))
            let high = UInt64(raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
            return (low | high << 32, 0)
        }
        var low: UInt64 = 0
        for index in 0..<count { low |= UInt64(raw[index]) << (8 * UInt64(index)) }
        return (low, 0)
    }

    private mutating func internInTable(
        _ bytes: UnsafeBufferPointer<UInt8>, arena: inout [UInt8]
    ) -> (key: Int32, offset: Int32) {
        if slots.isEmpty {
            slots = Array(repeating: 0, count: 64)
            entries.reserveCapacity(32)
            strings.reserveCapacity(32)
        }
        let hash = Self.hash(bytes, seed: seed)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        let found: (key: Int32, offset: Int32)? = arena.withUnsafeBufferPointer { stored in
            while true {
                let index = slots[slot]
                if index == 0 { return nil }
                let entry = entries[Int(index - 1)]
                if entry.hash == hash, Int(entry.length) == bytes.count,
                    Self.equal(UnsafeBufferPointer(rebasing: stored[Int(entry.offset)...].prefix(bytes.count)), bytes)
                {
                    return (index - 1, entry.offset)
                }
                slot = (slot + 1) & mask
            }
        }
        if let found { return found }
        let offset = Int32(arena.count)
        arena.append(contentsOf: bytes)
        let key = Int32(strings.count)
        strings.append(String(decoding: bytes, as: UTF8.self))
        entries.append(Entry(offset: offset, length: Int32(bytes.count), hash: hash))
        slots[slot] = key + 1
        if entries.count * 2 > slots.count { grow() }
        return (key, offset)
    }

    private mutating func grow() {
        slots = Array(repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for (key, entry) in entries.enumerated() {
            var slot = Int(truncatingIfNeeded: entry.hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(key + 1)
        }
    }

    /// Chosen once per process, so hash values differ from run to run.
    private static let processSeed = UInt64.random(in: .min ... .max)

    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>, seed: UInt64) -> UInt64 {
        let raw = UnsafeRawBufferPointer(bytes)
        var state = seed ^ (UInt64(raw.count) &* 0x9E37_79B9_7F4A_7C15)
        var index = 0
        while index + 8 <= raw.count {
            // The seed enters every block, so that no chosen block can zero a product and
            // make the rest of the hash independent of the seed.
            state = mix(state, raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) ^ seed)
            index += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while index < raw.count {
            tail |= UInt64(raw[index]) << shift
            shift += 8
            index += 1
        }
        return mix(state, tail ^ seed)
    }

    /// Multiplies state and input to 128 bits and folds the halves, so every input bit
    /// reaches every output bit (wyhash's `mum`).
    private static func mix(_ state: UInt64, _ word: UInt64) -> UInt64 {
        let product = (word ^ 0xA076_1D64_78BD_642F).multipliedFullWidth(by: state ^ 0xE703_7ED1_A0B4_28DB)
        return product.high ^ product.low
    }

    /// Byte equality of two buffers of the same length.
    private static func equal(_ stored: UnsafeBufferPointer<UInt8>, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for index in 0..<bytes.count where stored[index] != bytes[index] {
            return false
        }
        return true
    }
}
