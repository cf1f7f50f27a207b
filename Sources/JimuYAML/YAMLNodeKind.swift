/// What a YAML node is: a scalar, a mapping or a sequence.
public enum YAMLNodeKind: UInt8, Sendable {
    /// A single value, plain, quoted or block.
    case scalar
    /// Key–value pairs, block or flow (`{}`).
    case mapping
    /// An ordered list, block or flow (`[]`).
    case sequence
}
