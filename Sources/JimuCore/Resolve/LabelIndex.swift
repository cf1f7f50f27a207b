/// Maps the labels local forms use (each element's Chinese and English label and its
/// synonyms) to data elements, so `label: 母亲身份证号码` resolves to `mother.id_number`.
struct LabelIndex {
    private var elementsByLabel: [String: [String]] = [:]

    init(elements: [DataElement]) {
        for element in elements {
            var labels = [element.label.zh] + element.synonyms.map(\.value)
            if let en = element.label.en { labels.append(en) }
            for label in Set(labels.map(Self.normalize)) {
                elementsByLabel[label, default: []].append(element.id.value)
            }
        }
    }

    /// Labels compare after trimming and folding full-width ASCII and spaces (（）→ ()),
    /// since editors type both.
    static func normalize(_ label: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in label.unicodeScalars {
            switch scalar.value {
            case 0xFF01...0xFF5E: scalars.append(Unicode.Scalar(scalar.value - 0xFEE0)!)
            case 0x3000: scalars.append(" ")
            default: scalars.append(scalar)
            }
        }
        return String(scalars).trimmingSpaces().lowercased()
    }

    /// The elements a label names: none, one, or (an error) several.
    func elements(for label: String) -> [String] {
        (elementsByLabel[Self.normalize(label)] ?? []).sorted()
    }

    /// The label closest to an unmatched one, and the element it names.
    func closest(to label: String) -> (label: String, element: String)? {
        let normalized = Self.normalize(label)
        guard let match = Suggestion.closest(to: normalized, among: elementsByLabel.keys.sorted()),
            let element = elementsByLabel[match]?.sorted().first
        else { return nil }
        return (match, element)
    }
}

extension String {
    func trimmingSpaces() -> String {
        var view = Substring(self)
        while let first = view.first, first.isWhitespace { view.removeFirst() }
        while let last = view.last, last.isWhitespace { view.removeLast() }
        return String(view)
    }
}
