/// A node of one `YAMLDocument`.
///
/// An index into the document's flat node table rather than an object: a catalog file has
/// tens of thousands of nodes, and a heap object per node would halve the reader's speed.
/// An ID is only meaningful with the document that produced it. An alias yields the ID of
/// the anchored node, so the same ID can appear in several places of a document.
public struct YAMLNodeID: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The index into the document's node table; nodes are numbered in document order.
    let index: Int32

    init(_ index: Int32) {
        self.index = index
    }

    /// Orders nodes by where they start in the document (nodes are numbered in that order).
    public static func < (lhs: YAMLNodeID, rhs: YAMLNodeID) -> Bool {
        lhs.index < rhs.index
    }

    /// `#index`, for test failures and debugging.
    public var description: String { "#\(index)" }
}
