/// Due dates in working days for an item or a whole bundle, started on a given date.
public enum DueDates {
    /// One item's place in time: when its count starts and when it is due.
    public struct Entry: Sendable, Equatable {
        public var item: String
        public var workingDays: Int
        public var start: CivilDate
        public var due: CivilDate
    }

    public static func item(_ item: StandardItem, from start: CivilDate, calendar: WorkingCalendar) throws(WorkingCalendar.Gap)
        -> Entry
    {
        let limit = item.promisedLimit.value
        return Entry(
            item: item.key, workingDays: limit, start: try calendar.acceptanceDay(start),
            due: try calendar.dueDate(from: start, workingDays: limit))
    }

    /// Every item of a bundle: an item starts when the last item it needs is due, and its
    /// limit counts from there; items that need nothing start on `start`. In bundle order.
    public static func bundle(
        _ bundle: StandardBundle, items: [StandardItem], from start: CivilDate, calendar: WorkingCalendar
    ) throws(WorkingCalendar.Gap) -> [Entry] {
        let byKey = Dictionary(items.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        var entries: [String: Entry] = [:]
        var ordered: [Entry] = []
        for key in bundle.items {
            guard let item = byKey[key] else { continue }
            let needs = bundle.schedule.edges.filter { $0.to == key }.compactMap { entries[$0.from]?.due }
            let begin = needs.max() ?? start
            let limit = item.promisedLimit.value
            let entry = Entry(
                item: key, workingDays: limit, start: try calendar.acceptanceDay(begin),
                due: try calendar.dueDate(from: begin, workingDays: limit))
            entries[key] = entry
            ordered.append(entry)
        }
        return ordered
    }
}
