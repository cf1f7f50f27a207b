/// One problem found in a catalog: a stable code, a severity, a plain message, the place,
/// related places ("first defined here") and, where one is likely, a fix.
public struct Diagnostic: Codable, Sendable, Equatable {
    public var code: DiagnosticCode
    public var severity: Severity
    public var message: String
    public var location: SourceLocation?
    public var notes: [Note]
    public var fix: Fix?

    /// A related place with a short explanation.
    public struct Note: Codable, Sendable, Equatable {
        public var message: String
        public var location: SourceLocation?

        public init(_ message: String, at location: SourceLocation?) {
            self.message = message
            self.location = location
        }
    }

    /// A likely correction: a sentence, and the replacement text where there is one.
    public struct Fix: Codable, Sendable, Equatable {
        public var message: String
        public var replacement: String?

        public init(_ message: String, replacement: String? = nil) {
            self.message = message
            self.replacement = replacement
        }

        /// "did you mean `x`?" for a misspelt name.
        public static func didYouMean(_ candidate: String) -> Fix {
            Fix("did you mean `\(candidate)`?", replacement: candidate)
        }
    }

    public init(
        _ code: DiagnosticCode,
        _ message: String,
        at location: SourceLocation?,
        severity: Severity? = nil,
        notes: [Note] = [],
        fix: Fix? = nil
    ) {
        self.code = code
        self.severity = severity ?? code.defaultSeverity
        self.message = message
        self.location = location
        self.notes = notes
        self.fix = fix
    }
}

extension Diagnostic {
    /// Orders diagnostics by place, then code, so every output lists them the same way on
    /// every machine and in every run, whatever order the stages found them in.
    public static func byPlace(_ lhs: Diagnostic, _ rhs: Diagnostic) -> Bool {
        let l = lhs.location ?? SourceLocation(file: "", line: 0, column: 0)
        let r = rhs.location ?? SourceLocation(file: "", line: 0, column: 0)
        if l != r { return l < r }
        if lhs.code != rhs.code { return lhs.code.rawValue < rhs.code.rawValue }
        return lhs.message < rhs.message
    }
}
