/// Why a YAML file could not be read, and where.
///
/// The reader stops at the first error: after a syntax error libyaml cannot resynchronise,
/// and the later limits exist to stop work early. The message is plain English starting in
/// lower case, so a caller can print `file:line:column: error: message`.
public struct YAMLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The category of the failure; stable, for diagnostic codes.
    public enum Kind: String, Sendable {
        /// libyaml rejected the text (its own message is kept), or an explicit tag does not
        /// fit its node (`!!int abc`).
        case syntax
        /// A byte sequence that is not UTF-8 (UTF-16 files are rejected this way too).
        case invalidUTF8
        /// A tab in the indentation of the line where the syntax error was found.
        case tabIndentation
        /// The same key twice in one mapping; `relatedMark` is the first one.
        case duplicateKey
        /// A second document (`---`) where only one is expected.
        case multipleDocuments
        /// Aliases would expand beyond `YAMLLimits.maxAliasExpansion`, or an alias refers to
        /// the collection that contains it.
        case aliasExpansion
        /// Collections nested deeper than `YAMLLimits.maxDepth`.
        case depthLimit
        /// The input is larger than `YAMLLimits.maxFileBytes`.
        case fileTooLarge
        /// `*name` without an earlier `&name` in the same document.
        case undefinedAlias
        /// A NUL byte in the input (a sign of a binary or UTF-16 file).
        case nulCharacter
    }

    /// The category of the failure.
    public var kind: Kind
    /// A plain-English message, lower-case start, no trailing period.
    public var message: String
    /// Where the problem is.
    public var mark: YAMLMark
    /// A second place that explains the first: the earlier key of a duplicate, the start of
    /// the construct libyaml was reading.
    public var relatedMark: YAMLMark?

    /// Creates an error.
    public init(kind: Kind, message: String, mark: YAMLMark, relatedMark: YAMLMark? = nil) {
        self.kind = kind
        self.message = message
        self.mark = mark
        self.relatedMark = relatedMark
    }

    /// `line:column: message`.
    public var description: String { "\(mark): \(message)" }
}
