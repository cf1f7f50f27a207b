extension [UInt8] {
    /// Appends `value`'s decimal digits, with no `String` in between: the JSON writers and
    /// the cache's index spell tens of thousands of numbers on every build.
    mutating func appendDecimal(_ value: some BinaryInteger) {
        if value < 0 { append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        let start = count
        repeat {
            append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        self[start...].reverse()
    }
}
