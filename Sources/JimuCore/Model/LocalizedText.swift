/// Text in Chinese and, where translated, English: names, labels, legal bases, conditions.
public struct LocalizedText: Hashable, Sendable, Codable {
    public var zh: String
    public var en: String?

    public init(zh: String, en: String? = nil) {
        self.zh = zh
        self.en = en
    }
}
