/// One parsed YAML document: a tree (a DAG when aliases are used) of located nodes.
///
/// Nodes live in flat tables and are named by `YAMLNodeID`; ask the document about a node
/// rather than holding node objects. Structure and marks are O(1) lookups. Scalar text is
/// kept as UTF-8: `scalar(of:)` returns a shared `String` for a key and builds one for any
/// other scalar, and `value(of:)` resolves the text on each call (cheap: the first byte rules
/// out most strings), so convert a value once rather than asking repeatedly. The document is
/// an immutable value and may be shared across threads.
///
/// Accessors expect IDs produced by this document; another document's IDs are a
/// programming error and may trap like an out-of-range array index.
public struct YAMLDocument: Sendable {
    /// The top node, or nil when the stream holds no document at all (an empty file, or
    /// only comments). A document that is just `---` has a null scalar as its root.
    public let root: YAMLNodeID?

    let nodes: [NodeRecord]
    /// Children of every collection, each collection's children contiguous; a mapping's are
    /// key, value, key, value…
    let children: [YAMLNodeID]
    /// The UTF-8 text of every scalar, back to back; interned keys appear once.
    let text: [UInt8]
    /// One shared `String` per distinct key text.
    let keys: [String]
    /// Every distinct tag, as libyaml resolved it.
    let tags: [String]

    init(
        root: YAMLNodeID?, nodes: [NodeRecord], children: [YAMLNodeID], text: [UInt8], keys: [String], tags: [String]
    ) {
        self.root = root
        self.nodes = nodes
        self.children = children
        self.text = text
        self.keys = keys
        self.tags = tags
    }

    /// A document without nodes, for a stream without documents.
    static let empty = YAMLDocument(root: nil, nodes: [], children: [], text: [], keys: [], tags: [])

    /// The number of distinct nodes (an aliased node counts once).
    public var nodeCount: Int { nodes.count }

    /// Scalar, mapping or sequence.
    public func kind(of node: YAMLNodeID) -> YAMLNodeKind {
        nodes[Int(node.index)].kind
    }

    /// Where the node starts: its anchor or tag if it has one, else its first character (the
    /// opening quote of a quoted scalar, the `|` of a block scalar, the first key of a block
    /// mapping, the `-` of a block sequence, the bracket of a flow collection).
    ///
    /// A node reached through an alias reports where the anchored node is, not the alias.
    public func mark(of node: YAMLNodeID) -> YAMLMark {
        let record = nodes[Int(node.index)]
        return YAMLMark(line: Int(record.line), column: Int(record.column))
    }

    /// Where the node ends: just after its last character. For a block collection this is
    /// where libyaml noticed the end, often the start of the next line.
    public func endMark(of node: YAMLNodeID) -> YAMLMark {
        let record = nodes[Int(node.index)]
        return YAMLMark(line: Int(record.endLine), column: Int(record.endColumn))
    }

    /// The scalar's text after YAML's quoting, escaping and folding, or nil for a collection.
    /// The text may contain NUL (from a `"\0"` escape). Keys return a shared string.
    public func scalar(of node: YAMLNodeID) -> String? {
        let record = nodes[Int(node.index)]
        guard record.kind == .scalar else { return nil }
        if record.key >= 0 { return keys[Int(record.key)] }
        return withText(of: record) { String(decoding: $0, as: UTF8.self) }
    }

    /// How the scalar was written; `.plain` for a collection.
    public func style(of node: YAMLNodeID) -> YAMLScalarStyle {
        nodes[Int(node.index)].style
    }

    /// Whether any node has an explicit tag: most documents have none, and a check of every
    /// node's tag can then stop before it starts.
    public var hasTags: Bool { !tags.isEmpty }

    /// The node's explicit tag, or nil when it has none.
    ///
    /// The tag is given as libyaml resolves it: tag handles are expanded, so `!!str` reads
    /// `tag:yaml.org,2002:str` and `!!python/object` reads `tag:yaml.org,2002:python/object`;
    /// a local tag such as `!custom` and the non-specific `!` stay as written.
    public func tag(of node: YAMLNodeID) -> String? {
        let record = nodes[Int(node.index)]
        return record.tag >= 0 ? tags[Int(record.tag)] : nil
    }

    /// The scalar's value under the YAML 1.2 core schema and its explicit tag (see
    /// `YAMLScalarValue`). A collection has no scalar value and gives `.null`: check
    /// `kind(of:)` first.
    public func value(of node: YAMLNodeID) -> YAMLScalarValue {
        let record = nodes[Int(node.index)]
        guard record.kind == .scalar else { return .null }
        let resolved = withText(of: record) { CoreSchema.resolve($0, as: record.resolution) }
        return resolved ?? .string(scalar(of: node) ?? "")
    }

    /// The key–value pairs of a mapping, in document order; empty for any other node.
    public func entries(of node: YAMLNodeID) -> YAMLEntries {
        let record = nodes[Int(node.index)]
        guard record.kind == .mapping else { return YAMLEntries(slots: children[0..<0]) }
        return YAMLEntries(slots: children[Int(record.start)..<Int(record.start + record.count)])
    }

    /// The items of a sequence, in document order; empty for any other node.
    public func items(of node: YAMLNodeID) -> YAMLItems {
        let record = nodes[Int(node.index)]
        guard record.kind == .sequence else { return YAMLItems(slots: children[0..<0]) }
        return YAMLItems(slots: children[Int(record.start)..<Int(record.start + record.count)])
    }

    /// The number of entries of a mapping or items of a sequence; 0 for a scalar.
    public func count(of node: YAMLNodeID) -> Int {
        let record = nodes[Int(node.index)]
        switch record.kind {
        case .scalar: return 0
        case .mapping: return Int(record.count) / 2
        case .sequence: return Int(record.count)
        }
    }

    // MARK: - Helpers

    private func withText<R>(of record: NodeRecord, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        text.withUnsafeBufferPointer { all in
            body(UnsafeBufferPointer(rebasing: all[Int(record.start)..<Int(record.start + record.count)]))
        }
    }
}
