/// The IR: the province standard of a whole catalog, an immutable value every emitter reads.
/// Emitters never look back at YAML; each output is a function of this value alone.
public struct StandardCatalog: Sendable {
    public var config: CatalogConfig
    public var elements: [DataElement]
    public var materials: [Material]
    public var codeLists: [CodeList]
    public var sources: [SharedSource]
    public var departments: [Department]
    public var calendars: [CalendarYear]
    public var localities: [Locality]
    public var items: [StandardItem] { didSet { itemIndex = Self.index(items, by: \.key) } }
    public var bundles: [StandardBundle] { didSet { bundleIndex = Self.index(bundles, by: \.key) } }

    /// Positions by key: emitters look items up by key once per link, thousands of times per
    /// page set at province scale.
    private var itemIndex: [String: Int]
    private var bundleIndex: [String: Int]

    public init(
        config: CatalogConfig, elements: [DataElement], materials: [Material], codeLists: [CodeList],
        sources: [SharedSource], departments: [Department], calendars: [CalendarYear], localities: [Locality],
        items: [StandardItem], bundles: [StandardBundle]
    ) {
        self.config = config
        self.elements = elements
        self.materials = materials
        self.codeLists = codeLists
        self.sources = sources
        self.departments = departments
        self.calendars = calendars
        self.localities = localities
        self.items = items
        self.bundles = bundles
        itemIndex = Self.index(items, by: \.key)
        bundleIndex = Self.index(bundles, by: \.key)
    }

    public func item(_ key: String) -> StandardItem? { itemIndex[key].map { items[$0] } }

    public func bundle(_ key: String) -> StandardBundle? { bundleIndex[key].map { bundles[$0] } }

    /// The first position of each key, as a search from the front would find it.
    private static func index<Element>(_ elements: [Element], by key: (Element) -> String) -> [String: Int] {
        var index: [String: Int] = [:]
        index.reserveCapacity(elements.count)
        for (position, element) in elements.enumerated() where index[key(element)] == nil {
            index[key(element)] = position
        }
        return index
    }
}
