extension CompiledTemplate {
    /// The template filled with `values`: the UTF-8 bytes of swift-mustache's text; nil when a
    /// value is of a type this form does not cover (swift-mustache then renders the page).
    func render(_ values: [String: Any], partials: [String: CompiledTemplate]) -> [UInt8]? {
        var output: [UInt8] = []
        output.reserveCapacity(16 * 1024)
        var renderer = Renderer(partials: partials, stack: [.object(values)])
        do {
            try renderer.render(self, sequence: nil, indentation: [], into: &output)
        } catch {
            return nil
        }
        return output
    }

    /// A value the renderer meets that swift-mustache would treat in a way this form does
    /// not reproduce (a structure read through `Mirror`, an `Optional` inside `Any`, …).
    private struct UncoveredValue: Error {}

    /// A value on the context stack: names are looked up in objects and bilingual texts
    /// only.
    private enum ContextValue {
        case object([String: Any])
        case bilingual(BilingualText)
        case leaf(Any)

        var value: Any {
            switch self {
            case .object(let object): object
            case .bilingual(let text): text
            case .leaf(let value): value
            }
        }
    }

    /// What a looked-up value is, decided once: the only dynamic casts left, all to
    /// concrete types.
    private enum Resolved {
        case text(String)
        case bilingual(BilingualText)
        case bool(Bool)
        case int(Int)
        case object([String: Any])
        case objects([[String: Any]])
        case texts([String])
        case values([Any])

        /// Decided by the value's exact type, so the one cast made always succeeds: a cast
        /// that fails walks the runtime's conversions (optionals, collections of other
        /// elements) and cost more than rendering. A value of any other type, even one a
        /// cast would convert (an optional, `[Int]`), is left to swift-mustache.
        init(_ value: Any) throws {
            switch ObjectIdentifier(type(of: value)) {
            case Self.textType: self = .text(value as! String)
            case Self.bilingualType: self = .bilingual(value as! BilingualText)
            case Self.objectType: self = .object(value as! [String: Any])
            case Self.boolType: self = .bool(value as! Bool)
            case Self.objectsType: self = .objects(value as! [[String: Any]])
            case Self.textsType: self = .texts(value as! [String])
            case Self.intType: self = .int(value as! Int)
            case Self.valuesType: self = .values(value as! [Any])
            default: throw UncoveredValue()
            }
        }

        private static let textType = ObjectIdentifier(String.self)
        private static let bilingualType = ObjectIdentifier(BilingualText.self)
        private static let objectType = ObjectIdentifier([String: Any].self)
        private static let boolType = ObjectIdentifier(Bool.self)
        private static let objectsType = ObjectIdentifier([[String: Any]].self)
        private static let textsType = ObjectIdentifier([String].self)
        private static let intType = ObjectIdentifier(Int.self)
        private static let valuesType = ObjectIdentifier([Any].self)

        /// The value as swift-mustache's `String(describing:)` writes it in a variable.
        func text() throws -> String {
            switch self {
            case .text(let text): text
            case .bilingual(let text): text.description
            case .bool(let bool): bool ? "true" : "false"
            case .int(let int): String(int)
            case .object, .objects, .texts, .values: throw UncoveredValue()
            }
        }

        /// The elements a section repeats over, when the value is a sequence.
        var elements: [Any]? {
            switch self {
            case .objects(let objects): objects
            case .texts(let texts): texts
            case .values(let values): values
            case .text, .bilingual, .bool, .int, .object: nil
            }
        }

        var contextValue: ContextValue {
            switch self {
            case .object(let object): .object(object)
            case .bilingual(let text): .bilingual(text)
            case .text(let value as Any), .bool(let value as Any), .int(let value as Any), .objects(let value as Any),
                .texts(let value as Any), .values(let value as Any):
                .leaf(value)
            }
        }
    }

    /// swift-mustache's sequence context: where an element stands in the list it repeats.
    private struct SequencePosition {
        var first: Bool
        var last: Bool
        var index: Int

        func transform(_ transform: SequenceTransform) -> Any {
            switch transform {
            case .first: first
            case .last: last
            case .index: index
            case .even: index & 1 == 0
            case .odd: index & 1 == 1
            }
        }
    }

    private struct Renderer {
        let partials: [String: CompiledTemplate]
        var stack: [ContextValue]

        /// One template's nodes. Inside an indented partial, swift-mustache indents a
        /// node's output when the text this template rendered so far ends a line, so each
        /// template (and each section body) counts from its own start.
        mutating func render(
            _ template: CompiledTemplate, _ nodes: [Node]? = nil, sequence: SequencePosition?, indentation: [UInt8],
            into output: inout [UInt8]
        ) throws {
            let start = output.count
            for node in nodes ?? template.nodes {
                let before = output.count
                let indent = !indentation.isEmpty && Self.endsLine(output, from: start)
                try render(node, of: template, sequence: sequence, indentation: indentation, into: &output)
                if indent, output.count > before { output.insert(contentsOf: indentation, at: before) }
            }
        }

