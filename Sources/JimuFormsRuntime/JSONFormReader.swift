/// Reads a submission's top-level JSON object member by member, straight from its bytes: no
/// `JSONValue` tree, no `String` for a field's name. Every generated form's `validate(json:)`
/// lends its bytes to `validate(bytes:)`, which loops over `nextField(into:)`, reads each
/// field's value with the reader of its type, then asks `finish(into:)` whether the bytes
/// were a JSON object:
///
///     var reader = JSONFormReader(bytes, fields: fieldNames)
///     while let field = reader.nextField(into: &violations) {
///         switch field {
///         case 0: form.name = reader.readString(path: "/name", into: &violations)
///         …
///     }
///     guard reader.finish(into: &violations) else { return violations }
///
/// The outcome is the one of `JSONForm.members(of:into:)`: the same JSON errors at the same
/// bytes (one parser, `JSONParser`, meets them), unknown names reported, and each name met
/// once, its last member winning, in the order of those last members. Names compare by their
/// bytes, as JSON Schema compares them (Swift's `String ==` would equate canonically
/// equivalent names).
public struct JSONFormReader {
    private var parser: JSONParser
    private let fields: NameTable
    private var phase = Phase.start
    /// How many violations there were before the reader's: on failure, it drops its own.
    private var firstViolation = 0
    /// The fields met so far, and the unknown names, while reading in order.
    private var seen = FieldFlags()
    private var unknownNames: Set<[UInt8]> = []

    private enum Phase {
        case start
        /// Reading member after member as they come; `nextField` has returned a field, whose
        /// value the caller reads, then the next call goes on after it.
        case inOrder(objectStart: Int)
        /// A name came twice: the members to read again, the last of each name only.
        case lastWins(members: [Member], next: Int, objectEnd: Int)
        case ended
        case failed(JSONParser.Failure)
        case notAnObject
    }

    /// A member of the object: a field's position or an unknown name's bytes, and where its
    /// value starts.
    private struct Member {
        var field: Int?
        var unknownName: [UInt8]
        var value: Int
    }

    /// A reader of the bytes, which must stay where they are while it reads (the reader is
    /// made and used within the `withUnsafeBufferPointer` that lends them).
    init(_ json: UnsafeBufferPointer<UInt8>, fields: NameTable) {
        parser = JSONParser(bytes: json)
        self.fields = fields
    }

    /// The next member that names a field: its position in `fields`, the reader then at its
    /// value, which the caller must read with the reader of the field's type. Members of
    /// other names are reported as unknown on the way. Nil at the end of the object, or
    /// when the bytes are not a JSON object (`finish` then tells why).
    public mutating func nextField(into violations: inout [Violation]) -> Int? {
        switch phase {
        case .start:
            firstViolation = violations.count
            parser.skipWhitespace()
            guard parser.next == UInt8(ascii: "{") else {
                phase = .notAnObject
                return nil
            }
            let objectStart = parser.index
            guard let members = parse({ (parser) throws(JSONParser.Failure) -> Bool? in try parser.enterObject(depth: JSONParser.memberDepth) }) else {
                return nil
            }
            guard members else {
                phase = .ended
                return nil
            }
            phase = .inOrder(objectStart: objectStart)
            return nextInOrder(objectStart: objectStart, firstMember: true, into: &violations)
        case .inOrder(let objectStart):
            return nextInOrder(objectStart: objectStart, firstMember: false, into: &violations)
        case .lastWins(let members, var next, let objectEnd):
            while next < members.count {
                let member = members[next]
                next += 1
                if let field = member.field {
                    parser.index = member.value
                    phase = .lastWins(members: members, next: next, objectEnd: objectEnd)
                    return field
                }
                violations.append(.unknown(jsonPointer(String(decoding: member.unknownName, as: UTF8.self))))
            }
            parser.index = objectEnd
            phase = .ended
            return nil
        case .ended, .failed, .notAnObject:
            return nil
        }
    }

