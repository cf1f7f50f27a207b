/// Turns the events of one document into a `YAMLDocument`, enforcing the reader's rules
/// as the events arrive: depth, alias expansion, undefined aliases, duplicate keys and
/// explicit tags. Checking on arrival is what lets a hostile file fail fast, and reports the
/// first problem in document order.
///
/// Independent of libyaml's types: `YAMLReader` feeds it byte buffers, marks and the
/// NUL-terminated tag and anchor texts, which become `String`s only when present (most nodes
/// have neither, and skipping the conversion is measurably faster).
struct DocumentBuilder {
    /// A NUL-terminated UTF-8 text owned by the caller for the duration of a call.
    typealias CText = UnsafePointer<UInt8>

    /// An open mapping or sequence. Plain data only, so that updating the innermost frame
    /// for every event costs no reference counting.
    private struct Frame {
        var node: Int32
        var isMapping: Bool
        /// Whether the collection defines an anchor (its name is in `openAnchors`).
        var hasAnchor: Bool
        /// Where this collection's children start on the `pending` stack.
        var pendingStart: Int
        /// Where this mapping's keys start on the `pendingKeys` stack.
        var keyStart: Int
        /// 1 + the expanded sizes of the children so far.
        var expanded: Int
        /// The greatest collection height among the children so far.
        var childHeight: Int
    }

    /// What makes two keys the same key, packed into two integers so that comparing and
    /// hashing are cheap.
    ///
    /// String keys (quoted, or plain text that the core schema leaves a string) compare by
    /// text, through the interned key index; other scalars compare by resolved value, so
    /// `1` and `0x1`, or `~` and `null`, are duplicates, while `1` and `"1"`, or `1` and
    /// `1.0`, are not. All `.nan` keys are the same key. A collection used as a key equals
    /// only itself (the same node again, through an alias).
    private struct KeyIdentity: Hashable {
        enum Kind: UInt8 { case text, null, bool, int, float, node }
        var kind: Kind
        var bits: UInt64

        init(kind: Kind, bits: UInt64 = 0) {
            self.kind = kind
            self.bits = bits
        }

        /// The identity of a resolved non-string value; nil for a string.
        init?(resolved value: YAMLScalarValue) {
            switch value {
            case .null: self.init(kind: .null)
            case .bool(let bool): self.init(kind: .bool, bits: bool ? 1 : 0)
            case .int(let integer): self.init(kind: .int, bits: UInt64(bitPattern: integer))
            case .float(let double):
                // One key for every NaN and for both zeros.
                let canonical = double.isNaN ? Double.nan : (double == 0 ? 0 : double)
                self.init(kind: .float, bits: canonical.bitPattern)
            case .string: return nil
            }
        }
    }

    /// A key of an open mapping: what it is and where it was written (for an alias, where
    /// the alias stands, not the anchored node).
    private struct PendingKey {
        var identity: KeyIdentity
        var line: Int32
        var column: Int32

        var mark: YAMLMark { YAMLMark(line: Int(line), column: Int(column)) }
    }

    private struct Anchor {
        var node: Int32
        var expanded: Int
        var height: Int
        /// False while the anchored collection is still open: an alias to it then would
        /// make a cycle.
        var complete: Bool
    }

    /// Above this many keys a mapping switches from linear scan to a hash table.
    private static let linearKeyLimit = 16

    private let limits: YAMLLimits
    /// `limits.maxDepth`, at most `YAMLLimits.depthCeiling`.
    private let maxDepth: Int
    private var nodes: [NodeRecord] = []
    private var children: [YAMLNodeID] = []
    private var text: [UInt8] = []
    private var keys = KeyInterner()
    private var tags: [String] = []
    private var tagIndex: [String: Int32] = [:]
    /// The innermost open collection, or at document level a pseudo-frame with node -1 that
    /// receives the root. Kept out of `frames` so that the updates made for every event touch
    /// a stored property rather than an array element.
    private var current = Frame(
        node: -1, isMapping: false, hasAnchor: false, pendingStart: 0, keyStart: 0, expanded: 0, childHeight: 0)
    /// The frames enclosing `current`, outermost first: as many as there are open collections.
    private var frames: [Frame] = []
    /// Children of the open collections, innermost last.
    private var pending = ScratchStack<YAMLNodeID>()
    /// Keys of the open mappings, innermost last.
    private var pendingKeys = ScratchStack<PendingKey>()
    private var anchors: [String: Anchor] = [:]
    /// Anchor names of open collections, by node index.
    private var openAnchors: [Int32: String] = [:]
    /// Key positions of open mappings with many keys, by node index: below
    /// `linearKeyLimit` keys a linear scan is faster than hashing, and most catalog
    /// mappings are small.
    private var keySets: [Int32: [KeyIdentity: Int]] = [:]
    /// Nodes that aliases have added so far: the expanded size minus the literal size.
    private var aliasNodes = 0
    private var root: YAMLNodeID?

