/// A stack whose storage is kept when it shrinks, for the builder's per-event scratch.
///
/// `Array.removeLast(_:)` goes through the generic `replaceSubrange`, which showed in
/// profiles at every collection end; truncating here only moves a count.
struct ScratchStack<Element> {
    private var storage: [Element] = []
    /// The number of elements on the stack.
    private(set) var count = 0

    /// Keeps room for `capacity` elements without regrowing.
    mutating func reserveCapacity(_ capacity: Int) {
        storage.reserveCapacity(capacity)
    }

    @inline(__always)
    mutating func push(_ element: Element) {
        if count < storage.count {
            storage[count] = element
        } else {
            storage.append(element)
        }
        count += 1
    }

    /// Drops every element from `newCount` up.
    mutating func truncate(to newCount: Int) {
        count = min(count, max(newCount, 0))
    }

    @inline(__always)
    subscript(index: Int) -> Element {
        precondition(index < count, "index beyond the top of the stack")
        return storage[index]
    }

    /// The elements from `start` to the top.
    func suffix(from start: Int) -> ArraySlice<Element> {
        storage[start..<count]
    }
}
