/// How a scalar was written.
///
/// Only a plain scalar is resolved by the core schema; every other style is a string (unless
/// an explicit tag says otherwise). Diagnostics use the style to suggest quoting.
public enum YAMLScalarStyle: UInt8, Sendable {
    /// Unquoted: `name: 出生医学证明`.
    case plain
    /// `'…'`.
    case singleQuoted
    /// `"…"`, with escapes.
    case doubleQuoted
    /// `|` block scalar, line breaks kept.
    case literal
    /// `>` block scalar, line breaks folded.
    case folded
}
