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
    public var items: [StandardItem]
    public var bundles: [StandardBundle]

    public func item(_ key: String) -> StandardItem? { items.first { $0.key == key } }

    public func bundle(_ key: String) -> StandardBundle? { bundles.first { $0.key == key } }
}
