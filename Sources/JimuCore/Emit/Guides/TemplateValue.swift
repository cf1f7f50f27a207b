/// A value a guide template reads: a text, a text in both languages, a flag, a number, an
/// object of named values or a list of values.
///
/// The models build these rather than `[String: Any]`. The compiled renderer then reads a
/// value by its case, with no dynamic cast, and finds a name by comparing it (`TemplateObject`)
/// rather than hashing it: in a province build, the casts, the boxed `Any`s and the hashed
/// keys were most of the guides' and the site's CPU. A page that renders through
/// swift-mustache (an override compiled templates do not cover) gets the same values as
/// swift-mustache's dictionaries and arrays (`mustacheValue`).
enum TemplateValue: Sendable {
    case text(String)
    case bilingual(BilingualText)
    case bool(Bool)
    case int(Int)
    case object(TemplateObject)
    case list([TemplateValue])

    /// A list of objects: the rows of a table.
    static func objects(_ rows: [TemplateObject]) -> TemplateValue { .list(rows.map { .object($0) }) }

    /// The value as swift-mustache reads it: `String`, `BilingualText`, `Bool`, `Int`,
    /// `[String: Any]` or `[Any]`.
    var mustacheValue: Any {
        switch self {
        case .text(let text): text
        case .bilingual(let text): text
        case .bool(let bool): bool
        case .int(let int): int
        case .object(let object): object.mustacheValue
        case .list(let values): values.map(\.mustacheValue)
        }
    }
}

/// Named values, each name once, like the dictionary they replace. Kept as two arrays in the
/// order the names were first set and searched by comparing names: an object holds a few to
/// a few dozen short names, and comparing them costs less than hashing each one to build the
/// object and again for every lookup.
struct TemplateObject: Sendable, ExpressibleByDictionaryLiteral {
    private(set) var names: [String] = []
    private(set) var values: [TemplateValue] = []

    init() {}

    init(dictionaryLiteral elements: (String, TemplateValue)...) {
        names.reserveCapacity(elements.count)
        values.reserveCapacity(elements.count)
        for (name, value) in elements {
            precondition(!names.contains(name), "the name `\(name)` twice in an object literal")
            names.append(name)
            values.append(value)
        }
    }

    var isEmpty: Bool { names.isEmpty }

    /// The value of `name`; setting nil removes it, as in a dictionary.
    subscript(name: String) -> TemplateValue? {
        get { names.firstIndex(of: name).map { values[$0] } }
        set {
            if let index = names.firstIndex(of: name) {
                if let newValue {
                    values[index] = newValue
                } else {
                    names.remove(at: index)
                    values.remove(at: index)
                }
            } else if let newValue {
                names.append(name)
                values.append(newValue)
            }
        }
    }

    /// `other`'s values set over these.
    mutating func merge(_ other: TemplateObject) {
        for (name, value) in zip(other.names, other.values) { self[name] = value }
    }

    /// These values with those of `other`'s names this object does not have.
    func adding(_ other: TemplateObject) -> TemplateObject {
        var merged = self
        for (name, value) in zip(other.names, other.values) where !names.contains(name) {
            merged.names.append(name)
            merged.values.append(value)
        }
        return merged
    }

    /// The object as swift-mustache reads it.
    var mustacheValue: [String: Any] {
        Dictionary(zip(names, values.map(\.mustacheValue)), uniquingKeysWith: { first, _ in first })
    }
}