    /// - Parameter inputBytes: the size of the input, to reserve storage once up front;
    ///   0 when unknown (a later document of a stream).
    init(limits: YAMLLimits, inputBytes: Int) {
        self.limits = limits
        self.maxDepth = min(limits.maxDepth, YAMLLimits.depthCeiling)
        guard inputBytes > 0 else { return }
        // Catalog YAML has one node per 10 to 15 bytes, and scalar text a little less than
        // the input. Reserving a little more than that avoids regrowing large arrays (a copy
        // each time); pages reserved and never touched cost nothing.
        let nodeGuess = inputBytes / 8 + 16
        nodes.reserveCapacity(nodeGuess)
        children.reserveCapacity(nodeGuess)
        text.reserveCapacity(inputBytes)
        frames.reserveCapacity(16)
        pending.reserveCapacity(64)
        pendingKeys.reserveCapacity(32)
    }

    // MARK: - Events

    /// A scalar event.
    mutating func scalar(
        _ bytes: UnsafeBufferPointer<UInt8>, style: YAMLScalarStyle, tag: CText?, anchor: CText?,
        start: YAMLMark, end: YAMLMark
    ) throws(YAMLError) {
        // Untagged scalars are nearly all of them: skip the tag machinery for those.
        var resolution: NodeRecord.Resolution = style == .plain ? .core : .string
        var tagIndex: Int32 = -1
        if let tag {
            let tagText = String(cString: tag)
            resolution = try Self.resolution(of: bytes, style: style, tag: CoreTag(tagText), at: start)
            tagIndex = internTag(tagText)
        }
        let id = YAMLNodeID(Int32(nodes.count))
        var record = NodeRecord(
            kind: .scalar, style: style, resolution: resolution, tag: tagIndex,
            line: Int32(clamping: start.line), column: Int32(clamping: start.column),
            endLine: Int32(clamping: end.line), endColumn: Int32(clamping: end.column),
            start: 0, count: Int32(bytes.count), key: -1)
        guard current.isMapping, (pending.count - current.pendingStart) & 1 == 0 else {
            // A value (or a root, or a sequence item): store its text and attach it.
            record.start = Int32(text.count)
            text.append(contentsOf: bytes)
            nodes.append(record)
            if let anchor { defineScalarAnchor(anchor, node: id) }
            try place(id, at: start, expanded: 1, height: 0)
            return
        }
        // A key: its identity comes from the bytes at hand; string keys are interned.
        var identity: KeyIdentity?
        if let value = CoreSchema.resolve(bytes, as: resolution) {
            identity = KeyIdentity(resolved: value)
        }
        let interned = keys.intern(bytes, arena: &text)
        record.start = interned.offset
        record.key = interned.key
        nodes.append(record)
        if let anchor { defineScalarAnchor(anchor, node: id) }
        let key = identity ?? KeyIdentity(kind: .text, bits: UInt64(interned.key))
        try place(id, at: start, expanded: 1, height: 0, key: key)
    }

    private mutating func defineScalarAnchor(_ name: CText, node: YAMLNodeID) {
        anchors[String(cString: name)] = Anchor(node: node.index, expanded: 1, height: 0, complete: true)
    }

    /// A mapping-start or sequence-start event.
    mutating func startCollection(
        _ kind: YAMLNodeKind, tag: CText?, anchor: CText?, start: YAMLMark
    ) throws(YAMLError) {
        if frames.count + 1 > maxDepth {
            throw YAMLError(
                kind: .depthLimit,
                message: "collections are nested more than \(maxDepth) levels deep",
                mark: start)
        }
        let tagText = tag.map { String(cString: $0) }
        let coreTag = CoreTag(tagText)
        switch (coreTag, kind) {
        case (.none, _), (.nonSpecific, _), (.other, _), (.map, .mapping), (.seq, .sequence):
            break
        default:
            let noun = kind == .mapping ? "mapping" : "sequence"
            throw YAMLError(
                kind: .syntax, message: "a `\(coreTag.shortName)` tag cannot be used on a \(noun)", mark: start)
        }
        let id = Int32(nodes.count)
        nodes.append(NodeRecord(
            kind: kind, style: .plain, resolution: .string, tag: tagText.map { internTag($0) } ?? -1,
            line: Int32(clamping: start.line), column: Int32(clamping: start.column),
            endLine: Int32(clamping: start.line), endColumn: Int32(clamping: start.column),
            start: 0, count: 0, key: -1))
        if let anchor {
            let name = String(cString: anchor)
            anchors[name] = Anchor(node: id, expanded: 1, height: 1, complete: false)
            openAnchors[id] = name
        }
        frames.append(current)
        current = Frame(
            node: id, isMapping: kind == .mapping, hasAnchor: anchor != nil, pendingStart: pending.count,
            keyStart: pendingKeys.count, expanded: 1, childHeight: 0)
    }

