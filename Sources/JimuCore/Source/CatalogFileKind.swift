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
        // Substrings, compared in place: every file of a province catalog passes here.
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        let isYAML = path.hasSuffix(".yaml") || path.hasSuffix(".yml")
        func stem(_ name: Substring) -> String? {
            name.hasSuffix(".yaml") ? String(name.dropLast(5)) : nil
        }
        switch parts.count {
        case 1 where parts[0] == "jimu.yaml":
            self = .config
        case 2 where parts[0] == "dictionary":
            switch parts[1] {
            case "fields.yaml": self = .fields
            case "materials.yaml": self = .materials
            case "codelists.yaml": self = .codeLists
            case "sources.yaml": self = .sources
            case "departments.yaml": self = .departments
            default: self = isYAML ? .unexpectedYAML : .other
            }
        case 2 where parts[0] == "calendar":
            self = stem(parts[1]).map { .calendar(year: $0) } ?? (isYAML ? .unexpectedYAML : .other)
        case 2 where parts[0] == "items":
            self = stem(parts[1]).map { .item(key: $0) } ?? (isYAML ? .unexpectedYAML : .other)
        case 2 where parts[0] == "bundles":
            self = stem(parts[1]).map { .bundle(key: $0) } ?? (isYAML ? .unexpectedYAML : .other)
        case 3 where parts[0] == "localities":
            if parts[2] == "locality.yaml" {
                self = .locality(folder: String(parts[1]))
            } else {
                self = stem(parts[2]).map { .practice(folder: String(parts[1]), itemKey: $0) } ?? (isYAML ? .unexpectedYAML : .other)
            }
        default:
            if parts.first == "templates" {
                self = .template
            } else {
                self = isYAML ? .unexpectedYAML : .other
            }
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
