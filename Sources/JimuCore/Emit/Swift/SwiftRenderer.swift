/// Prints a `SwiftFile` as source text with four-space indentation, and every string
/// literal escaped: quotes, backslashes (so `\(` cannot interpolate), line breaks and other
/// control characters.
public struct SwiftRenderer {
    /// The text so far. Every part is appended here, never built as a string of its own
    /// first: a province's forms are 40 MB of Swift.
    private var out: [UInt8] = []
    private var level = 0
    /// Where the current line's text starts, after its indentation.
    private var lineStart = 0

    public static func render(_ file: SwiftFile) -> String {
        String(decoding: utf8(file), as: UTF8.self)
    }

    /// The file's text as UTF-8, as an artifact holds it: no string made and read back.
    public static func utf8(_ file: SwiftFile) -> [UInt8] {
        var renderer = SwiftRenderer()
        renderer.out.reserveCapacity(8 * 1024)
        for line in file.header { renderer.line("// " + Self.singleLine(line)) }
        if !file.header.isEmpty { renderer.line("") }
        for module in file.imports { renderer.line("import \(module)") }
        if !file.imports.isEmpty { renderer.line("") }
        for (index, declaration) in file.declarations.enumerated() {
            if index > 0, case .doc = file.declarations[index - 1] {} else if index > 0 { renderer.line("") }
            renderer.render(declaration)
        }
        return renderer.out
    }

    // MARK: Lines

    /// Starts a line at the current indentation.
    private mutating func begin() {
        for _ in 0..<level { out += "    ".utf8 }
        lineStart = out.count
    }

    /// Ends the line; an empty line keeps no indentation.
    private mutating func end() {
        if out.count == lineStart { out.removeLast(4 * level) }
        out.append(UInt8(ascii: "\n"))
    }

    private mutating func write(_ text: String) { out += text.utf8 }

    private mutating func line(_ text: String) {
        begin()
        write(text)
        end()
    }

    private mutating func open(_ header: String) {
        line(header + " {")
        level += 1
    }

    private mutating func close() {
        level -= 1
        line("}")
    }

    private static func prefix(_ modifiers: [String]) -> String {
        modifiers.isEmpty ? "" : modifiers.joined(separator: " ") + " "
    }

    private static func conformance(_ list: [String]) -> String {
        list.isEmpty ? "" : ": " + list.joined(separator: ", ")
    }