    /// A mapping-end or sequence-end event.
    mutating func endCollection(end: YAMLMark) throws(YAMLError) {
        guard let parent = frames.popLast() else { return }
        let frame = current
        current = parent
        let first = children.count
        children.append(contentsOf: pending.suffix(from: frame.pendingStart))
        pending.truncate(to: frame.pendingStart)
        pendingKeys.truncate(to: frame.keyStart)
        if !keySets.isEmpty { keySets[frame.node] = nil }
        let index = Int(frame.node)
        nodes[index].start = Int32(first)
        nodes[index].count = Int32(children.count - first)
        nodes[index].endLine = Int32(clamping: end.line)
        nodes[index].endColumn = Int32(clamping: end.column)
        let height = frame.childHeight + 1
        // Complete the anchor only if no later node took the name meanwhile: an alias
        // refers to the most recent definition in document order.
        if frame.hasAnchor, let name = openAnchors.removeValue(forKey: frame.node), anchors[name]?.node == frame.node {
            anchors[name] = Anchor(node: frame.node, expanded: frame.expanded, height: height, complete: true)
        }
        let start = YAMLMark(line: Int(nodes[index].line), column: Int(nodes[index].column))
        try place(YAMLNodeID(frame.node), at: start, expanded: frame.expanded, height: height)
    }

    /// An alias event: the anchored node is placed again, not copied.
    mutating func alias(_ name: String, start: YAMLMark) throws(YAMLError) {
        guard let anchor = anchors[name] else {
            throw YAMLError(
                kind: .undefinedAlias, message: "alias `*\(name)` has no anchor `&\(name)` before it", mark: start)
        }
        guard anchor.complete else {
            throw YAMLError(
                kind: .aliasExpansion, message: "alias `*\(name)` refers to a collection that contains it",
                mark: start, relatedMark: mark(of: anchor.node))
        }
        // E - L grows by (size of the anchored tree - 1) per alias occurrence; checking
        // here stops an alias bomb at the first alias that crosses the limit.
        aliasNodes = Self.saturatingSum(aliasNodes, anchor.expanded - 1)
        if aliasNodes > limits.maxAliasExpansion {
            throw YAMLError(
                kind: .aliasExpansion,
                message: "aliases expand the document by more than \(limits.maxAliasExpansion) nodes (at `*\(name)`)",
                mark: start, relatedMark: mark(of: anchor.node))
        }
        if frames.count + anchor.height > maxDepth {
            throw YAMLError(
                kind: .depthLimit,
                message: "alias `*\(name)` nests collections more than \(maxDepth) levels deep",
                mark: start, relatedMark: mark(of: anchor.node))
        }
        try place(YAMLNodeID(anchor.node), at: start, expanded: anchor.expanded, height: anchor.height)
    }

    /// The finished document. Collections left open (only after an error) are dropped.
    func finish() -> YAMLDocument {
        YAMLDocument(root: root, nodes: nodes, children: children, text: text, keys: keys.strings, tags: tags)
    }

    // MARK: - Placing nodes

    /// Adds a finished node to its parent (or makes it the root). A key is checked for
    /// duplicates first; `key` is its identity when the caller already knows it.
    private mutating func place(
        _ id: YAMLNodeID, at mark: YAMLMark, expanded: Int, height: Int, key: KeyIdentity? = nil
    ) throws(YAMLError) {
        guard current.node >= 0 else {
            if root == nil { root = id }
            return
        }
        if current.isMapping, (pending.count - current.pendingStart) & 1 == 0 {
            try addKey(id, identity: key ?? keyIdentity(of: id), at: mark)
        }
        pending.push(id)
        current.expanded = Self.saturatingSum(current.expanded, expanded)
        current.childHeight = max(current.childHeight, height)
    }

