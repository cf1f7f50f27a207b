/// Bounds that keep the reader safe on untrusted input.
///
/// Every catalog file is written by hand, so these limits are generous for real files and
/// small enough that a hostile file cannot exhaust memory or stack in later stages (which may
/// walk the tree recursively).
public struct YAMLLimits: Sendable, Equatable {
    /// The largest accepted input, in bytes, checked before parsing (`fileTooLarge`). Inputs
    /// over 1 GiB are refused whatever this says, so that every offset fits in 32 bits.
    public var maxFileBytes: Int
    /// The deepest accepted nesting of collections (`depthLimit`).
    ///
    /// Counts mappings and sequences nested inside each other; the root collection is level 1
    /// and scalars add no level. A node reached through an alias counts at the depth where
    /// the alias stands, so aliases cannot build a deeper tree than literal text could.
    /// Nesting deeper than `depthCeiling` is refused whatever this says.
    public var maxDepth: Int
    /// How many nodes aliases may add to a document, beyond the nodes written literally
    /// (`aliasExpansion`).
    ///
    /// Expanding every alias in place gives a tree of *E* nodes; the document has *L* nodes
    /// and alias occurrences in its text. The reader fails as soon as *E* − *L* would exceed
    /// this limit, so a large file without aliases is never rejected by it, while a
    /// "billion laughs" document fails at the first alias that goes over.
    public var maxAliasExpansion: Int

    /// Creates limits; every value is clamped to be at least zero.
    public init(maxFileBytes: Int = 1_048_576, maxDepth: Int = 64, maxAliasExpansion: Int = 10_000) {
        self.maxFileBytes = max(0, maxFileBytes)
        self.maxDepth = max(0, maxDepth)
        self.maxAliasExpansion = max(0, maxAliasExpansion)
    }

    /// 1 MiB files, 64 levels, 10,000 nodes added by aliases.
    public static let `default` = YAMLLimits()

    /// The deepest nesting read whatever `maxDepth` says. libyaml's scanner revisits every
    /// open flow collection for each token it reads, so `[[[[…` costs time quadratic in its
    /// depth: 100,000 levels take most of a minute, 10,000 a fraction of a second.
    public static let depthCeiling = 10_000
}
