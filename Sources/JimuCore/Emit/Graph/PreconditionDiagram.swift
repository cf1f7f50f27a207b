/// A bundle's precondition graph as text diagrams: Mermaid (rendered by code hosts inside
/// Markdown) and Graphviz DOT. Labels are editor text, escaped for each syntax.
public enum PreconditionDiagram {
    public static func mermaid(_ bundle: StandardBundle, names: [String: LocalizedText]) -> String {
        var out = "flowchart LR\n"
        let ids = nodeIDs(bundle)
        for key in bundle.items {
            let name = names[key]?.zh ?? key
            out += "    \(ids[key] ?? key)[\"\(mermaidText(name))<br/>\(mermaidText(key))\"]\n"
        }
        for edge in bundle.schedule.edges {
            out += "    \(ids[edge.from] ?? edge.from) --> \(ids[edge.to] ?? edge.to)\n"
        }
        return out
    }

    public static func dot(_ bundle: StandardBundle, names: [String: LocalizedText]) -> String {
        var out = "digraph \(dotString(bundle.key)) {\n    rankdir=LR;\n    node [shape=box];\n"
        for key in bundle.items {
            out += "    \(dotString(key)) [label=\(dotString((names[key]?.zh ?? key) + "\n" + key))];\n"
        }
        for edge in bundle.schedule.edges {
            out += "    \(dotString(edge.from)) -> \(dotString(edge.to));\n"
        }
        return out + "}\n"
    }

    /// Mermaid node ids must be plain words: `n1`, `n2` … in the bundle's order.
    private static func nodeIDs(_ bundle: StandardBundle) -> [String: String] {
        Dictionary(uniqueKeysWithValues: bundle.items.enumerated().map { ($1, "n\($0 + 1)") })
    }

    /// Inside a quoted Mermaid label, quotes and markup characters become entity codes.
    static func mermaidText(_ text: String) -> String {
        var out = ""
        // Scalars, not characters: "\r\n" is one Character and would match no case.
        for character in text.unicodeScalars {
            switch character {
            case "\"": out += "#quot;"
            case "<": out += "#lt;"
            case ">": out += "#gt;"
            case "&": out += "#amp;"
            case "#": out += "#35;"
            case "\n", "\r": out += " "
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    /// A DOT string literal: quoted, with `"` and `\` escaped, line breaks as `\n`.
    static func dotString(_ text: String) -> String {
        var out = "\""
        for character in text.unicodeScalars {
            switch character {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": break
            default: out.unicodeScalars.append(character)
            }
        }
        return out + "\""
    }
}
