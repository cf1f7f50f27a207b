/// A Mustache template parsed once into nodes that render Jimu's guide values directly.
///
/// swift-mustache stays the definition of the language: it checks every override, and it
/// renders whatever this form does not cover. This form exists for speed. swift-mustache
/// resolves each tag through dynamic casts to its protocols (`MustacheParent`,
/// `MustacheCustomRenderable`, `MustacheSequence`, …), a fifth of a province build's CPU;
/// here a tag is a node with its name split in advance, and a value is one of the cases of
/// `TemplateValue`.
///
/// The parser follows swift-mustache's own, step by step, so a template gives the same nodes
/// and the same bytes: text is cut at each line end, a tag alone on its line takes the line
/// with it, whitespace before a tag is carried the way swift-mustache carries it, and a
/// standalone partial is indented. It covers what Jimu's templates use: text, variables
/// (escaped and not), sections and inverted sections (with a sequence transform such as
/// `last()`), comments and partials. Anything else (inheritance, other transforms, pragmas,
/// delimiters, dynamic partials) leaves the template to swift-mustache.
struct CompiledTemplate: Sendable {
    indirect enum Node: Sendable {
        case text([UInt8])
        case variable(Name, escaped: Bool)
        case section(Name, inverted: Bool, body: [Node])
        /// `indentation` is set when the partial tag stands alone on its line.
        case partial(String, indentation: [UInt8]?)
    }

    /// A tag's name: `.` (the current value), a dotted path looked up the context stack
    /// (`onlyCurrent` when it starts with a dot), or a transform of the sequence position.
    enum Name: Sendable, Equatable {
        case current
        case path([String], onlyCurrent: Bool)
        case sequence(SequenceTransform)
    }

    /// What swift-mustache's sequence context answers: `{{#first()}}`, `{{^last()}}`, ….
    enum SequenceTransform: String, Sendable {
        case first, last, index, even, odd
    }

    enum Escaping: Sendable {
        case markdown, html
    }

    let nodes: [Node]
    let escaping: Escaping

    /// The template, or nil when it uses something this form does not cover (or does not
    /// parse, which `GuideTemplates.check` reports through swift-mustache).
    init?(_ text: String, escaping: Escaping) {
        var parser = Parser(Array(text))
        guard let nodes = try? parser.parse(State()) else { return nil }
        self.nodes = nodes
        self.escaping = escaping
    }

    /// The names of the partials the template includes.
    var partials: [String] {
        func collect(_ nodes: [Node], into names: inout [String]) {
            for node in nodes {
                switch node {
                case .partial(let name, _): names.append(name)
                case .section(_, _, let body): collect(body, into: &names)
                case .text, .variable: break
                }
            }
        }
        var names: [String] = []
        collect(nodes, into: &names)
        return names
    }

    // MARK: Parsing, after swift-mustache's `MustacheTemplate.parse`

    private struct Unsupported: Error {}

    private struct State {
        var newLine = true
        var sectionName: String?
        var sectionTransforms: [String] = []
    }

    private struct Parser {
        let characters: [Character]
        var position = 0

        init(_ characters: [Character]) { self.characters = characters }

        var reachedEnd: Bool { position == characters.count }
        /// swift-mustache reads a NUL past the end.
        var current: Character { reachedEnd ? "\0" : characters[position] }

        mutating func read(while accepted: (Character) -> Bool) -> [Character] {
            let start = position
            while !reachedEnd, accepted(characters[position]) { position += 1 }
            return Array(characters[start..<position])
        }

        /// Whether `string` comes next, consumed if so; too few characters left is an error,
        /// as in swift-mustache.
        mutating func read(_ string: String) throws -> Bool {
            let expected = Array(string)
            guard characters.count - position >= expected.count else { throw Unsupported() }
            guard Array(characters[position..<position + expected.count]) == expected else { return false }
            position += expected.count
            return true
        }

