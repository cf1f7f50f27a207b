/// What the province-wide outputs read of one item's standard (see `CatalogSummary`).
public struct ItemSummary: Sendable, Equatable {
    /// What an index lists of the item.
    public var index: ItemIndexEntry
    public var statutoryLimit: Int
    public var fullyOnline: Bool
    /// The standard's materials' names, which the site's search reads.
    public var materialNames: [LocalizedText]
    /// The standard measured as the merge report measures a practice.
    public var standard: PracticeMeasures
    /// Each locality's practice, in the item's order.
    public var practices: [PracticeSummary]
    /// What the standard took from each locality (the merge report's `adopted`).
    public var credits: [Credit]
    public var form: FormSummary

    public var key: String { index.key }

    public init(
        index: ItemIndexEntry, statutoryLimit: Int, fullyOnline: Bool, materialNames: [LocalizedText],
        standard: PracticeMeasures, practices: [PracticeSummary], credits: [Credit], form: FormSummary
    ) {
        self.index = index
        self.statutoryLimit = statutoryLimit
        self.fullyOnline = fullyOnline
        self.materialNames = materialNames
        self.standard = standard
        self.practices = practices
        self.credits = credits
        self.form = form
    }

    init(_ item: StandardItem, codeLists: [String: CodeList]) {
        let statutory = item.frame.statutoryLimit.value
        index = ItemIndexEntry(item)
        statutoryLimit = statutory
        fullyOnline = item.onlineDepth == .full
        materialNames = item.materials.map(\.name)
        standard = PracticeMeasures(standard: item)
        practices = item.practices.map { practice in
            PracticeSummary(
                locality: practice.locality.code.value,
                measures: PracticeMeasures(practice: practice, statutoryLimit: statutory),
                fullyOnline: practice.practice.onlineDepth?.value == .full)
        }
        var credits: [Credit] = []
        for decision in item.decisions {
            // Credit goes to a practice that was better than another, not to the lowest code
            // among equals.
            let others = decision.alternatives.filter { $0.locality != decision.provenance.locality }
            let chosen = decision.alternatives.first { $0.locality == decision.provenance.locality }?.value
            let won = others.isEmpty || others.contains { $0.value != chosen }
            if let code = decision.provenance.locality, won {
                credits.append(Credit(locality: code, dimension: decision.dimension.rawValue))
            }
        }
        for field in item.form {
            if let code = field.prefillProvenance?.locality {
                credits.append(Credit(locality: code, dimension: "sharing:\(field.id)"))
            }
        }
        for material in item.materials {
            if let code = material.sourceProvenance?.locality {
                credits.append(Credit(locality: code, dimension: "sharing:\(material.id)"))
            }
        }
        self.credits = credits
        form = FormSummary(item.form, codeLists: codeLists)
    }
}

/// What an index (the site's, the guides') shows of an item, and where its name is written.
public struct ItemIndexEntry: Sendable, Equatable {
    public var key: String
    public var code: String
    public var name: LocalizedText
    /// The item's file, and the place of its key: the translation check's anchor.
    public var file: String
    public var anchor: SourceLocation
    public var department: String
    public var level: GovernmentLevel
    public var visits: Int?
    public var promisedLimit: Int

    public init(
        key: String, code: String, name: LocalizedText, file: String, anchor: SourceLocation, department: String,
        level: GovernmentLevel, visits: Int?, promisedLimit: Int
    ) {
        self.key = key
        self.code = code
        self.name = name
        self.file = file
        self.anchor = anchor
        self.department = department
        self.level = level
        self.visits = visits
        self.promisedLimit = promisedLimit
    }

    init(_ item: StandardItem) {
        self.init(
            key: item.key, code: item.frame.code.value, name: item.frame.name, file: item.frame.file,
            anchor: item.frame.key.location, department: item.frame.department.value, level: item.frame.level.value,
            visits: item.visits?.value, promisedLimit: item.promisedLimit.value)
    }
}

/// One locality's practice of an item, as the reports count it.
public struct PracticeSummary: Sendable, Equatable {
    public var locality: String
    /// The practice as it stands (`promisedLimit` is the statutory limit where it states none).
    public var measures: PracticeMeasures
    public var fullyOnline: Bool

    public init(locality: String, measures: PracticeMeasures, fullyOnline: Bool) {
        self.locality = locality
        self.measures = measures
        self.fullyOnline = fullyOnline
    }
}

/// A dimension of an item's standard taken from a locality's practice, or a field or
/// material its shared data supplies (`sharing:<id>`).
public struct Credit: Sendable, Equatable {
    public var locality: String
    public var dimension: String

    public init(locality: String, dimension: String) {
        self.locality = locality
        self.dimension = dimension
    }
}
