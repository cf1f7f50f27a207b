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
///
/// Immutable, and a class: every stage and emitter reads an item's frame, and a value of
/// this many strings and lists would be copied, one reference at a time, at each pass.
public final class ItemFrame: Sendable {
    public let file: String
    public let key: Located<String>
    public let code: Located<String>
    public let name: LocalizedText
    public let department: Located<String>
    public let kind: Located<ItemKind>
    public let level: Located<GovernmentLevel>
    public let audience: [Located<Audience>]
    public let handling: Located<Handling>
    public let legalBasis: [LocalizedText]
    public let conditions: LocalizedText?
    public let statutoryLimit: Located<Int>
    public let effective: Located<CivilDate>?
    public let fees: Fees?
    public let contacts: Contacts?
    public let preconditions: [Located<String>]
    public let outputFields: [Located<String>]
    public let outputMaterials: [Located<String>]
    public let requiredFields: [Located<String>]
    public let requiredMaterials: [Located<String>]
    public let localFields: [LocalField]
    public let pins: [MergeDimension: Located<String>]

    init(
        file: String, key: Located<String>, code: Located<String>, name: LocalizedText, department: Located<String>,
        kind: Located<ItemKind>, level: Located<GovernmentLevel>, audience: [Located<Audience>],
        handling: Located<Handling>, legalBasis: [LocalizedText], conditions: LocalizedText?,
        statutoryLimit: Located<Int>, effective: Located<CivilDate>?, fees: Fees?, contacts: Contacts?,
        preconditions: [Located<String>], outputFields: [Located<String>], outputMaterials: [Located<String>],
        requiredFields: [Located<String>], requiredMaterials: [Located<String>], localFields: [LocalField],
        pins: [MergeDimension: Located<String>]
    ) {
        self.file = file
        self.key = key
        self.code = code
        self.name = name
        self.department = department
        self.kind = kind
        self.level = level
        self.audience = audience
        self.handling = handling
        self.legalBasis = legalBasis
        self.conditions = conditions
        self.statutoryLimit = statutoryLimit
        self.effective = effective
        self.fees = fees
        self.contacts = contacts
        self.preconditions = preconditions
        self.outputFields = outputFields
        self.outputMaterials = outputMaterials
        self.requiredFields = requiredFields
        self.requiredMaterials = requiredMaterials
        self.localFields = localFields
        self.pins = pins
    }
}
