#if PostgreSQL
    import CreditCore
    import Foundation
    import PostgresNIO

    /// Reading the standing state the ledger keeps beside its entries (``PostgresStandingSchema``).
    extension PostgresLedger {
        public func standingCredits(person: PersonID?) async throws -> [StandingCredit] {
            try await reporting {
                let query: PostgresQuery =
                    if let person {
                        "SELECT \(unescaped: Self.standingColumns) FROM standing_credits WHERE person_id = \(person.rawValue)"
                    } else {
                        "SELECT \(unescaped: Self.standingColumns) FROM standing_credits"
                    }
                return try await Self.standingCredits(query, on: client, logger: logger)
            }
        }

        public func siteCredits(site: SiteID) async throws -> [String: StandingCredit] {
            let prefix = "moodle|\(site.rawValue)|"
            return try await reporting {
                var credits: [String: StandingCredit] = [:]
                for try await (entry, person, module, hours, form, occurredAt, source, key) in try await client.query(
                    """
                    SELECT s.entry_id, s.person_id, s.module_id, s.hours, s.form, s.occurred_at, s.source, e.idempotency_key
                    FROM standing_credits s JOIN entries e ON e.id = s.entry_id
                    WHERE starts_with(s.source, \(prefix))
                    """, logger: logger
                ).decode((String, String, String, Int, String, Int, String, String).self) {
                    credits[key] = StandingCredit(
                        entry: EntryID(entry), person: PersonID(person), module: ModuleID(module),
                        hours: CreditHours(hours), form: StudyForm(rawValue: form) ?? .distance,
                        occurredAt: PostgresRowCoding.date(occurredAt), source: EntrySource(canonicalText: source))
                }
                return credits
            }
        }

        public func standingTotals() async throws -> [PersonTotal] {
            try await reporting { try await Self.standingTotals(matching: .everyone, on: client, logger: logger) }
        }

        public func standingMonths() async throws -> StandingMonths {
            try await reporting { try await Self.standingMonths(matching: .everyone, on: client, logger: logger) }
        }

        public func personsWritten(after count: Int) async throws -> Set<PersonID> {
            try await reporting {
                var persons: Set<PersonID> = []
                for try await person in try await client.query(
                    "SELECT DISTINCT person_id FROM entries WHERE position > \(count)", logger: logger
                ).decode(String.self) {
                    persons.insert(PersonID(person))
                }
                return persons
            }
        }

        public func entries(after count: Int) async throws -> [LedgerEntry] {
            try await reporting {
                var entries: [LedgerEntry] = []
                for try await row in try await client.query(
                    "SELECT \(unescaped: PostgresRowCoding.entryColumns) FROM entries WHERE position > \(count) ORDER BY position",
                    logger: logger)
                {
                    entries.append(try PostgresRowCoding.entry(row))
                }
                return entries
            }
        }

        static let standingColumns = "entry_id, person_id, module_id, hours, form, occurred_at, source"

        /// What the standing tables hold for the persons of `range`, for `verify`.
        static func materialised(
            matching filter: PersonFilter, on connection: some PostgresQueryRunner, logger: Logger
        ) async throws -> MaterialisedStanding {
            MaterialisedStanding(
                credits: try await standingCredits(
                    "SELECT \(unescaped: standingColumns) FROM standing_credits WHERE \("person_id", matches: filter)",
                    on: connection, logger: logger),
                modules: try await standingCredits(
                    "SELECT \(unescaped: standingColumns) FROM standing_modules WHERE \("person_id", matches: filter)",
                    on: connection, logger: logger),
                totals: try await standingTotals(matching: filter, on: connection, logger: logger),
                months: try await standingMonths(matching: filter, on: connection, logger: logger))
        }

        /// The credits of a query whose columns are (entry id, person, module, hours, form, occurred
        /// at, source).
        static func standingCredits(
            _ query: PostgresQuery, on connection: some PostgresQueryRunner, logger: Logger
        ) async throws -> [StandingCredit] {
            var credits: [StandingCredit] = []
            for try await (entry, person, module, hours, form, occurredAt, source) in try await connection.run(
                query, logger: logger
            ).decode((String, String, String, Int, String, Int, String).self) {
                credits.append(
                    StandingCredit(
                        entry: EntryID(entry), person: PersonID(person), module: ModuleID(module),
                        hours: CreditHours(hours), form: StudyForm(rawValue: form) ?? .distance,
                        occurredAt: PostgresRowCoding.date(occurredAt), source: EntrySource(canonicalText: source)))
            }
            return credits
        }

        private static func standingTotals(
            matching filter: PersonFilter, on connection: some PostgresQueryRunner, logger: Logger
        ) async throws
            -> [PersonTotal]
        {
            var totals: [PersonTotal] = []
            for try await (person, modules, hours) in try await connection.run(
                """
                SELECT person_id, modules, hours FROM person_totals WHERE \("person_id", matches: filter)
                ORDER BY person_id COLLATE "C"
                """, logger: logger
            ).decode((String, Int, Int).self) {
                totals.append(PersonTotal(person: PersonID(person), modules: modules, hours: CreditHours(hours)))
            }
            return totals
        }

        private static func standingMonths(
            matching filter: PersonFilter, on connection: some PostgresQueryRunner, logger: Logger
        ) async throws
            -> StandingMonths
        {
            var offset = 0
            for try await value in try await connection.run(
                "SELECT month_utc_offset FROM ledger_settings", logger: logger
            ).decode(Int.self) {
                offset = value
            }
            var rows: [MonthStanding] = []
            for try await (month, form, person, credits, hours) in try await connection.run(
                """
                SELECT month, form, person_id, credits, hours FROM standing_months
                WHERE \("person_id", matches: filter)
                """, logger: logger
            ).decode((String, String, String, Int, Int).self) {
                guard let month = YearMonth(month), let form = StudyForm(rawValue: form) else { continue }
                rows.append(
                    MonthStanding(
                        key: MonthStanding.Key(month: month, form: form, person: PersonID(person)), credits: credits,
                        hours: CreditHours(hours)))
            }
            return StandingMonths(utcOffsetSeconds: offset, rows: rows)
        }
    }

    /// What runs a query: the pool, or one connection inside a transaction.
    protocol PostgresQueryRunner: Sendable {
        func run(_ query: PostgresQuery, logger: Logger) async throws -> PostgresRowSequence
    }

    extension PostgresClient: PostgresQueryRunner {
        func run(_ query: PostgresQuery, logger: Logger) async throws -> PostgresRowSequence {
            try await self.query(query, logger: logger)
        }
    }

    extension PostgresConnection: PostgresQueryRunner {
        func run(_ query: PostgresQuery, logger: Logger) async throws -> PostgresRowSequence {
            try await self.query(query, logger: logger)
        }
    }
#endif
