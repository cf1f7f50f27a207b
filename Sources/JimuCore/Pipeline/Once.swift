import Foundation

/// A value computed once, by whichever thread asks for it first; the others wait for it.
/// The emit stage's jobs share what several of them read (the catalog reports) without
/// a stage of its own in which one core would work alone; `jimu build` works out its own
/// identity while the catalog is read.
public final class Once<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var computed: Value?
    private var compute: (@Sendable () -> Value)?
    /// How long the computation took, once it has run.
    private(set) var seconds: Double = 0

    public init(_ compute: @escaping @Sendable () -> Value) {
        self.compute = compute
    }

    public var value: Value {
        lock.withLock {
            if let computed { return computed }
            let start = DispatchTime.now().uptimeNanoseconds
            let value = compute!()
            seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            computed = value
            compute = nil
            return value
        }
    }
}
