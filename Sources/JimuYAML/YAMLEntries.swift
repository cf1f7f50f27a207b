/// The key–value pairs of a mapping: a view into the document's children table, so that
/// walking a mapping allocates nothing.
public struct YAMLEntries: RandomAccessCollection, Sendable {
    /// A pair of nodes; the key is a node too, with its own mark.
    public typealias Element = (key: YAMLNodeID, value: YAMLNodeID)

    /// Key, value, key, value…
    let slots: ArraySlice<YAMLNodeID>

    /// Always 0.
    public var startIndex: Int { 0 }
    /// The number of pairs.
    public var endIndex: Int { slots.count / 2 }

    /// The pair at a 0-based position.
    public subscript(position: Int) -> Element {
        let base = slots.startIndex + 2 * position
        return (key: slots[base], value: slots[base + 1])
    }
}
