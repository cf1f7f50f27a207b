/// The meaning of a scalar under the YAML 1.2 core schema.
///
/// A plain scalar is resolved by its text: `~`, `null`, `Null`, `NULL` and the empty scalar
/// are null; `true`/`True`/`TRUE` and `false`/`False`/`FALSE` are booleans; `[-+]?[0-9]+`,
/// `0o[0-7]+` and `0x[0-9a-fA-F]+` are integers; decimal and exponent forms, `.inf` and
/// `.nan` are floats; everything else is a string. So `no`, `on`, `yes` and `2026-01-01` are
/// strings, unlike YAML 1.1. A quoted or block scalar is always a string. The explicit tags
/// `!!str`, `!!int`, `!!float`, `!!bool` and `!!null` choose the type instead.
///
/// An integer outside `Int64` resolves to `.float` with the nearest `Double`, so that the
/// value survives (the catalog decoder reports it as out of range) and nothing traps.
public enum YAMLScalarValue: Equatable, Sendable {
    /// `~`, `null`, `Null`, `NULL`, or nothing at all.
    case null
    /// `true` or `false` in one of their three spellings.
    case bool(Bool)
    /// A decimal, `0o` octal or `0x` hexadecimal integer that fits in `Int64`.
    case int(Int64)
    /// A decimal or exponent number, `.inf`, `-.inf` or `.nan`, or an integer too large for
    /// `Int64`.
    case float(Double)
    /// Any other text, and every quoted or block scalar.
    case string(String)
}