    private mutating func addKey(_ id: YAMLNodeID, identity: KeyIdentity, at mark: YAMLMark) throws(YAMLError) {
        let keyStart = current.keyStart
        let node = current.node
        let position = pendingKeys.count - keyStart
        let large = position >= Self.linearKeyLimit
        var firstIndex: Int?
        if large {
            firstIndex = keySets[node]?[identity]
        } else {
            var index = keyStart
            while index < pendingKeys.count {
                if pendingKeys[index].identity == identity {
                    firstIndex = index - keyStart
                    break
                }
                index += 1
            }
        }
        if let firstIndex {
            throw YAMLError(
                kind: .duplicateKey, message: "duplicate key \(describeKey(id))", mark: mark,
                relatedMark: pendingKeys[keyStart + firstIndex].mark)
        }
        pendingKeys.push(PendingKey(
            identity: identity, line: Int32(clamping: mark.line), column: Int32(clamping: mark.column)))
        if large {
            keySets[node, default: [:]][identity] = position
        } else if position + 1 == Self.linearKeyLimit {
            // From the next key on, look keys up by hash.
            var set: [KeyIdentity: Int] = [:]
            set.reserveCapacity(Self.linearKeyLimit * 4)
            for (offset, key) in pendingKeys.suffix(from: keyStart).enumerated() {
                set[key.identity] = offset
            }
            keySets[node] = set
        }
    }

    private mutating func keyIdentity(of id: YAMLNodeID) -> KeyIdentity {
        let record = nodes[Int(id.index)]
        guard record.kind == .scalar else { return KeyIdentity(kind: .node, bits: UInt64(id.index)) }
        let value = text.withUnsafeBufferPointer { all in
            CoreSchema.resolve(
                UnsafeBufferPointer(rebasing: all[Int(record.start)..<Int(record.start + record.count)]),
                as: record.resolution)
        }
        if let value, let identity = KeyIdentity(resolved: value) { return identity }
        if record.key >= 0 { return KeyIdentity(kind: .text, bits: UInt64(record.key)) }
        // A value scalar used again as a key through an alias: intern it now. Copy first,
        // because interning may append to the arena the bytes come from.
        let bytes = Array(text[Int(record.start)..<Int(record.start + record.count)])
        let key = bytes.withUnsafeBufferPointer { keys.intern($0, arena: &text).key }
        nodes[Int(id.index)].key = key
        return KeyIdentity(kind: .text, bits: UInt64(key))
    }

    /// Expansion sizes can double per level of aliases; with a very high limit they must
    /// stop at `Int.max` rather than trap.
    private static func saturatingSum(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? .max : sum
    }

    private func describeKey(_ id: YAMLNodeID) -> String {
        let record = nodes[Int(id.index)]
        guard record.kind == .scalar else {
            return "(the same \(record.kind == .mapping ? "mapping" : "sequence") used twice as a key)"
        }
        var shown = String(decoding: text[Int(record.start)..<Int(record.start + record.count)], as: UTF8.self)
        // Keep the message one readable line whatever the key holds.
        shown = String(shown.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : Character($0) })
        if shown.count > 60 { shown = String(shown.prefix(60)) + "…" }
        return "`\(shown)`"
    }

    private func mark(of node: Int32) -> YAMLMark {
        let record = nodes[Int(node)]
        return YAMLMark(line: Int(record.line), column: Int(record.column))
    }

    private mutating func internTag(_ tag: String) -> Int32 {
        if let index = tagIndex[tag] { return index }
        let index = Int32(tags.count)
        tags.append(tag)
        tagIndex[tag] = index
        return index
    }

    /// How a scalar resolves given its style and tag; throws when a core tag does not fit
    /// the text (`!!int abc`), because honouring the tag is then impossible.
    private static func resolution(
        of bytes: UnsafeBufferPointer<UInt8>, style: YAMLScalarStyle, tag: CoreTag, at mark: YAMLMark
    ) throws(YAMLError) -> NodeRecord.Resolution {
        let fits: Bool
        let resolution: NodeRecord.Resolution
        switch tag {
        case .none, .other: return style == .plain ? .core : .string
        case .nonSpecific, .str: return .string
        case .int:
            resolution = .int
            if case .int = CoreSchema.integer(bytes) { fits = true } else { fits = false }
        case .float:
            resolution = .float
            fits = CoreSchema.integer(bytes) != nil || CoreSchema.float(bytes) != nil
        case .bool:
            resolution = .bool
            fits = CoreSchema.bool(bytes) != nil
        case .null:
            resolution = .null
            fits = CoreSchema.isNull(bytes)
        case .map, .seq:
            throw YAMLError(kind: .syntax, message: "a `\(tag.shortName)` tag cannot be used on a scalar", mark: mark)
        }
        guard fits else {
            var shown = String(decoding: bytes, as: UTF8.self)
            if shown.count > 60 { shown = String(shown.prefix(60)) + "…" }
            throw YAMLError(kind: .syntax, message: "`\(shown)` is not a valid `\(tag.shortName)`", mark: mark)
        }
        return resolution
    }
}
