extension String {
    /// Calls `body` with the string's UTF-8 bytes where they are (a small string's on the
    /// stack), copied only when they are not stored as UTF-8 (a bridged string): the checks
    /// read bytes, and `withUTF8` would want a mutable copy of every value first.
    @inline(__always)
    func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return copy.withUTF8(body)
    }
}
