/// The preconditions between a bundle's items: their order, and the schedule that runs
/// every item as soon as the items it needs are done.
struct BundleGraph {
    let bundle: ServiceBundle
    /// The items in an order that respects every precondition (listing order among equals).
    let ordered: [StandardItem]
    /// For each item, the bundle items it needs first.
    let predecessors: [String: [String]]
    private let byKey: [String: StandardItem]

    init(bundle: ServiceBundle, items: [StandardItem], diagnostics: DiagnosticCollector) {
        self.bundle = bundle
        byKey = Dictionary(items.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let members = Set(items.map(\.key))
        var predecessors: [String: [String]] = [:]
        for item in items {
            predecessors[item.key] = []
            for precondition in item.frame.preconditions {
                if members.contains(precondition.value) {
                    predecessors[item.key, default: []].append(precondition.value)
                } else {
                    let listed = bundle.items.first { $0.value == item.key }
                    diagnostics.report(
                        .bundleMissingPrecondition,
                        "bundle `\(bundle.key.value)` includes `\(item.key)`, which needs `\(precondition.value)` first, "
                            + "but not `\(precondition.value)` itself",
                        at: listed?.location ?? bundle.key.location,
                        notes: [.init("`\(item.key)` needs it here", at: precondition.location)],
                        fix: .init("add `\(precondition.value)` to the bundle's items", replacement: precondition.value))
                }
            }
        }
        self.predecessors = predecessors
        // Kahn's algorithm, always taking the first ready item in listing order. A cycle
        // (already an error from Resolve) leaves items unplaced: they follow in listing order.
        var placed: Set<String> = []
        var order: [StandardItem] = []
        while order.count < items.count {
            guard let next = items.first(where: { item in
                !placed.contains(item.key) && (predecessors[item.key] ?? []).allSatisfy(placed.contains)
            }) else {
                order += items.filter { !placed.contains($0.key) }
                break
            }
            placed.insert(next.key)
            order.append(next)
        }
        ordered = order
    }

    /// Every bundle item `key` needs, directly or through others.
    func ancestors(of key: String) -> [StandardItem] {
        var seen: Set<String> = []
        var pending = predecessors[key] ?? []
        while let next = pending.popLast() {
            guard seen.insert(next).inserted else { continue }
            pending += predecessors[next] ?? []
        }
        return ordered.filter { seen.contains($0.key) }
    }

    /// Earliest finish of every item in working days, the stages of items that can run
    /// together, and the critical path.
    func schedule() -> BundleSchedule {
        var finish: [String: Int] = [:]
        var level: [String: Int] = [:]
        for item in ordered {
            let needs = predecessors[item.key] ?? []
            let start = needs.compactMap { finish[$0] }.max() ?? 0
            finish[item.key] = start + item.promisedLimit.value
            level[item.key] = (needs.compactMap { level[$0] }.max() ?? -1) + 1
        }
        let stageCount = (level.values.max() ?? -1) + 1
        let stages = (0..<stageCount).map { index in
            let members = ordered.filter { level[$0.key] == index }
            return BundleSchedule.Stage(
                items: members.map(\.key), departments: Array(Set(members.map(\.frame.department.value))).sorted())
        }
        let total = finish.values.max() ?? 0
        var path: [String] = []
        // The last item to finish, latest in order, so a 0-day item ending the chain counts.
        var current = ordered.last { finish[$0.key] == total }?.key
        while let key = current {
            path.insert(key, at: 0)
            let needs = predecessors[key] ?? []
            let latest = needs.compactMap { finish[$0] }.max()
            current = ordered.last { needs.contains($0.key) && finish[$0.key] == latest }?.key
        }
        let edges = ordered.flatMap { item in
            (predecessors[item.key] ?? []).map { (from: $0, to: item.key) }
        }
        return BundleSchedule(stages: stages, criticalPath: path, totalWorkingDays: total, edges: edges)
    }
}
