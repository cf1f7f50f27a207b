/// Writes diagnostics the way clang does, which every editor and CI log understands:
/// `file:line:column: error: message [code]`, the source line, a caret, the fix, then notes.
public struct TextDiagnosticRenderer: Sendable {
    /// Whether to colour severities with ANSI escapes (only when writing to a terminal).
    public var colored: Bool
    /// Prefixed to every file path, so locations are relative to where the user ran jimu.
    public var pathPrefix: String

    public init(colored: Bool = false, pathPrefix: String = "") {
        self.colored = colored
        self.pathPrefix = pathPrefix
    }

    public func render(_ diagnostics: [Diagnostic], source: (String) -> [UInt8]?) -> String {
        var out = ""
        for diagnostic in diagnostics {
            render(diagnostic, source: source, into: &out)
        }
        return out
    }

    func render(_ diagnostic: Diagnostic, source: (String) -> [UInt8]?, into out: inout String) {
        out += place(diagnostic.location)
        out += paint(diagnostic.severity) + ": "
        out += bold(diagnostic.message) + " [\(diagnostic.code.rawValue)]\n"
        if let location = diagnostic.location, let bytes = source(location.file),
            let excerpt = SourceLineExcerpt(bytes: bytes, line: location.line, column: location.column)
        {
            out += excerpt.line + "\n"
            out += green(excerpt.caret) + "\n"
        }
        if let fix = diagnostic.fix {
            out += place(diagnostic.location) + paint(.note) + ": " + fix.message + "\n"
        }
        for note in diagnostic.notes {
            out += place(note.location) + paint(.note) + ": " + note.message + "\n"
        }
    }

    private func place(_ location: SourceLocation?) -> String {
        guard let location else { return "jimu: " }
        return bold("\(pathPrefix)\(location.file):\(location.line):\(location.column):") + " "
    }

    private func paint(_ severity: Severity) -> String {
        guard colored else { return severity.rawValue }
        let code =
            switch severity {
            case .error: "\u{1B}[1;31m"
            case .warning: "\u{1B}[1;35m"
            case .note: "\u{1B}[1;36m"
            }
        return code + severity.rawValue + "\u{1B}[0m"
    }

    private func bold(_ text: String) -> String {
        colored ? "\u{1B}[1m" + text + "\u{1B}[0m" : text
    }

    private func green(_ text: String) -> String {
        colored ? "\u{1B}[1;32m" + text + "\u{1B}[0m" : text
    }
}
