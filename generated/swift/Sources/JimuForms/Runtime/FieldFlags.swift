/// A set of a form's fields, by their position in the form: which fields a JSON submission
/// holds with a value of the wrong type (present for `required`, yet without a typed value),
/// and which names `validate(json:)` has met already. A form's first 64 fields live in one
/// word, so the common case neither hashes nor allocates; larger forms spill into an array.
public struct FieldFlags: Sendable, Equatable {
    private var low: UInt64 = 0
    private var high: [UInt64] = []

    public init() {}

    @inline(__always)
    public func contains(_ field: Int) -> Bool {
        if field < 64 { return low & (1 << UInt64(field)) != 0 }
        let word = field / 64 - 1
        return word < high.count && high[word] & (1 << UInt64(field % 64)) != 0
    }

    @inline(__always)
    public mutating func insert(_ field: Int) {
        set(field, true)
    }

    /// Adds or removes `field`.
    @inline(__always)
    public mutating func set(_ field: Int, _ member: Bool) {
        if field < 64 {
            low = member ? low | 1 << UInt64(field) : low & ~(1 << UInt64(field))
        } else {
            setHigh(field, member)
        }
    }

    /// `set` beyond the first 64 fields, out of line so that `set` stays small.
    private mutating func setHigh(_ field: Int, _ member: Bool) {
        let word = field / 64 - 1
        if word >= high.count {
            guard member else { return }
            high += [UInt64](repeating: 0, count: word + 1 - high.count)
        }
        high[word] = member ? high[word] | 1 << UInt64(field % 64) : high[word] & ~(1 << UInt64(field % 64))
    }
}
