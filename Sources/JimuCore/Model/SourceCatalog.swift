/// Everything decoded from a catalog folder, with the place of every value: the input of
/// resolution and merge. Collections keep file order (sorted paths), so every later stage is
/// deterministic.
public struct SourceCatalog: Sendable {
    public var config: CatalogConfig?
    public var elements: [DataElement] = []
    public var materials: [Material] = []
    public var codeLists: [CodeList] = []
    public var sources: [SharedSource] = []
    public var departments: [Department] = []
    public var calendars: [CalendarYear] = []
    public var items: [ItemFrame] = []
    public var localities: [Locality] = []
    public var practices: [Practice] = []
    public var bundles: [ServiceBundle] = []

    public init() {}
}
