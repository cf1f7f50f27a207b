/// The bundle report (`reports/bundles.json`): per bundle, what an applicant meets filing the
/// items one by one against the bundle's one form, what was removed and why, and the
/// schedule in working days.
public struct BundleReport: Codable, Sendable {
    public struct Removal: Codable, Sendable, Equatable {
        public var kind: String
        public var id: String
        public var item: String
        public var reason: String
        public var detail: String
    }

    public struct Burden: Codable, Sendable, Equatable {
        public var handFilledFields: Int
        public var submittedMaterials: Int

        enum CodingKeys: String, CodingKey {
            case handFilledFields = "hand_filled_fields"
            case submittedMaterials = "submitted_materials"
        }
    }

    public struct Stage: Codable, Sendable, Equatable {
        public var items: [String]
        public var departments: [String]
    }

    public struct Entry: Codable, Sendable, Equatable {
        public var key: String
        public var name: LocalizedText
        public var promisedLimit: Int
        public var items: [String]
        public var separate: Burden
        public var bundle: Burden
        public var fieldReduction: Reduction
        public var materialReduction: Reduction
        public var removed: [Removal]
        public var stages: [Stage]
        public var criticalPath: [String]
        public var totalWorkingDays: Int

        enum CodingKeys: String, CodingKey {
            case key, name
            case promisedLimit = "promised_limit"
            case items, separate, bundle
            case fieldReduction = "field_reduction"
            case materialReduction = "material_reduction"
            case removed, stages
            case criticalPath = "critical_path"
            case totalWorkingDays = "total_working_days"
        }
    }

    public var bundles: [Entry]

    public init(_ catalog: StandardCatalog) {
        bundles = catalog.bundles.map(Entry.init)
    }

    public init(_ summary: CatalogSummary) {
        bundles = summary.bundles.map(\.report)
    }

    public func markdown() -> String {
        let e = Markdown.escape
        var out = "# Bundles: one form, one submission, joint approval, one stop\n\n"
        for bundle in bundles {
            out += "## \(e(bundle.name.zh))"
            if let en = bundle.name.en { out += " — \(e(en))" }
            out += "\n\n`\(bundle.key)` · \(bundle.items.count) items · promised \(bundle.promisedLimit) working days · "
            out += "critical path \(bundle.totalWorkingDays) working days\n\n"
            out += Markdown.table(
                ["Applicant meets", "Item by item → one bundle"],
                [
                    ["Fields filled by hand", bundle.fieldReduction.text],
                    ["Materials submitted", bundle.materialReduction.text],
                ])
            out += "\n"
            out += Markdown.table(
                ["Stage", "Items (run together)", "Departments"],
                bundle.stages.enumerated().map { index, stage in
                    [
                        "\(index + 1)", stage.items.map { "`\($0)`" }.joined(separator: ", "),
                        stage.departments.map { "`\($0)`" }.joined(separator: ", "),
                    ]
                })
            out += "\nCritical path: " + bundle.criticalPath.map { "`\($0)`" }.joined(separator: " → ") + ".\n\n"
            if !bundle.removed.isEmpty {
                out += Markdown.table(
                    ["Removed", "Of item", "Why"],
                    bundle.removed.map { ["\($0.kind) `\($0.id)`", "`\($0.item)`", "\($0.reason): \(e($0.detail))"] })
                out += "\n"
            }
        }
        return out
    }
}

extension BundleReport.Entry {
    init(_ bundle: StandardBundle) {
        self.init(
            key: bundle.key, name: bundle.bundle.name, promisedLimit: bundle.bundle.promisedLimit.value,
            items: bundle.items,
            separate: BundleReport.Burden(
                handFilledFields: bundle.separateHandFilledFields,
                submittedMaterials: bundle.separateSubmittedMaterials),
            bundle: BundleReport.Burden(handFilledFields: bundle.handFilledCount, submittedMaterials: bundle.submittedCount),
            fieldReduction: Reduction(before: bundle.separateHandFilledFields, after: bundle.handFilledCount),
            materialReduction: Reduction(before: bundle.separateSubmittedMaterials, after: bundle.submittedCount),
            removed: bundle.removed.map { entry in
                let (reason, detail): (String, String) =
                    switch entry.reason {
                    case .duplicate(let kept): ("duplicate", "also asked by \(kept)")
                    case .producedBy(let item): ("produced", "produced by \(item)")
                    case .sharedData(let source): ("shared", "supplied by \(source)")
                    }
                return BundleReport.Removal(kind: entry.kind.rawValue, id: entry.id, item: entry.item, reason: reason, detail: detail)
            },
            stages: bundle.schedule.stages.map { BundleReport.Stage(items: $0.items, departments: $0.departments) },
            criticalPath: bundle.schedule.criticalPath, totalWorkingDays: bundle.schedule.totalWorkingDays)
    }
}