    /// Comments hold editor text: line breaks are folded so text cannot leave the comment.
    static func singleLine(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar -> Unicode.Scalar in
            switch scalar {
            case "\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}": " "
            default: scalar
            }
        }))
    }

    // MARK: Declarations

    private mutating func render(_ declaration: SwiftDeclaration) {
        switch declaration {
        case .blank:
            line("")
        case .doc(let text):
            line("/// " + Self.singleLine(text))
        case .structure(let modifiers, let name, let conformances, let members):
            open(Self.prefix(modifiers) + "struct \(name)" + Self.conformance(conformances))
            renderMembers(members)
            close()
        case .enumeration(let modifiers, let name, let conformances, let members):
            open(Self.prefix(modifiers) + "enum \(name)" + Self.conformance(conformances))
            renderMembers(members)
            close()
        case .enumCase(let name, let rawValue):
            begin()
            write("case ")
            write(name)
            if let rawValue {
                write(" = ")
                expression(rawValue)
            }
            end()
        case .property(let modifiers, let isLet, let name, let type, let value):
            begin()
            write(Self.prefix(modifiers))
            write(isLet ? "let " : "var ")
            write(name)
            if let type { write(": " + type) }
            if let value {
                write(" = ")
                expression(value)
            }
            end()
        case .computed(let modifiers, let name, let type, let body):
            open(Self.prefix(modifiers) + "var \(name): \(type)")
            statements(body)
            close()
        case .function(let modifiers, let name, let parameters, let returns, let body):
            begin()
            write(Self.prefix(modifiers) + "func \(name)(")
            self.parameters(parameters)
            write(")" + (returns.map { " -> \($0)" } ?? "") + " {")
            end()
            level += 1
            statements(body)
            close()
        case .initializer(let modifiers, let parameters, let body):
            begin()
            write(Self.prefix(modifiers) + "init(")
            self.parameters(parameters)
            write(") {")
            end()
            level += 1
            statements(body)
            close()
        case .extensionOf(let type, let conformances, let members):
            open("extension \(type)" + Self.conformance(conformances))
            renderMembers(members)
            close()
        }
    }

    private mutating func renderMembers(_ members: [SwiftDeclaration]) {
        var previousWasDoc = false
        var previousWasFunctionLike = false
        var first = true
        for member in members {
            let isFunctionLike: Bool
            switch member {
            case .function, .initializer, .computed, .structure, .enumeration, .extensionOf: isFunctionLike = true
            default: isFunctionLike = false
            }
            var isDoc = false
            if case .doc = member { isDoc = true }
            if !first && !previousWasDoc && (isFunctionLike || (isDoc && previousWasFunctionLike)) { line("") }
            render(member)
            previousWasDoc = isDoc
            previousWasFunctionLike = isFunctionLike
            first = false
        }
    }

    private mutating func parameters(_ parameters: [SwiftParameter]) {
        for (index, p) in parameters.enumerated() {
            if index > 0 { write(", ") }
            write(p.label.map { $0 == p.name ? "" : $0 + " " } ?? "_ ")
            write(p.name + ": " + p.type)
            if let value = p.defaultValue {
                write(" = ")
                expression(value)
            }
        }
    }

    // MARK: Statements

    private mutating func statements(_ list: [SwiftStatement]) {
        for statement in list { render(statement) }
    }

    /// A line of `before`, the expression and `after`.
    private mutating func line(_ before: String, _ e: SwiftExpression, _ after: String = "") {
        begin()
        write(before)
        expression(e)
        write(after)
        end()
    }

    private mutating func render(_ statement: SwiftStatement) {
        switch statement {
        case .expression(let e): line("", e)
        case .variable(let isLet, let name, let type, let value):
            line((isLet ? "let " : "var ") + name + (type.map { ": \($0)" } ?? "") + " = ", value)
        case .assign(let target, let value):
            begin()
            expression(target)
            write(" = ")
            expression(value)
            end()
        case .ifThen(let condition, let then, let otherwise):
            line("if ", condition, " {")
            level += 1
            statements(then)
            level -= 1
            if let otherwise {
                line("} else {")
                level += 1
                statements(otherwise)
                level -= 1
            }
            line("}")
        case .ifLet(let name, let value, let then):
            line("if let \(name) = ", value, " {")
            level += 1
            statements(then)
            close()
        case .guardLet(let name, let value, let otherwise):
            line("guard let \(name) = ", value, " else {")
            level += 1
            statements(otherwise)
            close()
        case .whileLet(let name, let value, let body):
            line("while let \(name) = ", value, " {")
            level += 1
            statements(body)
            close()
        case .switchOn(let subject, let cases, let otherwise):
            line("switch ", subject, " {")
            for item in cases {
                begin()
                write("case ")
                for (index, pattern) in item.patterns.enumerated() {
                    if index > 0 { write(", ") }
                    expression(pattern)
                }
                write(":")
                end()
                level += 1
                statements(item.body)
                level -= 1
            }
            if let otherwise {
                line("default:")
                level += 1
                statements(otherwise)
                level -= 1
            }
            line("}")
        case .returns(let value):
            if let value { line("return ", value) } else { line("return") }
        case .breaks: line("break")
        case .comment(let text): line("// " + Self.singleLine(text))
        }
    }

    // MARK: Expressions

    private mutating func expression(_ e: SwiftExpression) {
        switch e {
        case .name(let n): write(n)
        case .string(let s): Self.literal(s, into: &out)
        case .integer(let i): write(String(i))
        case .double(let d): write(d.rounded() == d && abs(d) < 1e15 ? String(Int64(d)) + ".0" : String(d))
        case .bool(let b): write(b ? "true" : "false")
        case .nilLiteral: write("nil")
        case .member(let base, let name):
            expression(base)
            write("." + name)
        case .dot(let name): write("." + name)
        case .call(let callee, let arguments):
            expression(callee)
            write("(")
            for (index, argument) in arguments.enumerated() {
                if index > 0 { write(", ") }
                if let label = argument.label { write(label + ": ") }
                expression(argument.value)
            }
            write(")")
        case .binary(let l, let op, let r):
            expression(l)
            write(" " + op + " ")
            expression(r)
        case .not(let inner):
            write("!")
            expression(inner)
        case .array(let items):
            write("[")
            for (index, item) in items.enumerated() {
                if index > 0 { write(", ") }
                expression(item)
            }
            write("]")
        case .closure(let parameter, let body):
            write("{ \(parameter) in ")
            expression(body)
            write(" }")
        case .inOut(let name): write("&" + name)
        case .optionalMap(let base, let parameter, let body, let fallback):
            write("(")
            expression(base)
            write(".map { \(parameter) in ")
            expression(body)
            write(" } ?? ")
            expression(fallback)
            write(")")
        case .paren(let inner):
            write("(")
            expression(inner)
            write(")")
        }
    }

    /// A Swift string literal holding exactly `text`.
    static func literal(_ text: String) -> String {
        var out: [UInt8] = []
        literal(text, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the literal: quotes, backslashes and control characters (C0, DEL, C1, U+2028,
    /// U+2029) escaped, every other scalar as it is. Read as UTF-8 bytes, the runs between
    /// escapes copied whole: a province's forms hold megabytes of literals, most of them
    /// Chinese, and decoding each scalar to encode it again cost more than the rest of the
    /// file.
    private static func literal(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                var width = 1
                let escape: String
                switch byte {
                case UInt8(ascii: "\""): escape = #"\""#
                case UInt8(ascii: "\\"): escape = #"\\"#
                case UInt8(ascii: "\n"): escape = #"\n"#
                case UInt8(ascii: "\r"): escape = #"\r"#
                case UInt8(ascii: "\t"): escape = #"\t"#
                case 0: escape = #"\0"#
                case 0x01..<0x20, 0x7F: escape = unicodeEscape(UInt32(byte))
                // U+0080 to U+009F (C1 controls): C2 80 to C2 9F.
                case 0xC2 where index + 1 < bytes.count && (0x80...0x9F).contains(bytes[index + 1]):
                    escape = unicodeEscape(UInt32(bytes[index + 1]))
                    width = 2
                // U+2028 and U+2029: E2 80 A8 and E2 80 A9.
                case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                    escape = unicodeEscape(bytes[index + 2] == 0xA8 ? 0x2028 : 0x2029)
                    width = 3
                default:
                    index += 1
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                out += escape.utf8
                index += width
                start = index
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<bytes.count]))
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func unicodeEscape(_ value: UInt32) -> String { "\\u{" + String(value, radix: 16) + "}" }
}
