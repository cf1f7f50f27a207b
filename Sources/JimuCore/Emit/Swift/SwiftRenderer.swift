/// Prints a `SwiftFile` as source text with four-space indentation, and every string
/// literal escaped: quotes, backslashes (so `\(` cannot interpolate), line breaks and other
/// control characters.
public struct SwiftRenderer {
    private var out = ""
    private var level = 0

    public static func render(_ file: SwiftFile) -> String {
        var renderer = SwiftRenderer()
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

    private mutating func line(_ text: String) {
        out += text.isEmpty ? "\n" : String(repeating: "    ", count: level) + text + "\n"
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
            line("case \(name)" + (rawValue.map { " = " + Self.expression($0) } ?? ""))
        case .property(let modifiers, let isLet, let name, let type, let value):
            var text = Self.prefix(modifiers) + (isLet ? "let " : "var ") + name
            if let type { text += ": \(type)" }
            if let value { text += " = " + Self.expression(value) }
            line(text)
        case .computed(let modifiers, let name, let type, let body):
            open(Self.prefix(modifiers) + "var \(name): \(type)")
            statements(body)
            close()
        case .function(let modifiers, let name, let parameters, let returns, let body):
            let signature = Self.prefix(modifiers) + "func \(name)(" + Self.parameters(parameters) + ")"
                + (returns.map { " -> \($0)" } ?? "")
            open(signature)
            statements(body)
            close()
        case .initializer(let modifiers, let parameters, let body):
            open(Self.prefix(modifiers) + "init(" + Self.parameters(parameters) + ")")
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

    private static func parameters(_ parameters: [SwiftParameter]) -> String {
        parameters.map { p in
            var text = (p.label.map { $0 == p.name ? "" : $0 + " " } ?? "_ ") + p.name + ": " + p.type
            if let value = p.defaultValue { text += " = " + expression(value) }
            return text
        }.joined(separator: ", ")
    }

    private mutating func statements(_ list: [SwiftStatement]) {
        for statement in list { render(statement) }
    }

    private mutating func render(_ statement: SwiftStatement) {
        switch statement {
        case .expression(let e): line(Self.expression(e))
        case .variable(let isLet, let name, let type, let value):
            line((isLet ? "let " : "var ") + name + (type.map { ": \($0)" } ?? "") + " = " + Self.expression(value))
        case .assign(let target, let value): line(Self.expression(target) + " = " + Self.expression(value))
        case .ifThen(let condition, let then, let otherwise):
            line("if " + Self.expression(condition) + " {")
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
            open("if let \(name) = " + Self.expression(value))
            statements(then)
            close()
        case .guardLet(let name, let value, let otherwise):
            open("guard let \(name) = " + Self.expression(value) + " else")
            statements(otherwise)
            close()
        case .whileLet(let name, let value, let body):
            open("while let \(name) = " + Self.expression(value))
            statements(body)
            close()
        case .switchOn(let subject, let cases, let otherwise):
            line("switch " + Self.expression(subject) + " {")
            for item in cases {
                line("case " + item.patterns.map(Self.expression).joined(separator: ", ") + ":")
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
        case .returns(let value): line("return" + (value.map { " " + Self.expression($0) } ?? ""))
        case .breaks: line("break")
        case .comment(let text): line("// " + Self.singleLine(text))
        }
    }

    static func expression(_ e: SwiftExpression) -> String {
        switch e {
        case .name(let n): n
        case .string(let s): literal(s)
        case .integer(let i): String(i)
        case .double(let d): d.rounded() == d && abs(d) < 1e15 ? String(Int64(d)) + ".0" : String(d)
        case .bool(let b): b ? "true" : "false"
        case .nilLiteral: "nil"
        case .member(let base, let name): expression(base) + "." + name
        case .dot(let name): "." + name
        case .call(let callee, let arguments):
            expression(callee) + "("
                + arguments.map { ($0.label.map { $0 + ": " } ?? "") + expression($0.value) }.joined(separator: ", ") + ")"
        case .binary(let l, let op, let r): expression(l) + " " + op + " " + expression(r)
        case .not(let inner): "!" + expression(inner)
        case .array(let items): "[" + items.map(expression).joined(separator: ", ") + "]"
        case .closure(let parameter, let body): "{ \(parameter) in " + expression(body) + " }"
        case .inOut(let name): "&" + name
        case .optionalMap(let base, let parameter, let body, let fallback):
            "(" + expression(base) + ".map { \(parameter) in " + expression(body) + " } ?? " + expression(fallback) + ")"
        case .paren(let inner): "(" + expression(inner) + ")"
        }
    }

    /// A Swift string literal holding exactly `text`.
    static func literal(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\0": out += "\\0"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                    || scalar == "\u{2028}" || scalar == "\u{2029}"
                {
                    out += "\\u{" + String(scalar.value, radix: 16) + "}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
