/// A place in a YAML source: 1-based line and 1-based column.
///
/// The column counts Unicode scalars, not bytes, so `名称: x` puts `x` at column 5 whatever
/// the encoding width of `名称`. This is what an editor shows for CJK text, and it is what
/// libyaml counts (libyaml is 0-based; the reader converts).
public struct YAMLMark: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The 1-based line. CRLF, CR and LF each end one line.
    public var line: Int
    /// The 1-based column, in Unicode scalars.
    public var column: Int

    /// Creates a mark at a 1-based line and column.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// The first character of a file.
    public static let start = YAMLMark(line: 1, column: 1)

    /// Orders marks as they appear in the source.
    public static func < (lhs: YAMLMark, rhs: YAMLMark) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    /// `line:column`, the form editors and compilers print.
    public var description: String { "\(line):\(column)" }
}
