import JimuYAML

/// Reads typed values out of one YAML document, reporting every shape problem at its place
/// and carrying on: a wrong value gives nil, never an abort, so one run finds every problem.
final class DocumentReader {
    let document: YAMLDocument
    let file: String
    let diagnostics: DiagnosticCollector
    let limits: CatalogLimits
    /// The file's bytes, to map an offset inside a quoted scalar's value to its column as
    /// written (escapes make the two differ).
    let source: [UInt8]
    /// Where each line of `source` starts (after a byte order mark); built on first use.
    private lazy var lineStarts: [Int] = {
        guard !source.isEmpty else { return [] }
        var starts = [source.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0]
        var index = starts[0]
        while index < source.count {
            if source[index] == 0x0D, index + 1 < source.count, source[index + 1] == 0x0A { index += 1 }
            if source[index] == 0x0A || source[index] == 0x0D { starts.append(index + 1) }
            index += 1
        }
        return starts
    }()

    init(
        document: YAMLDocument, file: String, diagnostics: DiagnosticCollector, limits: CatalogLimits,
        source: [UInt8] = []
    ) {
        self.document = document
        self.file = file
        self.diagnostics = diagnostics
        self.limits = limits
        self.source = source
    }

    func location(_ node: YAMLNodeID) -> SourceLocation {
        let mark = document.mark(of: node)
        return SourceLocation(file: file, line: mark.line, column: mark.column)
    }

    /// A readable name of what a node holds, for "expected X, found Y".
    func describe(_ node: YAMLNodeID) -> String {
        switch document.kind(of: node) {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar:
            switch document.value(of: node) {
            case .null: return "nothing (null)"
            case .bool: return "a boolean"
            case .int: return "an integer"
            case .float: return "a number"
            case .string(let s): return "text `\(s.prefix(40))`"
            }
        }
    }

    func mismatch(_ node: YAMLNodeID, expected: String, what: String) {
        diagnostics.report(.typeMismatch, "\(what) must be \(expected), found \(describe(node))", at: location(node))
    }

    // MARK: Mappings

    /// Opens a mapping whose keys must come from `keys`; reports unknown keys with the
    /// closest known one.
    func mapping(_ node: YAMLNodeID, what: String, keys: [String]) -> MappingView? {
        guard document.kind(of: node) == .mapping else {
            mismatch(node, expected: "a mapping", what: what)
            return nil
        }
        var entries: [MappingView.Entry] = []
        for (key, value) in document.entries(of: node) {
            guard document.kind(of: key) == .scalar, let name = document.scalar(of: key) else {
                diagnostics.report(.typeMismatch, "keys of \(what) must be text", at: location(key))
                continue
            }
            if name == "<<" && document.style(of: key) == .plain {
                diagnostics.report(
                    .mergeKey, "merge keys (`<<`) are not supported: write the keys out", at: location(key))
                continue
            }
            guard keys.contains(name) else {
                // `{zh: …, en: Article 7, Law}` splits at the comma into a key `Law`: say so.
                let splitText =
                    document.kind(of: value) == .scalar && document.value(of: value) == .null
                    && (name.contains(" ") || keys == ["zh", "en"])
                diagnostics.report(
                    .unknownKey, "unknown key `\(name)` in \(what)", at: location(key),
                    fix: splitText
                        ? .init("quote the text before it: inside `{…}` a comma starts a new key")
                        : Suggestion.closest(to: name, among: keys).map(Diagnostic.Fix.didYouMean))
                continue
            }
            entries.append(MappingView.Entry(name: name, key: key, value: value))
        }
        return MappingView(node: node, what: what, entries: entries, reader: self)
    }

    // MARK: Scalars

    /// Any non-null scalar as text. Numbers and booleans are accepted with their text as
    /// written, so `code: 330111` means the same as `code: "330111"` and nothing is lost.
    func string(_ node: YAMLNodeID, what: String) -> Located<String>? {
        guard document.kind(of: node) == .scalar, let text = document.scalar(of: node),
            document.value(of: node) != .null
        else {
            mismatch(node, expected: "text", what: what)
            return nil
        }
        if text.utf8.count > limits.maxStringLength {
            diagnostics.report(
                .stringTooLong,
                "\(what) is \(text.utf8.count) bytes long, over the limit of \(limits.maxStringLength) "
                    + "(raise `limits.max_string_length` in jimu.yaml)",
                at: location(node))
            return nil
        }
        // Written as the escape `\0`, a NUL is no NUL byte in the file, but the text holds one
        // all the same, and every tool downstream that reads C strings would cut it there.
        if text.containsByte(where: { $0 == 0 }) {
            diagnostics.report(
                .nulCharacter, "\(what) holds a NUL character (written as an escape); remove it", at: location(node))
            return nil
        }
        return Located(text, at: location(node))
    }

