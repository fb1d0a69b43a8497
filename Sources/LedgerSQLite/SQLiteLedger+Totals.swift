import CreditCore
import Foundation
import GRDB

extension SQLiteLedger {
    /// Credits that no reversal cancels, one per person and module.
    static let liveModules = """
        SELECT e.person_id, e.module_id, MAX(e.hours) AS hours
        FROM entries e
        WHERE e.kind = 'credit'
          AND NOT EXISTS (SELECT 1 FROM entries r WHERE r.reverses = e.id)
        GROUP BY e.person_id, e.module_id
        """

    public func personTotals() async throws -> [PersonTotal] {
        try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT person_id, COUNT(*) AS modules, SUM(hours) AS hours
                    FROM (\(Self.liveModules)) GROUP BY person_id ORDER BY person_id
                    """
            ).map {
                PersonTotal(
                    person: PersonID($0["person_id"] as String), modules: $0["modules"],
                    hours: CreditHours($0["hours"] as Int))
            }
        }
    }

    public func monthlyTotals(utcOffsetSeconds: Int) async throws -> [MonthlyTotal] {
        try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT strftime('%Y-%m', e.occurred_at + ?, 'unixepoch') AS month, e.form,
                        COALESCE(p.category, 'teacher') AS category,
                        COUNT(DISTINCT e.person_id) AS learners, COUNT(*) AS credits, SUM(e.hours) AS hours
                    FROM entries e LEFT JOIN persons p ON p.id = e.person_id
                    WHERE e.kind = 'credit' AND NOT EXISTS (SELECT 1 FROM entries r WHERE r.reverses = e.id)
                    GROUP BY month, e.form, category ORDER BY month, e.form, category
                    """, arguments: [utcOffsetSeconds]
            ).compactMap { row in
                guard let month = YearMonth(row["month"] as String), let form = StudyForm(rawValue: row["form"]),
                    let category = LearnerCategory(rawValue: row["category"])
                else { return nil }
                return MonthlyTotal(
                    month: month, form: form, category: category, learners: row["learners"],
                    credits: row["credits"], hours: CreditHours(row["hours"] as Int))
            }
        }
    }
}