        /// Whether `output[start...]` ends with a line feed that is a character of its own
        /// (not the end of `\r\n`), as swift-mustache's `string.last == "\n"` asks.
        private static func endsLine(_ output: [UInt8], from start: Int) -> Bool {
            let count = output.count
            guard count > start, output[count - 1] == UInt8(ascii: "\n") else { return false }
            return count - 2 < start || output[count - 2] != UInt8(ascii: "\r")
        }

        private mutating func render(
            _ node: Node, of template: CompiledTemplate, sequence: SequencePosition?, indentation: [UInt8],
            into output: inout [UInt8]
        ) throws {
            switch node {
            case .text(let bytes):
                output += bytes
            case .variable(let name, let escaped):
                guard let value = try resolve(name, sequence: sequence) else { return }
                let text = try value.text()
                if escaped {
                    output += template.escape(text).utf8
                } else {
                    output += text.utf8
                }
            case .section(let name, let inverted, let body):
                let value = try resolve(name, sequence: sequence)
                if inverted {
                    try renderInverted(value, template, body, sequence: sequence, indentation: indentation, into: &output)
                } else {
                    try renderSection(value, template, body, sequence: sequence, indentation: indentation, into: &output)
                }
            case .partial(let name, let indented):
                guard let partial = partials[name] else { return }
                // A partial starts a new context: no sequence position, its own escaping.
                try render(partial, sequence: nil, indentation: indented.map { indentation + $0 } ?? indentation, into: &output)
            }
        }

        private mutating func renderSection(
            _ value: Resolved?, _ template: CompiledTemplate, _ body: [Node], sequence: SequencePosition?,
            indentation: [UInt8], into output: inout [UInt8]
        ) throws {
            guard let value else { return }
            if let elements = value.elements {
                for (index, element) in elements.enumerated() {
                    let position = SequencePosition(first: index == 0, last: index == elements.count - 1, index: index)
                    stack.append(try Resolved(element).contextValue)
                    try render(template, body, sequence: position, indentation: indentation, into: &output)
                    stack.removeLast()
                }
            } else if case .bool(let bool) = value {
                if bool { try render(template, body, sequence: sequence, indentation: indentation, into: &output) }
            } else {
                stack.append(value.contextValue)
                try render(template, body, sequence: nil, indentation: indentation, into: &output)
                stack.removeLast()
            }
        }

        private mutating func renderInverted(
            _ value: Resolved?, _ template: CompiledTemplate, _ body: [Node], sequence: SequencePosition?,
            indentation: [UInt8], into output: inout [UInt8]
        ) throws {
            guard let value else {
                return try render(template, body, sequence: sequence, indentation: indentation, into: &output)
            }
            if let elements = value.elements {
                // swift-mustache renders an empty list's inverted section with the list on the stack.
                guard elements.isEmpty else { return }
                stack.append(value.contextValue)
                try render(template, body, sequence: nil, indentation: indentation, into: &output)
                stack.removeLast()
            } else if case .bool(false) = value {
                try render(template, body, sequence: sequence, indentation: indentation, into: &output)
            }
        }

        /// swift-mustache's `getChild`: `.` is the current value; a name is looked up from
        /// the innermost value outwards, and the rest of a dotted name inside what it found.
        private func resolve(_ name: Name, sequence: SequencePosition?) throws -> Resolved? {
            switch name {
            case .current:
                return try stack.last.map { try Resolved($0.value) }
            case .sequence(let transform):
                return try sequence.map { try Resolved($0.transform(transform)) }
            case .path(let parts, let onlyCurrent):
                let first = parts[0]
                var found: Any?
                if onlyCurrent {
                    found = try stack.last.flatMap { try Self.child(first, of: $0) }
                } else {
                    for value in stack.reversed() {
                        if let child = try Self.child(first, of: value) {
                            found = child
                            break
                        }
                    }
                }
                guard var value = found else { return nil }
                for part in parts.dropFirst() {
                    guard let child = try Self.child(part, of: try Resolved(value).contextValue) else { return nil }
                    value = child
                }
                return try Resolved(value)
            }
        }

        private static func child(_ name: String, of value: ContextValue) throws -> Any? {
            switch value {
            case .object(let object): object[name]
            case .bilingual(let text): text.child(named: name)
            case .leaf: nil
            }
        }
    }

    fileprivate func escape(_ text: String) -> String {
        switch escaping {
        case .markdown: MarkdownContent().escapeText(text)
        case .html: HTML.escape(text)
        }
    }
}
