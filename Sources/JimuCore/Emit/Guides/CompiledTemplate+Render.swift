extension CompiledTemplate {
    /// The template filled with `values`: the UTF-8 bytes of swift-mustache's text; nil when a
    /// variable shows a value this form does not write (an object or a list, which
    /// swift-mustache then writes as it does).
    func render(_ values: TemplateObject, partials: [String: CompiledTemplate]) -> [UInt8]? {
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
    /// not reproduce: an object or a list written as a variable.
    private struct UncoveredValue: Error {}

    /// swift-mustache's sequence context: where an element stands in the list it repeats.
    private struct SequencePosition {
        var first: Bool
        var last: Bool
        var index: Int

        func transform(_ transform: SequenceTransform) -> TemplateValue {
            switch transform {
            case .first: .bool(first)
            case .last: .bool(last)
            case .index: .int(index)
            case .even: .bool(index & 1 == 0)
            case .odd: .bool(index & 1 == 1)
            }
        }
    }

    private struct Renderer {
        let partials: [String: CompiledTemplate]
        var stack: [TemplateValue]

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
                guard let value = resolve(name, sequence: sequence) else { return }
                let text = try Self.text(value)
                if escaped {
                    output += template.escape(text).utf8
                } else {
                    output += text.utf8
                }
            case .section(let name, let inverted, let body):
                let value = resolve(name, sequence: sequence)
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
            _ value: TemplateValue?, _ template: CompiledTemplate, _ body: [Node], sequence: SequencePosition?,
            indentation: [UInt8], into output: inout [UInt8]
        ) throws {
            guard let value else { return }
            switch value {
            case .list(let elements):
                for (index, element) in elements.enumerated() {
                    let position = SequencePosition(first: index == 0, last: index == elements.count - 1, index: index)
                    stack.append(element)
                    try render(template, body, sequence: position, indentation: indentation, into: &output)
                    stack.removeLast()
                }
            case .bool(let bool):
                if bool { try render(template, body, sequence: sequence, indentation: indentation, into: &output) }
            case .text, .bilingual, .int, .object:
                stack.append(value)
                try render(template, body, sequence: nil, indentation: indentation, into: &output)
                stack.removeLast()
            }
        }

        private mutating func renderInverted(
            _ value: TemplateValue?, _ template: CompiledTemplate, _ body: [Node], sequence: SequencePosition?,
            indentation: [UInt8], into output: inout [UInt8]
        ) throws {
            guard let value else {
                return try render(template, body, sequence: sequence, indentation: indentation, into: &output)
            }
            switch value {
            case .list(let elements):
                // swift-mustache renders an empty list's inverted section with the list on the stack.
                guard elements.isEmpty else { return }
                stack.append(value)
                try render(template, body, sequence: nil, indentation: indentation, into: &output)
                stack.removeLast()
            case .bool(false):
                try render(template, body, sequence: sequence, indentation: indentation, into: &output)
            case .bool(true), .text, .bilingual, .int, .object:
                break
            }
        }

        /// swift-mustache's `getChild`: `.` is the current value; a name is looked up from
        /// the innermost value outwards, and the rest of a dotted name inside what it found.
        private func resolve(_ name: Name, sequence: SequencePosition?) -> TemplateValue? {
            switch name {
            case .current:
                return stack.last
            case .sequence(let transform):
                return sequence?.transform(transform)
            case .path(let parts, let onlyCurrent):
                let first = parts[0]
                var found: TemplateValue?
                if onlyCurrent {
                    found = stack.last.flatMap { Self.child(first, of: $0) }
                } else {
                    for value in stack.reversed() {
                        if let child = Self.child(first, of: value) {
                            found = child
                            break
                        }
                    }
                }
                guard var value = found else { return nil }
                for part in parts.dropFirst() {
                    guard let child = Self.child(part, of: value) else { return nil }
                    value = child
                }
                return value
            }
        }

        /// Names are looked up in objects and bilingual texts only.
        private static func child(_ name: String, of value: TemplateValue) -> TemplateValue? {
            switch value {
            case .object(let object): object[name]
            case .bilingual(let text): text.value(named: name)
            case .text, .bool, .int, .list: nil
            }
        }

        /// The value as swift-mustache's `String(describing:)` writes it in a variable.
        private static func text(_ value: TemplateValue) throws -> String {
            switch value {
            case .text(let text): text
            case .bilingual(let text): text.description
            case .bool(let bool): bool ? "true" : "false"
            case .int(let int): String(int)
            case .object, .list: throw UncoveredValue()
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
