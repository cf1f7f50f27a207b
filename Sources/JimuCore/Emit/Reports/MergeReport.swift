/// The merge report (`reports/merge.json`): the rules, province totals, per locality what it
/// contributed, and an index of the items. Each item's own report, what the standard chose
/// and why, what it removes from each locality's practice and who must change, is a file of
/// its own (`reports/merge/<item>.json`, an `ItemReport`), so that an edit to one item
/// rewrites its report and the totals, not the whole province's 118 MB. Stable key order.
public struct MergeReport: Codable, Sendable {
    public var rules: [String: String]
    public var tieBreak: String
    public var items: [ItemEntry]
    public var localities: [LocalityReport]
    public var totals: Reductions

    enum CodingKeys: String, CodingKey {
        case rules
        case tieBreak = "tie_break"
        case items, localities, totals
    }

    public struct Decision: Codable, Sendable {
        public var dimension: String
        public var value: String
        public var rule: String
        public var locality: String?
        public var source: String
        public var alternatives: [Alternative]
    }

    public struct Sharing: Codable, Sendable {
        public var id: String
        public var source: String
        public var locality: String?
        public var at: String
    }

    public struct LocalityComparison: Codable, Sendable {
        public var locality: String
        public var name: String
        public var file: String
        public var before: PracticeMeasures
        public var reductions: Reductions
        public var mustChange: [String]

        enum CodingKeys: String, CodingKey {
            case locality, name, file, before, reductions
            case mustChange = "must_change"
        }
    }

    /// What the index lists of an item: its standard's measures, and where its report is.
    public struct ItemEntry: Codable, Sendable {
        public var key: String
        public var code: String
        public var name: LocalizedText
        public var department: String
        public var statutoryLimit: Int
        public var frameOnly: Bool
        public var practices: Int
        public var standard: PracticeMeasures
        /// The item's `ItemReport`, relative to the output folder.
        public var report: String

        enum CodingKeys: String, CodingKey {
            case key, code, name, department
            case statutoryLimit = "statutory_limit"
            case frameOnly = "frame_only"
            case practices, standard, report
        }
    }

    /// One item's report (`reports/merge/<item>.json`).
    public struct ItemReport: Codable, Sendable {
        public var key: String
        public var code: String
        public var name: LocalizedText
        public var department: String
        public var statutoryLimit: Int
        public var frameOnly: Bool
        public var standard: PracticeMeasures
        public var decisions: [Decision]
        public var addedBack: [String]
        public var sharedFields: [Sharing]
        public var sharedMaterials: [Sharing]
        public var localities: [LocalityComparison]

        enum CodingKeys: String, CodingKey {
            case key, code, name, department
            case statutoryLimit = "statutory_limit"
            case frameOnly = "frame_only"
            case standard, decisions
            case addedBack = "added_back"
            case sharedFields = "shared_fields"
            case sharedMaterials = "shared_materials"
            case localities
        }
    }

    public struct Adoption: Codable, Sendable, Hashable {
        public var item: String
        public var dimension: String
    }

    public struct LocalityReport: Codable, Sendable {
        public var code: String
        public var name: LocalizedText
        public var practices: Int
        public var adopted: [Adoption]
        public var totals: Reductions
    }

    public init(_ standard: StandardCatalog) {
        self.init(CatalogSummary(standard), localities: standard.localities)
    }

