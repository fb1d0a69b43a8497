#if PostgreSQL
    import CreditCore
    import Foundation
    import PostgresNIO

    extension PostgresLedger {
        public func openRoutes(_ routes: [Route]) async throws {
            guard !routes.isEmpty else { return }
            try await reporting {
                // One statement, so all or nothing without an explicit transaction.
                _ = try await client.query(
                    """
                    INSERT INTO routes (id, person_id, program_id, start, deadline)
                    SELECT * FROM unnest(\(routes.map(\.id.rawValue)), \(routes.map(\.person.rawValue)),
                        \(routes.map(\.program.rawValue)), \(routes.map { PostgresRowCoding.seconds($0.start) }),
                        \(routes.map { PostgresRowCoding.seconds($0.deadline) }))
                    ON CONFLICT (id) DO NOTHING
                    """, logger: logger)
            }
        }

        public func routes(person: PersonID?) async throws -> [StoredRoute] {
            try await reporting {
                try await Self.routes(matching: person.map { .only($0) } ?? .everyone, on: client, logger: logger)
            }
        }

        static func routes(
            matching filter: PersonFilter, on connection: some PostgresQueryRunner, logger: Logger
        ) async throws -> [StoredRoute] {
            var routes: [StoredRoute] = []
            for try await (id, person, program, start, deadline, status, hours, completedAt, automatic)
                in try await connection.run(
                    """
                    SELECT id, person_id, program_id, start, deadline, status, hours, completed_at, automatic FROM routes
                    WHERE \("person_id", matches: filter) ORDER BY person_id COLLATE "C", start, id COLLATE "C"
                    """, logger: logger
                ).decode((String, String, String, Int, Int, String, Int, Int?, Bool).self)
            {
                routes.append(
                    StoredRoute(
                        route: Route(
                            id: RouteID(id), person: PersonID(person), program: ProgramID(program),
                            start: PostgresRowCoding.date(start), deadline: PostgresRowCoding.date(deadline)),
                        status: RouteProgress.Status(rawValue: status) ?? .open, hoursCredited: CreditHours(hours),
                        completedAt: completedAt.map(PostgresRowCoding.date), isAutomatic: automatic))
            }
            return routes
        }

        public func recordVerdicts(_ verdicts: [RouteVerdict]) async throws {
            guard !verdicts.isEmpty else { return }
            try await reporting {
                try await client.withTransaction(logger: logger) { connection in
                    for verdict in verdicts {
                        try await connection.query(
                            """
                            UPDATE routes SET status = \(verdict.status.rawValue), hours = \(verdict.hoursCredited.value),
                                completed_at = \(verdict.completedAt.map(PostgresRowCoding.seconds))
                            WHERE id = \(verdict.route.rawValue)
                            """, logger: logger)
                    }
                }
            }
        }

        public func replaceAutomaticRoutes(of persons: Set<PersonID>, with routes: [Route]) async throws {
            guard !persons.isEmpty else { return }
            let added = routes.filter { persons.contains($0.person) }
            try await reporting {
                try await client.withTransaction(logger: logger) { connection in
                    try await connection.query(
                        """
                        DELETE FROM routes WHERE automatic AND person_id = ANY(\(persons.sorted().map(\.rawValue)))
                            AND NOT (id = ANY(\(added.map(\.id.rawValue))))
                        """, logger: logger)
                    guard !added.isEmpty else { return }
                    try await connection.query(
                        """
                        INSERT INTO routes (id, person_id, program_id, start, deadline, automatic)
                        SELECT *, TRUE FROM unnest(\(added.map(\.id.rawValue)), \(added.map(\.person.rawValue)),
                            \(added.map(\.program.rawValue)), \(added.map { PostgresRowCoding.seconds($0.start) }),
                            \(added.map { PostgresRowCoding.seconds($0.deadline) }))
                        ON CONFLICT (id) DO NOTHING
                        """, logger: logger)
                }
            }
        }
    }
#endif
