#if PostgreSQL
    import CreditCore
    import Foundation
    import Logging
    import PostgresNIO

    /// What `verify` reads of one slice of persons (``PersonSlice``), in its snapshot.
    extension PostgresLedger {
        /// Ranges of persons of about `entriesPerSlice` entries each, in the server's order of ids.
        static func personRanges(
            on connection: some PostgresQueryRunner, entriesPerSlice: Int, logger: Logger
        ) async throws -> [PersonRange] {
            var cutter = PersonRange.Cutter(entriesPerSlice: entriesPerSlice)
            for try await (person, entries) in try await connection.run(
                "SELECT person_id, count(*)::bigint FROM entries GROUP BY person_id ORDER BY person_id", logger: logger
            ).decode((String, Int).self) {
                cutter.add(PersonID(person), entries: entries)
            }
            return cutter.finish()
        }

        static func slice(
            _ range: PersonRange, on connection: some PostgresQueryRunner, logger: Logger
        ) async throws -> PersonSlice {
            let filter = PersonFilter.within(range)
            let credits = try await standingCredits(
                """
                SELECT id, person_id, module_id, hours, form, occurred_at, source FROM entries
                WHERE reverses IS NULL AND \("person_id", matches: filter)
                """, on: connection, logger: logger)
            // Reversals by the person of the credit they cancel, so each falls in its credit's slice.
            var reversals: [PersonSlice.Reversal] = []
            for try await (id, occurredAt, target, person) in try await connection.run(
                """
                SELECT r.id, r.occurred_at, r.reverses, c.person_id FROM entries c JOIN entries r ON r.reverses = c.id
                WHERE \("c.person_id", matches: filter)
                """, logger: logger
            ).decode((String, Int, String, String).self) {
                reversals.append(
                    PersonSlice.Reversal(
                        id: EntryID(id), occurredAt: PostgresRowCoding.date(occurredAt), target: EntryID(target),
                        targetPerson: PersonID(person)))
            }
            return PersonSlice(
                credits: credits, reversals: reversals,
                stored: try await materialised(matching: filter, on: connection, logger: logger),
                routes: try await routes(matching: filter, on: connection, logger: logger),
                persons: try await persons(on: connection, matching: filter, logger: logger),
                personEvents: try await personEvents(matching: filter, on: connection, logger: logger))
        }
    }
#endif
