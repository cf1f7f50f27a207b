import Foundation

/// A value computed once, by whichever thread asks for it first; the others wait for it.
/// The emit stage's jobs share what several of them read (the catalog reports) without
/// a stage of its own in which one core would work alone; `jimu build` works out its own
/// identity while the catalog is read.
///
/// The computation runs under the lock: it must never ask for the same value again, not
/// even from a loop it starts (a thread helping that loop would wait for itself).
public final class Once<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var computed: Value?
    private var compute: (@Sendable () -> Value)?
    private var measured: Double = 0

    /// How long the computation took once it has run (0 before), counting any time the
    /// thread spent helping other loops of `Parallel` meanwhile.
    var seconds: Double { lock.withLock { measured } }

    public init(_ compute: @escaping @Sendable () -> Value) {
        self.compute = compute
    }

    public var value: Value {
        lock.withLock {
            if let computed { return computed }
            let start = DispatchTime.now().uptimeNanoseconds
            let value = compute!()
            measured = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            computed = value
            compute = nil
            return value
        }
    }
}
