/// Why a field or material an applicant would meet filing the items one by one is not asked
/// of them in the bundle.
public enum BundleRemoval: Sendable, Hashable, Codable {
    /// Another item of the bundle already asks for it: one form asks once.
    case duplicate(keptFrom: String)
    /// An earlier item of the bundle produces it: the process fills it.
    case producedBy(item: String)
    /// A province-wide source supplies it: no one fills or submits it.
    case sharedData(source: String)
}

/// One removal from the separate filings, for the bundle report.
public struct BundleRemovedEntry: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable { case field, material }
    public var kind: Kind
    public var id: String
    public var item: String
    public var reason: BundleRemoval
}

/// The bundle's process in time: stages of items that run together, and the critical path.
public struct BundleSchedule: Sendable {
    public struct Stage: Sendable {
        public var items: [String]
        public var departments: [String]
    }

    public var stages: [Stage]
    /// The longest chain of preconditions by promised working days, first to last.
    public var criticalPath: [String]
    public var totalWorkingDays: Int
    /// Preconditions between the bundle's items: (needs-first, item).
    public var edges: [(from: String, to: String)]
}

/// A "one thing" in the IR: its items' standards composed into one form and one set of
/// materials, deduplicated by data element, and scheduled in working days.
public struct StandardBundle: Sendable {
    public var bundle: ServiceBundle
    public var items: [String]
    /// The fields the applicant meets, each data element once, in the items' order.
    public var form: [StandardField]
    /// Fields an earlier item produces: in the bundle form, filled by the process.
    public var processFilled: [StandardField]
    public var materials: [StandardMaterial]
    public var removed: [BundleRemovedEntry]
    public var schedule: BundleSchedule
    /// What an applicant would meet filing the items one by one.
    public var separateHandFilledFields: Int
    public var separateSubmittedMaterials: Int

    public var key: String { bundle.key.value }
    public var handFilledCount: Int { form.count { $0.isHandFilled } }
    public var submittedCount: Int { materials.count { $0.isSubmitted } }
}
