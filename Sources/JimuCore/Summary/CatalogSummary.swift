/// What the province-wide outputs read of a catalog: per item and per bundle a small
/// summary of its standard, in catalog order.
///
/// The province-wide files (the merge and bundle reports' totals, the reform figures, the
/// site's and the guides' indexes, the Swift module's registry and pattern table) are
/// functions of these summaries alone, never of the whole IR. An item's summary is a function
/// of its compile unit, so a build that merges only the items an edit touched can take every
/// other item's summary from the build cache and still write the same bytes.
public struct CatalogSummary: Sendable, Equatable {
    public var items: [ItemSummary] { didSet { positions = Self.positions(items) } }
    public var bundles: [BundleSummary]
    /// Each item key's first position: the site's index looks members up by key.
    private var positions: [String: Int]

    public init(items: [ItemSummary], bundles: [BundleSummary]) {
        self.items = items
        self.bundles = bundles
        positions = Self.positions(items)
    }

    /// The summaries of a whole standard.
    public init(_ standard: StandardCatalog) {
        let lists = FormSummary.codeLists(of: standard)
        self.init(
            items: Parallel.map(standard.items) { ItemSummary($0, codeLists: lists) },
            bundles: standard.bundles.map { BundleSummary($0, codeLists: lists) })
    }

    /// The item with `key`, as a search from the front would find it.
    func item(_ key: String) -> ItemSummary? { positions[key].map { items[$0] } }

    private static func positions(_ items: [ItemSummary]) -> [String: Int] {
        var positions: [String: Int] = [:]
        positions.reserveCapacity(items.count)
        for (position, item) in items.enumerated() where positions[item.key] == nil { positions[item.key] = position }
        return positions
    }
}
