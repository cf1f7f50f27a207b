/// What a file is, by where it lies in the catalog (docs/catalog-format.md).
public enum CatalogFileKind: Hashable, Sendable {
    case config
    case fields
    case materials
    case codeLists
    case sources
    case departments
    case calendar(year: String)
    case item(key: String)
    case locality(folder: String)
    case practice(folder: String, itemKey: String)
    case bundle(key: String)
    /// A guide template override: read by the guide emitter, not parsed as YAML here.
    case template
    /// A YAML file in no place the format defines.
    case unexpectedYAML
    /// Anything else (a README, an image): ignored.
    case other

    public init(path: String) {
        // On UTF-8 bytes (every name the format defines is ASCII): every file of a province
        // catalog passes here, and splitting by Character would break graphemes for nothing.
        let parts = path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        func ends(_ text: Substring.UTF8View, _ suffix: String) -> Bool {
            text.count >= suffix.utf8.count && text.suffix(suffix.utf8.count).elementsEqual(suffix.utf8)
        }
        func part(_ index: Int, is name: String) -> Bool { parts[index].elementsEqual(name.utf8) }
        let isYAML = ends(path.utf8[...], ".yaml") || ends(path.utf8[...], ".yml")
        func stem(_ index: Int) -> String? {
            ends(parts[index], ".yaml") ? String(Substring(parts[index].dropLast(5))) : nil
        }
        let other: CatalogFileKind = isYAML ? .unexpectedYAML : .other
        switch parts.count {
        case 1 where part(0, is: "jimu.yaml"):
            self = .config
        case 2 where part(0, is: "dictionary"):
            switch String(Substring(parts[1])) {
            case "fields.yaml": self = .fields
            case "materials.yaml": self = .materials
            case "codelists.yaml": self = .codeLists
            case "sources.yaml": self = .sources
            case "departments.yaml": self = .departments
            default: self = other
            }
        case 2 where part(0, is: "calendar"):
            self = stem(1).map { .calendar(year: $0) } ?? other
        case 2 where part(0, is: "items"):
            self = stem(1).map { .item(key: $0) } ?? other
        case 2 where part(0, is: "bundles"):
            self = stem(1).map { .bundle(key: $0) } ?? other
        case 3 where part(0, is: "localities"):
            if part(2, is: "locality.yaml") {
                self = .locality(folder: String(Substring(parts[1])))
            } else {
                self = stem(2).map { .practice(folder: String(Substring(parts[1])), itemKey: $0) } ?? other
            }
        default:
            self = part(0, is: "templates") ? .template : other
        }
    }

    /// Whether the file is a YAML document the decoder reads.
    public var isCatalogDocument: Bool {
        switch self {
        case .template, .unexpectedYAML, .other: false
        default: true
        }
    }
}
