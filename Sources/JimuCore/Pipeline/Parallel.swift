import Foundation

/// Fork-join over independent units of work (files, items, outputs) on every core. Results
/// come back in input order, so a parallel stage gives exactly the bytes a serial one would.
///
/// Every loop is shared: the thread that starts it works through it, and so does any thread
/// of the pool with nothing else to do. A loop inside a loop (an emitter's items, inside the
/// emit stage's emitters) is therefore helped by the core that the outer loop has left idle,
/// so a long emitter started last no longer ends the stage on one core. (Dispatch's
/// `concurrentPerform` runs such an inner loop on its own thread alone.)
public enum Parallel {
    /// `body(0) … body(count - 1)`, computed concurrently, in order.
    public static func map<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        guard count > 1, WorkerPool.shared.hasWorkers else { return (0..<count).map(body) }
        let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer {
            results.deinitialize()
            results.deallocate()
        }
        // Each iteration writes only its own slot: no two threads touch the same memory.
        nonisolated(unsafe) let slots = results
        withoutActuallyEscaping(body) { body in
            // The pool lets go of the body before this returns (`SharedLoop.run`).
            WorkerPool.shared.run(SharedLoop(count: count) { slots[$0] = body($0) })
        }
        return results.map { $0! }
    }

    public static func map<Element: Sendable, T: Sendable>(_ elements: [Element], _ body: @Sendable (Element) -> T) -> [T] {
        map(elements.count) { body(elements[$0]) }
    }
}

/// One loop's iterations, claimed one at a time by whichever thread works on it. Guarded by
/// the pool's lock.
final class SharedLoop: @unchecked Sendable {
    let count: Int
    /// The next iteration nobody has claimed, and how many have finished.
    var next = 0
    var finished = 0
    /// Set to nil once every iteration has finished, so nothing holds the body after the loop.
    var body: ((Int) -> Void)?

    init(count: Int, body: @escaping (Int) -> Void) {
        self.count = count
        self.body = body
    }

    var hasUnclaimed: Bool { next < count }

    /// Takes the next unclaimed iteration (there must be one).
    func claim() -> Int {
        next += 1
        return next - 1
    }
}

/// The threads that help with loops: one fewer than the cores, as the thread starting a loop
/// works on it too.
final class WorkerPool: @unchecked Sendable {
    static let shared = WorkerPool(workers: ProcessInfo.processInfo.activeProcessorCount - 1)

    private let condition = NSCondition()
    /// Loops with iterations still unclaimed, in the order they started.
    private var open: [SharedLoop] = []
    let hasWorkers: Bool

    private init(workers: Int) {
        hasWorkers = workers > 0
        for _ in 0..<max(0, workers) {
            let thread = Thread { [self] in serve() }
            // Decoding and rendering recurse as deep as on the main thread.
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    /// Runs every iteration of `loop`, on this thread and any idle worker, and returns once
    /// all have finished. While it waits for the last iterations other threads are running,
    /// this thread helps only loops started after its own (those loops' iterations), never an
    /// earlier one, whose iterations may be long and are not what it waits for.
    func run(_ loop: SharedLoop) {
        condition.lock()
        open.append(loop)
        condition.broadcast()
        while loop.finished < loop.count {
            if let (helped, index) = claim(from: loop) {
                runIteration(helped, index)
            } else {
                condition.wait()
            }
        }
        open.removeAll { $0 === loop }
        loop.body = nil
        condition.unlock()
    }

    /// An unclaimed iteration of `loop`, or else of the latest loop started after it (called
    /// with the lock held).
    private func claim(from loop: SharedLoop) -> (SharedLoop, Int)? {
        if loop.hasUnclaimed { return (loop, loop.claim()) }
        guard let position = open.firstIndex(where: { $0 === loop }),
            let later = open[(position + 1)...].last(where: \.hasUnclaimed)
        else { return nil }
        return (later, later.claim())
    }

    /// Runs one claimed iteration outside the lock (called, and returning, with it held).
    private func runIteration(_ loop: SharedLoop, _ index: Int) {
        condition.unlock()
        Self.call(loop, index)
        condition.lock()
        loop.finished += 1
        if loop.finished == loop.count { condition.broadcast() }
    }

    /// Its own function, so that the reference to the body it takes is released when it
    /// returns, before the iteration counts as finished: `Parallel.map` must hold the only
    /// reference once the last one has.
    @inline(never)
    private static func call(_ loop: SharedLoop, _ index: Int) {
        // Read without the lock: `body` is set before the loop is shared and cleared only
        // after every iteration has finished, this one included.
        loop.body?(index)
    }

    /// A worker: the latest loop's iterations while any is unclaimed, else sleep.
    private func serve() {
        condition.lock()
        while true {
            if let loop = open.last(where: \.hasUnclaimed) {
                runIteration(loop, loop.claim())
            } else {
                condition.wait()
            }
        }
    }
}
