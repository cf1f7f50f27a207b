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
        // On UTF-8 bytes, in place (every name the format defines is ASCII): every file of a
        // province catalog passes here, twice in a rebuild. Only the first three parts are
        // looked at, found by their slashes; a string is made only for a key the kind holds.
        var path = path
        self = path.withUTF8 { Self.kind(of: $0) }
    }

    private static func kind(of bytes: UnsafeBufferPointer<UInt8>) -> CatalogFileKind {
        var (first, second, count) = (bytes.count, bytes.count, 1)
        for index in bytes.indices where bytes[index] == UInt8(ascii: "/") {
            if count == 1 { first = index } else if count == 2 { second = index }
            count += 1
        }
        // The first part, the second (up to a third slash or the end), and the rest: as a
        // tuple, not an array, which would be allocated for every path.
        let parts = (0..<first, min(first + 1, bytes.count)..<second, min(second + 1, bytes.count)..<bytes.count)
        func range(_ index: Int) -> Range<Int> { index == 0 ? parts.0 : index == 1 ? parts.1 : parts.2 }
        func part(_ index: Int, is name: String) -> Bool {
            UnsafeBufferPointer(rebasing: bytes[range(index)]).elementsEqual(name.utf8)
        }
        func ends(_ range: Range<Int>, _ suffix: String) -> Bool {
            range.count >= suffix.utf8.count && UnsafeBufferPointer(rebasing: bytes[(range.upperBound - suffix.utf8.count)..<range.upperBound]).elementsEqual(suffix.utf8)
        }
        func text(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
        func stem(_ index: Int) -> String? {
            ends(range(index), ".yaml") ? text(range(index).lowerBound..<(range(index).upperBound - 5)) : nil
        }
        let other: CatalogFileKind = ends(bytes.indices, ".yaml") || ends(bytes.indices, ".yml") ? .unexpectedYAML : .other
        switch count {
        case 1 where part(0, is: "jimu.yaml"):
            return .config
        case 2 where part(0, is: "dictionary"):
            if part(1, is: "fields.yaml") { return .fields }
            if part(1, is: "materials.yaml") { return .materials }
            if part(1, is: "codelists.yaml") { return .codeLists }
            if part(1, is: "sources.yaml") { return .sources }
            if part(1, is: "departments.yaml") { return .departments }
            return other
        case 2 where part(0, is: "calendar"):
            return stem(1).map { .calendar(year: $0) } ?? other
        case 2 where part(0, is: "items"):
            return stem(1).map { .item(key: $0) } ?? other
        case 2 where part(0, is: "bundles"):
            return stem(1).map { .bundle(key: $0) } ?? other
        case 3 where part(0, is: "localities"):
            if part(2, is: "locality.yaml") { return .locality(folder: text(parts.1)) }
            return stem(2).map { .practice(folder: text(parts.1), itemKey: $0) } ?? other
        default:
            return part(0, is: "templates") ? .template : other
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
