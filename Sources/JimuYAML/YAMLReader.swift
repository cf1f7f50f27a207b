internal import CYAML

/// Reads YAML text into located documents, on top of libyaml's event parser.
///
/// The input must be UTF-8 (a leading byte order mark is allowed and skipped). libyaml does
/// the tokenising and the grammar; this reader adds what the catalog needs on top: exact
/// places for every error, YAML 1.2 core scalar rules, duplicate keys as errors, and bounds
/// on size, depth and alias expansion so that no input can exhaust memory or stack.
public enum YAMLReader {
    /// Parses a file that must hold exactly one document.
    ///
    /// An empty file, or one with only comments, gives a document whose `root` is nil. A
    /// second document is a `multipleDocuments` error at its start.
    public static func parse(_ bytes: [UInt8], limits: YAMLLimits = .default) throws(YAMLError) -> YAMLDocument {
        // The buffer stays pinned for the whole parse: libyaml reads it through a pointer.
        let result = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(YAMLError) in try read(buffer, limits: limits, singleDocument: true) }
        }
        return try result.get().first ?? .empty
    }

    /// Parses a file that must hold exactly one document, from memory the caller keeps
    /// alive for the duration of the call (a memory-mapped file, `Data.withUnsafeBytes`).
    public static func parse(
        _ bytes: UnsafeRawBufferPointer, limits: YAMLLimits = .default
    ) throws(YAMLError) -> YAMLDocument {
        try read(bytes.bindMemory(to: UInt8.self), limits: limits, singleDocument: true).first ?? .empty
    }

    /// Parses a stream of zero or more documents (`---` separated). Limits apply to each
    /// document, except `maxFileBytes`, which applies to the whole input.
    public static func parseStream(
        _ bytes: [UInt8], limits: YAMLLimits = .default
    ) throws(YAMLError) -> [YAMLDocument] {
        let result = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(YAMLError) in try read(buffer, limits: limits, singleDocument: false) }
        }
        return try result.get()
    }

    /// Parses a stream of zero or more documents from memory the caller keeps alive.
    public static func parseStream(
        _ bytes: UnsafeRawBufferPointer, limits: YAMLLimits = .default
    ) throws(YAMLError) -> [YAMLDocument] {
        try read(bytes.bindMemory(to: UInt8.self), limits: limits, singleDocument: false)
    }

    // MARK: - Driving libyaml

    private static func read(
        _ input: UnsafeBufferPointer<UInt8>, limits: YAMLLimits, singleDocument: Bool
    ) throws(YAMLError) -> [YAMLDocument] {
        // Offsets are stored as Int32 and escapes such as `\L` can make scalar text up to
        // 1.5 times longer than its source, so 1 GiB is a hard bound whatever the limits say.
        let maxBytes = min(limits.maxFileBytes, 1 << 30)
        guard input.count <= maxBytes else {
            throw YAMLError(
                kind: .fileTooLarge,
                message: "the file is \(input.count) bytes, more than the limit of \(maxBytes) bytes",
                mark: .start)
        }
        if input.count >= 2, (input[0] == 0xFF && input[1] == 0xFE) || (input[0] == 0xFE && input[1] == 0xFF) {
            throw YAMLError(
                kind: .invalidUTF8,
                message: "the file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8",
                mark: .start)
        }
        // With the encoding forced to UTF-8, libyaml would keep a byte order mark as a
        // character of line 1 and shift its columns; drop it here instead.
        var body = input
        if input.count >= 3, input[0] == 0xEF, input[1] == 0xBB, input[2] == 0xBF {
            body = UnsafeBufferPointer(rebasing: input[3...])
        }
        guard let base = body.baseAddress, !body.isEmpty else { return [] }

        // Heap-allocated so that it never moves: libyaml keeps pointers into the parser.
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) != 0 else {
            throw YAMLError(kind: .syntax, message: "the YAML parser could not allocate memory", mark: .start)
        }
        defer { yaml_parser_delete(parser) }
        yaml_parser_set_input_string(parser, base, body.count)
        // Forcing UTF-8 makes libyaml reject UTF-16 input instead of silently converting it.
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)

        let event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
        defer { event.deallocate() }

        var documents: [YAMLDocument] = []
        // The first document usually is the whole file: size its storage to match.
        var builder = DocumentBuilder(limits: limits, inputBytes: body.count)
        while true {
            guard yaml_parser_parse(parser, event) != 0 else {
                // A failed call leaves the event empty; deleting it is still safe.
                yaml_event_delete(event)
                throw error(of: parser, source: SourceLocator(bytes: body))
            }
            defer { yaml_event_delete(event) }
            let start = mark(event.pointee.start_mark)
            let type = event.pointee.type.rawValue
            // Scalars are most events: test for them first, with one predictable branch,
            // before dispatching the rest. (Comparing raw values avoids calling `==` on the
            // imported enum structs.)
            if type == YAML_SCALAR_EVENT.rawValue {
                let scalar = event.pointee.data.scalar
                // Read with its length: a scalar may hold NUL (`"\0"`).
                let length = scalar.value == nil ? 0 : Int(scalar.length)
                try builder.scalar(
                    UnsafeBufferPointer(start: scalar.value, count: length), style: style(scalar.style),
                    tag: UnsafePointer(scalar.tag), anchor: UnsafePointer(scalar.anchor),
                    start: start, end: mark(event.pointee.end_mark))
                continue
            }
            switch type {
            case YAML_STREAM_END_EVENT.rawValue:
                return documents
            case YAML_DOCUMENT_START_EVENT.rawValue:
                guard !documents.isEmpty else { break }
                if singleDocument {
                    throw YAMLError(
                        kind: .multipleDocuments,
                        message: "a second document starts here; the file must hold exactly one", mark: start)
                }
                builder = DocumentBuilder(limits: limits, inputBytes: 0)
            case YAML_DOCUMENT_END_EVENT.rawValue:
                documents.append(builder.finish())
            case YAML_MAPPING_START_EVENT.rawValue:
                let mapping = event.pointee.data.mapping_start
                try builder.startCollection(
                    .mapping, tag: UnsafePointer(mapping.tag), anchor: UnsafePointer(mapping.anchor), start: start)
            case YAML_SEQUENCE_START_EVENT.rawValue:
                let sequence = event.pointee.data.sequence_start
                try builder.startCollection(
                    .sequence, tag: UnsafePointer(sequence.tag), anchor: UnsafePointer(sequence.anchor), start: start)
            case YAML_MAPPING_END_EVENT.rawValue, YAML_SEQUENCE_END_EVENT.rawValue:
                try builder.endCollection(end: mark(event.pointee.end_mark))
            case YAML_ALIAS_EVENT.rawValue:
                let name = event.pointee.data.alias.anchor.map { String(cString: $0) } ?? ""
                try builder.alias(name, start: start)
            default:
                // Stream start and the empty event carry nothing for the tree.
                break
            }
        }
    }

    /// Translates libyaml's error state into a located `YAMLError`.
    private static func error(of parser: UnsafeMutablePointer<yaml_parser_t>, source: SourceLocator) -> YAMLError {
        let state = parser.pointee
        let problem = string(state.problem) ?? "the text is not valid YAML"
        switch state.error {
        case YAML_MEMORY_ERROR:
            return YAMLError(kind: .syntax, message: "the YAML parser ran out of memory", mark: .start)
        case YAML_READER_ERROR:
            // Reader errors carry a byte offset instead of a mark; count lines and
            // columns ourselves.
            let offset = Int(clamping: state.problem_offset)
            if problem == "control characters are not allowed" {
                if state.problem_value == 0 {
                    return YAMLError(
                        kind: .nulCharacter, message: "NUL character in the text (is this a binary or UTF-16 file?)",
                        mark: source.mark(ofByteOffset: offset))
                }
                let hex = String(UInt32(clamping: state.problem_value), radix: 16, uppercase: true)
                let code = String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                return YAMLError(
                    kind: .syntax, message: "control character U+\(code) is not allowed",
                    mark: source.mark(ofByteOffset: offset))
            }
            // libyaml decodes from the start and stops at the first bad sequence, so the
            // first invalid sequence is the one it met; our scan gives its leading byte.
            let bad = source.firstInvalidUTF8() ?? offset
            let byte = bad < source.bytes.count ? source.bytes[bad] : 0
            let hex = String(byte, radix: 16, uppercase: true)
            return YAMLError(
                kind: .invalidUTF8,
                message: "invalid UTF-8 (byte 0x\(hex.count < 2 ? "0" + hex : hex)); the file must be UTF-8",
                mark: source.mark(ofByteOffset: bad))
        default:
            let problemMark = mark(state.problem_mark)
            let context = string(state.context)
            let contextMark = context == nil ? nil : mark(state.context_mark)
            // libyaml reports a tab in indentation as some unrelated grammar problem; the
            // real cause is the tab, so name it.
            for line in [problemMark.line, contextMark?.line].compactMap({ $0 }) {
                if let tab = source.tabInIndentation(line: line) {
                    return YAMLError(
                        kind: .tabIndentation, message: "tabs are not allowed for indentation", mark: tab,
                        relatedMark: problemMark == tab ? nil : problemMark)
                }
            }
            let message = context.map { "\(problem) \($0)" } ?? problem
            return YAMLError(
                kind: .syntax, message: message, mark: problemMark,
                relatedMark: contextMark == problemMark ? nil : contextMark)
        }
    }

    // MARK: - Conversions

    /// libyaml marks are 0-based and count characters; ours are 1-based.
    private static func mark(_ mark: yaml_mark_t) -> YAMLMark {
        YAMLMark(line: Int(clamping: mark.line) + 1, column: Int(clamping: mark.column) + 1)
    }

    private static func style(_ style: yaml_scalar_style_t) -> YAMLScalarStyle {
        switch style.rawValue {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE.rawValue: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE.rawValue: .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE.rawValue: .literal
        case YAML_FOLDED_SCALAR_STYLE.rawValue: .folded
        default: .plain
        }
    }

    /// Tags, anchors and messages are NUL-terminated in libyaml (the reader rejects NUL in
    /// the input, so they cannot hold one). Scalar values are not read this way.
    private static func string(_ pointer: UnsafePointer<CChar>?) -> String? {
        pointer.map { String(cString: $0) }
    }
}