    /// Whether the bytes were a JSON object, all read: if not, `violations` loses what the
    /// reader added and gets the one violation that says why.
    public mutating func finish(into violations: inout [Violation]) -> Bool {
        if case .ended = phase {
            _ = parse { (parser) throws(JSONParser.Failure) -> Bool? in
                try parser.expectEnd()
                return true
            }
        }
        switch phase {
        case .ended:
            return true
        case .failed(let failure):
            violations.removeSubrange(firstViolation...)
            violations.append(JSONForm.invalidJSON(failure))
        case .notAnObject:
            // Some other JSON value, or no JSON at all: the tree parser tells which.
            violations.removeSubrange(firstViolation...)
            _ = JSONForm.members(of: Array(parser.bytes), into: &violations)
        case .start, .inOrder, .lastWins:
            preconditionFailure("JSONFormReader.finish before nextField returned nil")
        }
        return false
    }

    // MARK: Reading the members

    /// Goes on in order: past the value just read to the next member naming a field.
    private mutating func nextInOrder(objectStart: Int, firstMember: Bool, into violations: inout [Violation]) -> Int? {
        var first = firstMember
        while true {
            if !first {
                guard let another = parse({ (parser) throws(JSONParser.Failure) -> Bool? in try parser.anotherMember() }) else { return nil }
                guard another else {
                    phase = .ended
                    return nil
                }
            }
            first = false
            guard let name = parse({ (parser) throws(JSONParser.Failure) -> JSONParser.ScannedString? in try parser.memberName() }) else {
                return nil
            }
            if let field = parser.withBytes(of: name, fields.position(of:)) {
                guard !seen.contains(field) else { return restartLastWins(objectStart: objectStart, into: &violations) }
                seen.insert(field)
                return field
            }
            let text = parser.text(name)
            guard unknownNames.insert(Array(text.utf8)).inserted else {
                return restartLastWins(objectStart: objectStart, into: &violations)
            }
            guard skipValue() else { return nil }
            violations.append(.unknown(jsonPointer(text)))
        }
    }

    /// A name came twice: what was read in order is dropped (each of its names comes again,
    /// with its last member), the whole object is read to find each name's last member, and
    /// those are given in order.
    private mutating func restartLastWins(objectStart: Int, into violations: inout [Violation]) -> Int? {
        violations.removeSubrange(firstViolation...)
        parser.index = objectStart
        var members: [Member] = []
        var last: [Int: Int] = [:]
        var lastUnknown: [[UInt8]: Int] = [:]
        let fields = self.fields
        let read = parse { (parser) throws(JSONParser.Failure) -> Bool? in
            guard try parser.enterObject(depth: JSONParser.memberDepth) else { return true }
            repeat {
                let name = try parser.memberName()
                let field = parser.withBytes(of: name, fields.position(of:))
                let unknownName = field == nil ? Array(parser.text(name).utf8) : []
                if let field { last[field] = members.count } else { lastUnknown[unknownName] = members.count }
                members.append(Member(field: field, unknownName: unknownName, value: parser.index))
                _ = try parser.parseValue(depth: JSONParser.memberDepth)
            } while try parser.anotherMember()
            return true
        }
        guard read != nil else { return nil }
        let kept = members.indices.filter { position in
            members[position].field.map { last[$0] == position } ?? (lastUnknown[members[position].unknownName] == position)
        }
        phase = .lastWins(members: kept.map { members[$0] }, next: 0, objectEnd: parser.index)
        return nextField(into: &violations)
    }

    private mutating func skipValue() -> Bool {
        parse { (parser) throws(JSONParser.Failure) -> Bool? in
            _ = try parser.parseValue(depth: JSONParser.memberDepth)
            return true
        } != nil
    }

    /// Runs `body` with the parser. A JSON error ends the reading (`phase` becomes
    /// `.failed`) and gives nil, as does any call after the reading failed.
    @inline(__always)
    private mutating func parse<Result>(_ body: (inout JSONParser) throws(JSONParser.Failure) -> Result?) -> Result? {
        if case .failed = phase { return nil }
        do throws(JSONParser.Failure) {
            return try body(&parser)
        } catch {
            phase = .failed(error)
            return nil
        }
    }

    // MARK: Reading a field's value

    // The value of the field's JSON type is read as it is; any other value is parsed whole
    // and handed to the `FieldChecks` reader `jimu validate` uses, for the same violation.

