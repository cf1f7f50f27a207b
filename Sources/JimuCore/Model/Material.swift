/// How a material is presented (材料形式 of the national platform).
public enum MaterialForm: String, CaseIterable, Sendable, Codable {
    case original
    case copy
    case originalOrCopy = "original-or-copy"
    case paper
    case electronic
    case originalAndCopy = "original-and-copy"
    case originalAndScan = "original-and-scan"
}

/// A standard material of the dictionary (申请材料).
public struct Material: Sendable {
    public var id: Located<String>
    public var name: LocalizedText
    public var form: Located<MaterialForm>
    public var copies: Located<Int>?
    public var sharedSource: Located<String>?
    public var synonyms: [Located<String>]
}
