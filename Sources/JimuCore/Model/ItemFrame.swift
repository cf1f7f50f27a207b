/// The kind of a service item (事项类型).
public enum ItemKind: String, CaseIterable, Sendable, Codable {
    case administrativeLicense = "administrative-license"
    case administrativeConfirmation = "administrative-confirmation"
    case administrativePayment = "administrative-payment"
    case administrativeFiling = "administrative-filing"
    case publicService = "public-service"
    case other
}

/// The level of government that exercises an item (行使层级), or of a locality.
public enum GovernmentLevel: String, CaseIterable, Sendable, Codable {
    case province, city, county, township
}

/// Who an item serves (服务对象).
public enum Audience: String, CaseIterable, Sendable, Codable {
    case citizen, company
}

/// 即办件 (handled on the spot) or 承诺件 (handled within a promised limit).
public enum Handling: String, CaseIterable, Sendable, Codable {
    case immediate, promised
}

/// Whether an item charges a fee, and on what basis.
public struct Fees: Sendable {
    public var charged: Located<Bool>
    public var basis: LocalizedText?
    public var standard: LocalizedText?
}

/// Phone numbers or addresses for questions and complaints.
public struct Contacts: Sendable {
    public var consultation: Located<String>?
    public var complaint: Located<String>?
}

/// The dimensions of a practice the merge chooses separately, and that an editor can pin.
public enum MergeDimension: String, CaseIterable, Sendable, Codable {
    case form, materials, steps, limit, visits, channels
}

/// The province frame of one item: what the law fixes for every locality (name, department,
/// legal basis, statutory limit, legally required fields and materials), and what the item
/// produces and needs first.
public struct ItemFrame: Sendable {
    public var file: String
    public var key: Located<String>
    public var code: Located<String>
    public var name: LocalizedText
    public var department: Located<String>
    public var kind: Located<ItemKind>
    public var level: Located<GovernmentLevel>
    public var audience: [Located<Audience>]
    public var handling: Located<Handling>
    public var legalBasis: [LocalizedText]
    public var conditions: LocalizedText?
    public var statutoryLimit: Located<Int>
    public var effective: Located<CivilDate>?
    public var fees: Fees?
    public var contacts: Contacts?
    public var preconditions: [Located<String>]
    public var outputFields: [Located<String>]
    public var outputMaterials: [Located<String>]
    public var requiredFields: [Located<String>]
    public var requiredMaterials: [Located<String>]
    public var localFields: [LocalField]
    public var pins: [MergeDimension: Located<String>]
}
