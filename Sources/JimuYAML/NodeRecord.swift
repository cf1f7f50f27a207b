/// One node of a document's flat node table: small, fixed-size, no references.
///
/// A record per node (rather than an object per node) keeps a whole document in a handful
/// of arrays, which is what lets the reader keep pace with libyaml itself.
struct NodeRecord: Sendable {
    /// How a scalar's value is to be resolved, decided once from its style and tag.
    enum Resolution: UInt8, Sendable {
        /// Plain scalar without a core tag: the core schema decides.
        case core
        /// Quoted or block scalar, `!`, or `!!str`.
        case string
        /// `!!int`, `!!float`, `!!bool`, `!!null`: checked at parse time.
        case int, float, bool, null
    }

    var kind: YAMLNodeKind
    var style: YAMLScalarStyle
    var resolution: Resolution
    /// Index into the document's tag table, or -1 when the node has no tag.
    var tag: Int32
    /// 1-based start and end of the node.
    var line: Int32
    var column: Int32
    var endLine: Int32
    var endColumn: Int32
    /// Scalar: byte offset of the text in the text arena. Collection: offset of the first
    /// child in the children table.
    var start: Int32
    /// Scalar: byte length of the text. Collection: number of child slots (a mapping has two
    /// per entry: key, value).
    var count: Int32
    /// For a scalar used as a key: index of its shared `String` in the key table; else -1.
    var key: Int32
}
