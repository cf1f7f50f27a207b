/// The reform figures (`reports/kpi.json`): the share of items with at most one visit, with
/// none, and fully online, and the average promised against statutory limit — for each
/// locality's own practices (before) and for the province standard (after).
public struct ReformFigures: Codable, Sendable {
    public struct Share: Codable, Sendable, Equatable {
        public var count: Int
        public var of: Int
        public var percent: DecimalFigure?

        init(_ count: Int, of total: Int) {
            self.count = count
            self.of = total
            self.percent = Figures.percent(count, of: total)
        }
    }

    public struct Snapshot: Codable, Sendable {
        public var items: Int
        public var atMostOneVisit: Share
        public var zeroVisits: Share
        public var fullyOnline: Share
        public var averagePromisedLimit: DecimalFigure?
        public var averageStatutoryLimit: DecimalFigure?

        enum CodingKeys: String, CodingKey {
            case items
            case atMostOneVisit = "at_most_one_visit"
            case zeroVisits = "zero_visits"
            case fullyOnline = "fully_online"
            case averagePromisedLimit = "average_promised_limit"
            case averageStatutoryLimit = "average_statutory_limit"
        }

        /// Figures over (visits, fully online, promised, statutory) tuples; an item whose
        /// visits are not stated counts in no visit share, and the share's `of` says so.
        init(_ rows: [(visits: Int?, online: Bool, promised: Int, statutory: Int)]) {
            items = rows.count
            let stated = rows.compactMap(\.visits)
            atMostOneVisit = Share(stated.count { $0 <= 1 }, of: stated.count)
            zeroVisits = Share(stated.count { $0 == 0 }, of: stated.count)
            fullyOnline = Share(rows.count(where: \.online), of: rows.count)
            averagePromisedLimit = Figures.average(rows.reduce(0) { $0 + $1.promised }, count: rows.count)
            averageStatutoryLimit = Figures.average(rows.reduce(0) { $0 + $1.statutory }, count: rows.count)
        }
    }

    public struct LocalityFigures: Codable, Sendable {
        public var code: String
        public var name: LocalizedText
        public var figures: Snapshot
    }

    public var standard: Snapshot
    public var localities: [LocalityFigures]

    public init(_ catalog: StandardCatalog) {
        self.init(CatalogSummary(catalog), localities: catalog.localities)
    }

    public init(_ summary: CatalogSummary, localities: [Locality]) {
        standard = Snapshot(
            summary.items.map { ($0.index.visits, $0.fullyOnline, $0.index.promisedLimit, $0.statutoryLimit) })
        var rows: [String: [(visits: Int?, online: Bool, promised: Int, statutory: Int)]] = [:]
        for item in summary.items {
            for practice in item.practices {
                rows[practice.locality, default: []].append(
                    (practice.measures.visits, practice.fullyOnline, practice.measures.promisedLimit ?? item.statutoryLimit,
                     item.statutoryLimit))
            }
        }
        self.localities = localities.map {
            LocalityFigures(code: $0.code.value, name: $0.name, figures: Snapshot(rows[$0.code.value] ?? []))
        }
    }
}
