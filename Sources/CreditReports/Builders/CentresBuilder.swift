import CreditCore
import Foundation

/// Builds the centres report: per methodical centre, the learners credited, their hours (each module
/// once per learner) and their routes by status.
public struct CentresBuilder: Sendable {
    public init() {}

    static let columns = [
        ReportColumn("centre", ru: "ММЦ", en: "Centre", width: 14),
        ReportColumn("name", ru: "Наименование", en: "Name", width: 50),
        ReportColumn("learners", ru: "Слушателей", en: "Learners", width: 12),
        ReportColumn("credits", ru: "Зачтено модулей", en: "Modules credited", width: 12),
        ReportColumn("hours", ru: "Часов", en: "Hours", width: 10),
        ReportColumn("completed", ru: "ИОМ завершено", en: "Routes completed", width: 12),
        ReportColumn("open", ru: "ИОМ в процессе", en: "Routes open", width: 12),
        ReportColumn("expired", ru: "ИОМ с истёкшим сроком", en: "Routes expired", width: 12),
    ]

    private struct Tally {
        var learners: Set<PersonID> = []
        var modules = 0
        var hours = CreditHours.zero
        var routes: [RouteProgress.Status: Int] = [:]
    }

    /// One row per centre of the mapping (and one for learners in none, when there are any), and a
    /// total row.
    public func build(
        snapshot: LedgerSnapshot, context: ReportContext, filter: ReportFilter = ReportFilter()
    ) -> ReportTable {
        let persons = snapshot.personByID
        var tallies: [CentreID?: Tally] = [:]
        for id in snapshot.projection.persons {
            let person = persons[id]
            guard filter.includes(person, id: id) else { continue }
            let credits = snapshot.projection.standingCredits(of: id).filter {
                $0.occurredAt <= context.asOf && filter.includes(source: $0.source)
                    && filter.includes(context.day($0.occurredAt))
            }
            guard !credits.isEmpty else { continue }
            // Each module once per learner, as the projection counts it.
            let standing = PersonStanding(person: id, standingCredits: credits)
            var tally = tallies[person?.centre] ?? Tally()
            tally.learners.insert(id)
            tally.modules += standing.modules.count
            tally.hours = tally.hours + standing.hours
            tallies[person?.centre] = tally
        }
        for stored in snapshot.routes(at: context) {
            let person = persons[stored.route.person]
            guard filter.includes(person, id: stored.route.person) else { continue }
            if stored.status == .completed, !filter.includes(stored.completedAt.map(context.day)) { continue }
            if stored.status == .expired, !filter.includes(context.lastDay(of: stored.route)) { continue }
            tallies[person?.centre, default: Tally()].routes[stored.status, default: 0] += 1
        }
        var keys: [CentreID?] = context.mapping.organisation.centres.map(\.id)
            .filter { filter.centre == nil || $0 == filter.centre }
        keys += tallies.keys.filter { key in !keys.contains(key) }.sorted {
            ($0?.rawValue ?? "\u{10FFFF}") < ($1?.rawValue ?? "\u{10FFFF}")
        }
        var total = Tally()
        var rows: [[ReportCell]] = []
        for key in keys {
            let tally = tallies[key] ?? Tally()
            total.learners.formUnion(tally.learners)
            total.modules += tally.modules
            total.hours = total.hours + tally.hours
            for (status, count) in tally.routes { total.routes[status, default: 0] += count }
            let name: ReportCell =
                key.map { .text(context.name(of: $0)) } ?? .label(LocalizedText(ru: "без ММЦ", en: "no centre"))
            rows.append(cells(id: .text(key?.rawValue ?? "—"), name: name, tally))
        }
        let totals = [cells(id: .label(LocalizedText(ru: "Итого", en: "Total")), name: .empty, total)]
        return ReportTable(
            kind: .centres,
            title: LocalizedText(ru: "Обучение по методическим центрам", en: "Training by methodical centre"),
            sheetName: LocalizedText(ru: "ММЦ", en: "Centres"), columns: Self.columns, rows: rows,
            totals: totals,
            summary: [
                .init("learners", ru: "Слушателей", en: "Learners", value: .integer(total.learners.count)),
                .init("hours", ru: "Часов", en: "Hours", value: .hours(total.hours)),
            ])
    }

    private func cells(id: ReportCell, name: ReportCell, _ tally: Tally) -> [ReportCell] {
        [
            id, name, .integer(tally.learners.count), .integer(tally.modules), .hours(tally.hours),
            .integer(tally.routes[.completed] ?? 0), .integer(tally.routes[.open] ?? 0),
            .integer(tally.routes[.expired] ?? 0),
        ]
    }
}
