/// The items and the preconditions between them. They must form a DAG: a cycle means no
/// item on it can ever be handled first.
struct PreconditionGraph {
    let items: [ItemFrame]
    let symbols: CatalogSymbols

    /// Reports each cycle once, naming every item on it in order, at the edge that closes it.
    func reportCycles(to diagnostics: DiagnosticCollector) {
        enum Mark { case visiting, done }
        var marks: [String: Mark] = [:]
        var stack: [(key: String, edge: Located<String>?)] = []
        var reported: Set<[String]> = []

        // Iterative depth-first search: a hostile catalog's 1,000-item chain must not
        // exhaust the stack.
        for start in items {
            guard marks[start.key.value] == nil else { continue }
            var work: [(key: String, edge: Located<String>?, next: Int)] = [(start.key.value, nil, 0)]
            marks[start.key.value] = .visiting
            stack.append((start.key.value, nil))
            while !work.isEmpty {
                let top = work.count - 1
                let key = work[top].key
                let preconditions = symbols.items[key]?.preconditions ?? []
                if work[top].next >= preconditions.count {
                    marks[key] = .done
                    work.removeLast()
                    stack.removeLast()
                    continue
                }
                let edge = preconditions[work[top].next]
                work[top].next += 1
                guard symbols.items[edge.value] != nil else { continue }
                switch marks[edge.value] {
                case .visiting:
                    report(closing: edge, stack: stack, reported: &reported, diagnostics: diagnostics)
                case .done:
                    continue
                case nil:
                    marks[edge.value] = .visiting
                    work.append((edge.value, edge, 0))
                    stack.append((edge.value, edge))
                }
            }
        }
    }

    private func report(
        closing edge: Located<String>, stack: [(key: String, edge: Located<String>?)],
        reported: inout Set<[String]>, diagnostics: DiagnosticCollector
    ) {
        guard let start = stack.lastIndex(where: { $0.key == edge.value }) else { return }
        let cycle = Array(stack[start...])
        let members = cycle.map(\.key)
        // The same cycle found from another entry point is the same problem.
        let canonical = rotatedToSmallest(members)
        guard reported.insert(canonical).inserted else { return }
        let path = (members + [edge.value]).map { "`\($0)`" }.joined(separator: " → ")
        var notes: [Diagnostic.Note] = []
        for (index, entry) in cycle.enumerated() {
            let next = index + 1 < cycle.count ? cycle[index + 1] : nil
            if let next, let place = next.edge {
                notes.append(.init("`\(entry.key)` needs `\(next.key)` first", at: place.location))
            }
        }
        diagnostics.report(
            .preconditionCycle,
            members.count == 1
                ? "item `\(edge.value)` lists itself as its own precondition"
                : "preconditions form a cycle of \(members.count) items: \(path)",
            at: edge.location, notes: notes)
    }

    private func rotatedToSmallest(_ members: [String]) -> [String] {
        guard let smallest = members.indices.min(by: { members[$0] < members[$1] }) else { return members }
        return Array(members[smallest...] + members[..<smallest])
    }
}