    func integer(_ node: YAMLNodeID, what: String, range: ClosedRange<Int>) -> Located<Int>? {
        guard document.kind(of: node) == .scalar, case .int(let value) = document.value(of: node) else {
            // A whole number too large for 64 bits (2^63) resolves as a float: it is still a
            // whole number, only out of range.
            if document.kind(of: node) == .scalar, case .float = document.value(of: node),
                let text = document.scalar(of: node), Self.isIntegerLiteral(text)
            {
                let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
                diagnostics.report(
                    .numberOutOfRange, "\(what) must be between \(range.lowerBound) and \(range.upperBound), found \(shown)",
                    at: location(node))
                return nil
            }
            mismatch(node, expected: "a whole number", what: what)
            return nil
        }
        guard value >= Int64(range.lowerBound), value <= Int64(range.upperBound) else {
            diagnostics.report(
                .numberOutOfRange, "\(what) must be between \(range.lowerBound) and \(range.upperBound), found \(value)",
                at: location(node))
            return nil
        }
        return Located(Int(value), at: location(node))
    }

    /// Whether the text is written as an integer of the core schema (`-12`, `0x1F`, `0o17`).
    static func isIntegerLiteral(_ text: String) -> Bool {
        var digits = Substring(text)
        var radixDigits: (UInt8) -> Bool = { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        if digits.hasPrefix("0x") {
            digits = digits.dropFirst(2)
            radixDigits = { ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0 | 0x20) }
        } else if digits.hasPrefix("0o") {
            digits = digits.dropFirst(2)
            radixDigits = { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "7") }
        } else if digits.hasPrefix("-") || digits.hasPrefix("+") {
            digits = digits.dropFirst()
        }
        return !digits.isEmpty && digits.utf8.allSatisfy(radixDigits)
    }

    func number(_ node: YAMLNodeID, what: String) -> Located<CatalogNumber>? {
        guard document.kind(of: node) == .scalar, let text = document.scalar(of: node) else {
            mismatch(node, expected: "a number", what: what)
            return nil
        }
        let value: Double
        switch document.value(of: node) {
        case .int(let i): value = Double(i)
        case .float(let f): value = f
        default:
            mismatch(node, expected: "a number", what: what)
            return nil
        }
        guard value.isFinite else {
            diagnostics.report(.numberOutOfRange, "\(what) must be a finite number, found `\(text)`", at: location(node))
            return nil
        }
        return Located(CatalogNumber(value: value, text: text), at: location(node))
    }

    func bool(_ node: YAMLNodeID, what: String) -> Located<Bool>? {
        guard document.kind(of: node) == .scalar, case .bool(let value) = document.value(of: node) else {
            mismatch(node, expected: "true or false", what: what)
            return nil
        }
        return Located(value, at: location(node))
    }

    /// A value of a closed vocabulary; a near miss gets a "did you mean".
    func choice<E: RawRepresentable & CaseIterable>(_ node: YAMLNodeID, what: String) -> Located<E>?
    where E.RawValue == String {
        guard let text = string(node, what: what) else { return nil }
        if let value = E(rawValue: text.value) { return Located(value, at: text.location) }
        let allowed = E.allCases.map(\.rawValue)
        diagnostics.report(
            .invalidValue,
            "`\(text.value)` is not a valid \(what); expected one of: \(allowed.joined(separator: ", "))",
            at: text.location,
            fix: Suggestion.closest(to: text.value, among: allowed).map(Diagnostic.Fix.didYouMean))
        return nil
    }

    func date(_ node: YAMLNodeID, what: String) -> Located<CivilDate>? {
        guard let text = string(node, what: what) else { return nil }
        guard let date = CivilDate(text.value) else {
            diagnostics.report(
                .invalidDate, "`\(text.value)` is not a date that exists; write YYYY-MM-DD", at: text.location)
            return nil
        }
        return Located(date, at: text.location)
    }

    /// `{zh: …, en: …}`; `zh` is required.
    func text(_ node: YAMLNodeID, what: String) -> LocalizedText? {
        guard let map = mapping(node, what: what, keys: ["zh", "en"]) else { return nil }
        let zh = map.required("zh").flatMap { string($0, what: "\(what) in Chinese") }
        let en = map["en"].flatMap { string($0, what: "\(what) in English") }
        guard let zh else { return nil }
        return LocalizedText(zh: zh.value, en: en?.value)
    }

    // MARK: Lists

    /// A sequence, each element read by `element`; a failed element is dropped after its
    /// diagnostic, the rest are kept.
    func list<T>(_ node: YAMLNodeID, what: String, _ element: (YAMLNodeID) -> T?) -> [T] {
        guard document.kind(of: node) == .sequence else {
            mismatch(node, expected: "a list", what: what)
            return []
        }
        return document.items(of: node).compactMap(element)
    }

    /// A list of ids or keys, each checked against `syntax`.
    func names(_ node: YAMLNodeID, what: String, syntax: NameSyntax) -> [Located<String>] {
        list(node, what: what) { self.name($0, what: what, syntax: syntax) }
    }

    /// One id or key, checked against its syntax.
    func name(_ node: YAMLNodeID, what: String, syntax: NameSyntax) -> Located<String>? {
        guard let text = string(node, what: what) else { return nil }
        return syntax.check(text, what: what, diagnostics: diagnostics) ? text : nil
    }
}

