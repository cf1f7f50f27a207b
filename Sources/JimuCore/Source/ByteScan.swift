extension String {
    /// Whether a UTF-8 byte of the string passes `test`, on its contiguous bytes when it has
    /// them: the escapers ask it of every value before deciding there is nothing to escape,
    /// and the decoder of every string whether it holds a NUL.
    @inline(__always)
    func containsByte(where test: (UInt8) -> Bool) -> Bool {
        utf8.withContiguousStorageIfAvailable { $0.contains(where: test) } ?? utf8.contains(where: test)
    }
}
