import Dispatch

/// Fork-join over independent units of work (files, items, outputs) on every core. Results
/// come back in input order, so a parallel stage gives exactly the bytes a serial one would.
public enum Parallel {
    /// `body(0) … body(count - 1)`, computed concurrently, in order.
    public static func map<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        guard count > 1 else { return (0..<count).map(body) }
        let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer {
            results.deinitialize()
            results.deallocate()
        }
        // Each iteration writes only its own slot: no two threads touch the same memory.
        nonisolated(unsafe) let slots = results
        DispatchQueue.concurrentPerform(iterations: count) { index in
            slots[index] = body(index)
        }
        return results.map { $0! }
    }

    public static func map<Element: Sendable, T: Sendable>(_ elements: [Element], _ body: @Sendable (Element) -> T) -> [T] {
        map(elements.count) { body(elements[$0]) }
    }
}
