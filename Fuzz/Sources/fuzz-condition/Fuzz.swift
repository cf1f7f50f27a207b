import FuzzHarness

/// libFuzzer's entry point; libFuzzer (linked by `-sanitize=fuzzer`) supplies `main`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzHarness.condition(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}
