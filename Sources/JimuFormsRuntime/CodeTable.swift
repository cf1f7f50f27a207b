/// A code list's enum as the Swift emitter generates it: `validate(json:)` finds the code a
/// JSON string holds by its bytes (exactly, as JSON Schema's `enum` compares), with no
/// `String` made and no `init(rawValue:)`, which compares codes one after the other.
public protocol CodeListEnum: RawRepresentable, CaseIterable, Sendable where RawValue == String {
    static var codeTable: CodeTable<Self> { get }
}

/// The codes of a code list, by the UTF-8 bytes of their raw values. A class, so that
/// passing a table around retains one reference.
public final class CodeTable<Code: RawRepresentable & Sendable>: Sendable where Code.RawValue == String {
    private let codes: [Code]
    private let names: NameTable

    public init(_ codes: [Code]) {
        self.codes = codes
        names = NameTable(codes.map(\.rawValue))
    }

    /// The code whose raw value has these UTF-8 bytes, nil when none has.
    @inline(__always)
    public func code(named name: UnsafeBufferPointer<UInt8>) -> Code? {
        names.position(of: name).map { codes[$0] }
    }
}
