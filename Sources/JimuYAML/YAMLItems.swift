/// The items of a sequence: a view into the document's children table, indexed from 0, so
/// that walking a sequence allocates nothing.
public struct YAMLItems: RandomAccessCollection, Sendable {
    let slots: ArraySlice<YAMLNodeID>

    /// Always 0.
    public var startIndex: Int { 0 }
    /// The number of items.
    public var endIndex: Int { slots.count }

    /// The item at a 0-based position.
    public subscript(position: Int) -> YAMLNodeID {
        slots[slots.startIndex + position]
    }
}