/// The entries of one mapping, by key, after unknown keys were reported.
struct MappingView {
    struct Entry {
        var name: String
        var key: YAMLNodeID
        var value: YAMLNodeID
    }

    let node: YAMLNodeID
    let what: String
    /// In document order. A mapping has a handful of keys, so a search beats hashing them
    /// into a dictionary (once per mapping of every file of a province catalog).
    let entries: [Entry]
    unowned let reader: DocumentReader

    private func entry(_ name: String) -> Entry? { entries.last { $0.name == name } }

    subscript(key: String) -> YAMLNodeID? { entry(key)?.value }

    /// The value of a required key; reports `missing-key` at the mapping when absent.
    func required(_ key: String) -> YAMLNodeID? {
        if let value = entry(key)?.value { return value }
        reader.diagnostics.report(.missingKey, "\(what) needs the key `\(key)`", at: reader.location(node))
        return nil
    }

    func location(ofKey key: String) -> SourceLocation? {
        entry(key).map { reader.location($0.key) }
    }
}

extension DocumentReader {
    /// The place of the character at `offset` (in Unicode scalars) inside a scalar's value,
    /// exact for scalars on one line, whatever their escapes (`\\`, `\u4e00`, `''`) or a tag
    /// before them; for block scalars and scalars over several lines, the scalar's start.
    func location(inside node: YAMLNodeID, offset: Int) -> SourceLocation {
        let start = location(node)
        let style = document.style(of: node)
        guard document.kind(of: node) == .scalar, document.endMark(of: node).line == start.line,
            style != .literal, style != .folded
        else { return start }
        guard let line = sourceLine(start.line) else {
            return start.advanced(by: style == .plain ? offset : offset + 1)
        }
        var i = start.column - 1
        // The mark of a node with a tag or an anchor is the tag's or the anchor's.
        while i < line.count, line[i] == "!" || line[i] == "&" {
            while i < line.count, line[i] != " " && line[i] != "\t" { i += 1 }
            while i < line.count, line[i] == " " || line[i] == "\t" { i += 1 }
        }
        if style != .plain {
            guard i < line.count, line[i] == (style == .doubleQuoted ? "\"" : "'") else { return start }
            i += 1
        }
        // Each character of the value is one character of the text, or an escape.
        for _ in 0..<max(0, offset) {
            guard i < line.count else { return start }
            if style == .doubleQuoted, line[i] == "\\", i + 1 < line.count {
                switch line[i + 1] {
                case "x": i += 4
                case "u": i += 6
                case "U": i += 10
                default: i += 2
                }
            } else if style == .singleQuoted, line[i] == "'", i + 1 < line.count, line[i + 1] == "'" {
                i += 2
            } else {
                i += 1
            }
        }
        return SourceLocation(file: file, line: start.line, column: min(i, line.count) + 1)
    }

    /// The Unicode scalars of a 1-based line of the file, without its line break; nil when
    /// the bytes are not at hand. A byte order mark is dropped, as the YAML reader drops it.
    private func sourceLine(_ number: Int) -> [Unicode.Scalar]? {
        guard number >= 1, number <= lineStarts.count else { return nil }
        var end = lineStarts[number - 1]
        while end < source.count, source[end] != 0x0A, source[end] != 0x0D { end += 1 }
        return Array(String(decoding: source[lineStarts[number - 1]..<end], as: UTF8.self).unicodeScalars)
    }
}