    /// The report of the catalog `summary` sums, whose localities are `localities`.
    public init(_ summary: CatalogSummary, localities catalogLocalities: [Locality]) {
        rules = Dictionary(uniqueKeysWithValues: MergeRule.allCases.map { ($0.rawValue, $0.explanation) })
        tieBreak = MergeRule.tieBreak
        items = summary.items.map { item in
            ItemEntry(
                key: item.key, code: item.index.code, name: item.index.name, department: item.index.department,
                statutoryLimit: item.statutoryLimit, frameOnly: item.practices.isEmpty, practices: item.practices.count,
                standard: item.standard, report: Self.itemPath(item.key))
        }
        var byLocality: [String: (practices: Int, adopted: Set<Adoption>, before: PracticeMeasures, after: PracticeMeasures)] = [:]
        var provinceBefore = PracticeMeasures.zero
        var provinceAfter = PracticeMeasures.zero
        for item in summary.items {
            for practice in item.practices {
                // Visits add up only where both the practice and the standard state them: a
                // practice that states none would otherwise count as zero visits.
                var before = practice.measures
                var after = item.standard
                if before.visits == nil || after.visits == nil {
                    before.visits = nil
                    after.visits = nil
                }
                var entry = byLocality[practice.locality] ?? (0, [], .zero, .zero)
                entry.practices += 1
                entry.before = entry.before + before
                entry.after = entry.after + after
                byLocality[practice.locality] = entry
                provinceBefore = provinceBefore + before
                provinceAfter = provinceAfter + after
            }
            for credit in item.credits {
                byLocality[credit.locality, default: (0, [], .zero, .zero)].adopted.insert(
                    Adoption(item: item.key, dimension: credit.dimension))
            }
        }
        localities = catalogLocalities.map { locality in
            let entry = byLocality[locality.code.value] ?? (0, [], .zero, .zero)
            return LocalityReport(
                code: locality.code.value, name: locality.name, practices: entry.practices,
                adopted: entry.adopted.sorted { ($0.item, $0.dimension) < ($1.item, $1.dimension) },
                totals: Reductions(before: entry.before, after: entry.after))
        }
        totals = Reductions(before: provinceBefore, after: provinceAfter)
    }

    /// The report of one merged item: the content of its own file.
    public static func itemReport(_ item: StandardItem) -> ItemReport {
        let standard = PracticeMeasures(standard: item)
        return ItemReport(
            key: item.key, code: item.frame.code.value, name: item.frame.name, department: item.frame.department.value,
            statutoryLimit: item.frame.statutoryLimit.value, frameOnly: item.practices.isEmpty, standard: standard,
            decisions: item.decisions.map { decision in
                Decision(
                    dimension: decision.dimension.rawValue, value: decision.summary,
                    rule: decision.provenance.rule.rawValue, locality: decision.provenance.locality,
                    source: decision.provenance.location.description, alternatives: decision.alternatives)
            },
            addedBack: item.addedBack,
            sharedFields: item.form.compactMap { field in
                field.prefillProvenance.map {
                    Sharing(id: field.id, source: field.prefill ?? "", locality: $0.locality, at: $0.location.description)
                }
            },
            sharedMaterials: item.materials.compactMap { material in
                material.sourceProvenance.map {
                    Sharing(id: material.id, source: material.from ?? "", locality: $0.locality, at: $0.location.description)
                }
            },
            localities: item.practices.map { practice in
                let before = PracticeMeasures(practice: practice, statutoryLimit: item.frame.statutoryLimit.value)
                return LocalityComparison(
                    locality: practice.locality.code.value, name: practice.locality.name.zh, file: practice.practice.file,
                    before: before, reductions: Reductions(before: before, after: standard),
                    mustChange: mustChange(practice, before: before, item: item, standard: standard))
            })
    }

    /// The dimensions in which a locality's practice falls short of the standard.
    static func mustChange(
        _ practice: ResolvedPractice, before: PracticeMeasures, item: StandardItem, standard: PracticeMeasures
    ) -> [String] {
        var dimensions: [String] = []
        if before.handFilledFields > standard.handFilledFields || before.fields > standard.fields { dimensions.append("form") }
        if before.submittedMaterials > standard.submittedMaterials { dimensions.append("materials") }
        if before.steps > standard.steps { dimensions.append("steps") }
        if (before.promisedLimit ?? 0) > (standard.promisedLimit ?? 0) { dimensions.append("limit") }
        if let b = before.visits, let s = standard.visits, b > s { dimensions.append("visits") }
        let ownDepth = ItemMerger.depthRank(practice.practice.onlineDepth?.value)
        if ownDepth < ItemMerger.depthRank(item.onlineDepth) || practice.practice.channels.count < item.channels.value.count {
            dimensions.append("channels")
        }
        return dimensions
    }
}

extension MergeReport {
    /// Where the build writes it.
    public static let path = "reports/merge.json"

    /// Where the build writes the report of item `key`.
    public static func itemPath(_ key: String) -> String { "reports/merge/\(key).json" }
}