        mutating func parse(_ initial: State) throws -> [Node] {
            var nodes: [Node] = []
            var state = initial
            var whiteSpaceBefore: [Character] = []
            while !reachedEnd {
                if state.newLine { whiteSpaceBefore = read { $0 == " " || $0 == "\t" } }
                let text = try readUntilTagOrNewline()
                if current.isNewline {
                    nodes.append(.text(Self.bytes(whiteSpaceBefore + text + [current])))
                    state.newLine = true
                    position += 1
                    continue
                }
                if !text.isEmpty {
                    nodes.append(.text(Self.bytes(whiteSpaceBefore + text)))
                    whiteSpaceBefore = []
                    state.newLine = false
                }
                if reachedEnd { break }
                var setNewLine = false
                switch current {
                case "#", "^":
                    let inverted = current == "^"
                    position += 1
                    let (name, transforms) = try parseName()
                    if isStandalone(state) {
                        setNewLine = true
                    } else if !whiteSpaceBefore.isEmpty {
                        nodes.append(.text(Self.bytes(whiteSpaceBefore)))
                        whiteSpaceBefore = []
                    }
                    var inner = state
                    inner.sectionName = name
                    inner.sectionTransforms = transforms
                    if !setNewLine { inner.newLine = false }
                    let body = try parse(inner)
                    nodes.append(.section(try Self.name(name, transforms), inverted: inverted, body: body))
                case "/":
                    position += 1
                    let (name, transforms) = try parseName()
                    guard name == state.sectionName, transforms == state.sectionTransforms else { throw Unsupported() }
                    if !isStandalone(state), !whiteSpaceBefore.isEmpty {
                        nodes.append(.text(Self.bytes(whiteSpaceBefore)))
                    }
                    return nodes
                case "!":
                    position += 1
                    try skipComment()
                    setNewLine = isStandalone(state)
                case "{", "&":
                    let triple = current == "{"
                    if !whiteSpaceBefore.isEmpty {
                        nodes.append(.text(Self.bytes(whiteSpaceBefore)))
                        whiteSpaceBefore = []
                    }
                    position += 1
                    let (name, transforms) = try parseName()
                    if triple {
                        guard !reachedEnd else { throw Unsupported() }
                        guard current == "}" else { throw Unsupported() }
                        position += 1
                    }
                    nodes.append(.variable(try Self.name(name, transforms), escaped: false))
                case ">":
                    position += 1
                    _ = read { $0.isWhitespace }
                    guard current != "*" else { throw Unsupported() }
                    _ = read { $0.isWhitespace }
                    let name = String(read { Self.partialNameCharacters.contains($0) })
                    _ = read { $0.isWhitespace }
                    guard try read("}}") else { throw Unsupported() }
                    if !whiteSpaceBefore.isEmpty { nodes.append(.text(Self.bytes(whiteSpaceBefore))) }
                    if isStandalone(state) {
                        setNewLine = true
                        nodes.append(.partial(name, indentation: Self.bytes(whiteSpaceBefore)))
                    } else {
                        nodes.append(.partial(name, indentation: nil))
                    }
                    whiteSpaceBefore = []
                case "<", "$", "=", "%":
                    throw Unsupported()
                default:
                    if !whiteSpaceBefore.isEmpty {
                        nodes.append(.text(Self.bytes(whiteSpaceBefore)))
                        whiteSpaceBefore = []
                    }
                    let (name, transforms) = try parseName()
                    nodes.append(.variable(try Self.name(name, transforms), escaped: true))
                }
                state.newLine = setNewLine
            }
            guard state.sectionName == nil else { throw Unsupported() }
            return nodes
        }

        /// Text up to a line end (left unread) or past an opening `{{`.
        private mutating func readUntilTagOrNewline() throws -> [Character] {
            var text: [Character] = []
            while !reachedEnd {
                text += read { $0 != "\n" && $0 != "\r\n" && $0 != "{" }
                if current.isNewline { break }
                if current == "{" {
                    if try read("{{") { break }
                    text.append("{")
                    position += 1
                }
            }
            return text
        }

        private mutating func parseName() throws -> (String, [String]) {
            _ = read { $0.isWhitespace }
            let text = String(read { Self.nameCharacters.contains($0) })
            _ = read { $0.isWhitespace }
            guard try read("}}") else { throw Unsupported() }
            // `name` or `transform(name)`: the only transforms covered take no name.
            guard let open = text.firstIndex(of: "(") else {
                guard !text.contains(")") else { throw Unsupported() }
                return (text, [])
            }
            let transform = String(text[..<open])
            guard text[open...] == "()", !transform.isEmpty, !transform.contains(")") else { throw Unsupported() }
            return ("", [transform])
        }

        private mutating func skipComment() throws {
            while !reachedEnd {
                if current == "}", position + 1 < characters.count, characters[position + 1] == "}" {
                    position += 2
                    return
                }
                position += 1
            }
            throw Unsupported()
        }

        /// swift-mustache's `isStandalone`: on a new line, and nothing but spaces or tabs
        /// until the line ends (consumed) or the text does.
        private mutating func isStandalone(_ state: State) -> Bool {
            guard state.newLine else { return false }
            if reachedEnd { return true }
            var end = position
            while end < characters.count, characters[end] == " " || characters[end] == "\t" { end += 1 }
            guard end < characters.count, characters[end].isNewline else { return false }
            position = end + 1
            return true
        }

        private static func name(_ name: String, _ transforms: [String]) throws -> Name {
            if let transform = transforms.first {
                guard transforms.count == 1, name.isEmpty, let known = SequenceTransform(rawValue: transform) else {
                    throw Unsupported()
                }
                return .sequence(known)
            }
            if name == "." { return .current }
            let parts = name.split(separator: ".").map(String.init)
            guard !parts.isEmpty else { throw Unsupported() }
            return .path(parts, onlyCurrent: name.hasPrefix("."))
        }

        private static func bytes(_ characters: [Character]) -> [UInt8] { Array(String(characters).utf8) }

        private static let nameCharacters = Set<Character>(
            "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*")
        private static let partialNameCharacters = Set<Character>(
            "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*/")
    }
}
