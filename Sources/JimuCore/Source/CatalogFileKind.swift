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
        // catalog passes here, twice in a rebuild. Only the first three parts are looked at,
        // found by their slashes: splitting each path into an array was most of the cost.
        let utf8 = path.utf8
        var slashes: (first: String.Index?, second: String.Index?) = (nil, nil)
        var count = 1
        for index in utf8.indices where utf8[index] == UInt8(ascii: "/") {
            if count == 1 { slashes.first = index } else if count == 2 { slashes.second = index }
            count += 1
        }
        func after(_ index: String.Index) -> String.Index { utf8.index(after: index) }
        let parts: [Substring] = [
            path[..<(slashes.first ?? path.endIndex)],
            slashes.first.map { path[after($0)..<(slashes.second ?? path.endIndex)] } ?? "",
            slashes.second.map { path[after($0)...] } ?? "",
        ]
        func ends(_ text: Substring, _ suffix: String) -> Bool {
            text.utf8.count >= suffix.utf8.count && text.utf8.suffix(suffix.utf8.count).elementsEqual(suffix.utf8)
        }
        func part(_ index: Int, is name: String) -> Bool { parts[index].utf8.elementsEqual(name.utf8) }
        let isYAML = ends(path[...], ".yaml") || ends(path[...], ".yml")
        func stem(_ index: Int) -> String? {
            ends(parts[index], ".yaml") ? String(Substring(parts[index].utf8.dropLast(5))) : nil
        }
        let other: CatalogFileKind = isYAML ? .unexpectedYAML : .other
        switch count {
        case 1 where part(0, is: "jimu.yaml"):
            self = .config
        case 2 where part(0, is: "dictionary"):
            switch parts[1] {
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
                self = .locality(folder: String(parts[1]))
            } else {
                self = stem(2).map { .practice(folder: String(parts[1]), itemKey: $0) } ?? other
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