    public mutating func readString(path: String, into violations: inout [Violation]) -> String? {
        parse { (parser) throws(JSONParser.Failure) -> String? in
            guard parser.next == UInt8(ascii: "\"") else {
                return FieldChecks.string(try parser.parseValue(depth: JSONParser.memberDepth), path: path, into: &violations)
            }
            return try parser.parseString()
        }
    }

    /// A string field's value, unless it passes its checks: the checks `validate(alsoPresent:)`
    /// would apply to the value (the same function, over the same bytes) are run on the
    /// bytes where they lie, and a value that passes them is not made into a `String` at all
    /// (nil: the caller counts the field present, with nothing left to check). A value that
    /// fails them, or holds an escape, is returned for `validate(alsoPresent:)` to check in
    /// its turn, so violations keep their order; a value of another type is nil, reported.
    /// Only for fields no condition reads.
    public mutating func readUncheckedString(
        path: String, minLength: Int? = nil, maxLength: Int? = nil, pattern: PortableRegex? = nil,
        format: FieldChecks.Format? = nil, into violations: inout [Violation]
    ) -> String? {
        parse { (parser) throws(JSONParser.Failure) -> String? in
            guard parser.next == UInt8(ascii: "\"") else {
                return FieldChecks.string(try parser.parseValue(depth: JSONParser.memberDepth), path: path, into: &violations)
            }
            let scanned = try parser.scanString()
            if case .raw(let range) = scanned {
                var found: [Violation] = []
                FieldChecks.string(
                    UnsafeBufferPointer(rebasing: parser.bytes[range]), path: path, minLength: minLength, maxLength: maxLength,
                    pattern: pattern, otherPatterns: [], format: format, into: &found)
                if found.isEmpty { return nil }
            }
            return parser.text(scanned)
        }
    }

    public mutating func readInteger(path: String, into violations: inout [Violation]) -> Int64? {
        parse { (parser) throws(JSONParser.Failure) -> Int64? in
            guard parser.atNumber else {
                return FieldChecks.integer(try parser.parseValue(depth: JSONParser.memberDepth), path: path, into: &violations)
            }
            return FieldChecks.integer(try parser.parseNumber(), path: path, into: &violations)
        }
    }

    public mutating func readDecimal(path: String, into violations: inout [Violation]) -> Double? {
        parse { (parser) throws(JSONParser.Failure) -> Double? in
            guard parser.atNumber else {
                return FieldChecks.decimal(try parser.parseValue(depth: JSONParser.memberDepth), path: path, into: &violations)
            }
            return try parser.parseNumber()
        }
    }

    public mutating func readBool(path: String, into violations: inout [Violation]) -> Bool? {
        parse { (parser) throws(JSONParser.Failure) -> Bool? in
            switch parser.next {
            case UInt8(ascii: "t"):
                try parser.literal("true")
                return true
            case UInt8(ascii: "f"):
                try parser.literal("false")
                return false
            default:
                return FieldChecks.bool(try parser.parseValue(depth: JSONParser.memberDepth), path: path, into: &violations)
            }
        }
    }

    public mutating func readCode<Code: CodeListEnum>(path: String, into violations: inout [Violation]) -> Code? {
        parse { (parser) throws(JSONParser.Failure) -> Code? in
            guard parser.next == UInt8(ascii: "\"") else {
                return FieldChecks.code(try parser.parseValue(depth: JSONParser.memberDepth), path: path, into: &violations)
            }
            let text = try parser.scanString()
            if let code = parser.withBytes(of: text, Code.codeTable.code(named:)) { return code }
            violations.append(FieldChecks.notACode(path))
            return nil
        }
    }
}

extension JSONParser {
    /// The depth of a top-level member's value, as `parse` counts it.
    static let memberDepth = 1

    /// Calls `body` with the UTF-8 bytes of a scanned string's text.
    @inline(__always)
    func withBytes<Result>(of string: ScannedString, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        switch string {
        case .raw(let range): body(UnsafeBufferPointer(rebasing: bytes[range]))
        case .decoded(let text): Array(text.utf8).withUnsafeBufferPointer(body)
        }
    }

    /// Whether a number starts at `index`.
    var atNumber: Bool {
        guard let first = next else { return false }
        return first == UInt8(ascii: "-") || (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9"))
    }
}
