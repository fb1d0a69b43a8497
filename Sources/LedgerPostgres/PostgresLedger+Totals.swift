#if PostgreSQL
    import CreditCore
    import Foundation
    import PostgresNIO

    extension PostgresLedger {
        /// Credits that no reversal cancels, one per person and module.
        static let liveModules = """
            SELECT e.person_id, e.module_id, MAX(e.hours) AS hours
            FROM entries e
            WHERE e.kind = 'credit'
              AND NOT EXISTS (SELECT 1 FROM entries r WHERE r.reverses = e.id)
            GROUP BY e.person_id, e.module_id
            """

        public func personTotals() async throws -> [PersonTotal] {
            try await reporting {
                var totals: [PersonTotal] = []
                for try await (person, modules, hours) in try await client.query(
                    """
                    SELECT person_id, COUNT(*), SUM(hours)
                    FROM (\(unescaped: Self.liveModules)) live
                    GROUP BY person_id ORDER BY person_id COLLATE "C"
                    """, logger: logger
                ).decode((String, Int, Int).self) {
                    totals.append(PersonTotal(person: PersonID(person), modules: modules, hours: CreditHours(hours)))
                }
                return totals
            }
        }

        public func monthlyTotals(utcOffsetSeconds: Int) async throws -> [MonthlyTotal] {
            try await reporting {
                var totals: [MonthlyTotal] = []
                for try await (month, form, category, learners, credits, hours) in try await client.query(
                    """
                    SELECT * FROM (
                        SELECT to_char(to_timestamp(e.occurred_at + \(utcOffsetSeconds)) AT TIME ZONE 'UTC', 'YYYY-MM') AS month,
                            e.form, COALESCE(p.category, 'teacher') AS category,
                            COUNT(DISTINCT e.person_id), COUNT(*), SUM(e.hours)
                        FROM entries e LEFT JOIN persons p ON p.id = e.person_id
                        WHERE e.kind = 'credit' AND NOT EXISTS (SELECT 1 FROM entries r WHERE r.reverses = e.id)
                        GROUP BY 1, 2, 3
                    ) totals
                    ORDER BY month COLLATE "C", form COLLATE "C", category COLLATE "C"
                    """, logger: logger
                ).decode((String, String, String, Int, Int, Int).self) {
                    guard let month = YearMonth(month), let form = StudyForm(rawValue: form),
                        let category = LearnerCategory(rawValue: category)
                    else { continue }
                    totals.append(
                        MonthlyTotal(
                            month: month, form: form, category: category, learners: learners, credits: credits,
                            hours: CreditHours(hours)))
                }
                return totals
            }
        }
    }
#endif
