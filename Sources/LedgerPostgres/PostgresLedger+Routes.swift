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
                let columns = "id, person_id, program_id, start, deadline, status, hours, completed_at"
                let order = "ORDER BY person_id COLLATE \"C\", start, id COLLATE \"C\""
                let query: PostgresQuery =
                    if let person {
                        "SELECT \(unescaped: columns) FROM routes WHERE person_id = \(person.rawValue) \(unescaped: order)"
                    } else {
                        "SELECT \(unescaped: columns) FROM routes \(unescaped: order)"
                    }
                var routes: [StoredRoute] = []
                for try await (id, person, program, start, deadline, status, hours, completedAt)
                    in try await client.query(
                        query, logger: logger
                    ).decode((String, String, String, Int, Int, String, Int, Int?).self)
                {
                    routes.append(
                        StoredRoute(
                            route: Route(
                                id: RouteID(id), person: PersonID(person), program: ProgramID(program),
                                start: PostgresRowCoding.date(start), deadline: PostgresRowCoding.date(deadline)),
                            status: RouteProgress.Status(rawValue: status) ?? .open, hoursCredited: CreditHours(hours),
                            completedAt: completedAt.map(PostgresRowCoding.date)))
                }
                return routes
            }
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

        public func issueDocuments(_ requests: [DocumentRequest]) async throws -> [IssuedDocument] {
            guard !requests.isEmpty else { return [] }
            return try await reporting {
                try await client.withTransaction(logger: logger) { connection in
                    // Issuers take turns for the whole transaction, so the check below sees every
                    // document a concurrent issuer wrote before it.
                    try await connection.query(
                        "SELECT pg_advisory_xact_lock(\(Self.documentsLock))", logger: logger)
                    var issued: [IssuedDocument] = []
                    for request in requests {
                        if request.kind != .cancellation {
                            var holds = false
                            for try await exists in try await connection.query(
                                """
                                SELECT EXISTS (
                                    SELECT 1 FROM documents d
                                    WHERE d.kind = \(request.kind.rawValue) AND d.route_id = \(request.route.rawValue)
                                    AND NOT EXISTS (SELECT 1 FROM documents c
                                        WHERE c.kind = 'cancellation' AND c.cancels = d.registration_number))
                                """, logger: logger
                            ).decode(Bool.self) {
                                holds = exists
                            }
                            if holds { continue }
                        }
                        // The upsert locks the year's counter row until COMMIT: a concurrent issuer
                        // waits and then takes the next number, so no number is ever handed out twice.
                        var number = 0
                        for try await last in try await connection.query(
                            """
                            INSERT INTO document_counters (year, last) VALUES (\(request.year), 1)
                            ON CONFLICT (year) DO UPDATE SET last = document_counters.last + 1 RETURNING last
                            """, logger: logger
                        ).decode(Int.self) {
                            number = last
                        }
                        let document = IssuedDocument(request: request, number: number)
                        try await connection.query(
                            """
                            INSERT INTO documents (registration_number, year, number, kind, route_id, person_id, hours,
                                issued_at, cancels)
                            VALUES (\(document.registrationNumber), \(request.year), \(number), \(request.kind.rawValue),
                                \(request.route.rawValue), \(request.person.rawValue), \(request.hours.value),
                                \(PostgresRowCoding.seconds(request.issuedAt)), \(request.cancels))
                            """, logger: logger)
                        issued.append(document)
                    }
                    return issued
                }
            }
        }

        /// The advisory lock issuers of documents take in turn (a constant of this program).
        static let documentsLock: Int64 = 0x4D42_444F_4353  // "MBDOCS"

        public func documents() async throws -> [IssuedDocument] {
            try await reporting {
                var documents: [IssuedDocument] = []
                for try await (year, number, kind, route, person, hours, issuedAt, cancels) in try await client.query(
                    """
                    SELECT year, number, kind, route_id, person_id, hours, issued_at, cancels
                    FROM documents ORDER BY year, number
                    """, logger: logger
                ).decode((Int, Int, String, String, String, Int, Int, String?).self) {
                    documents.append(
                        IssuedDocument(
                            request: DocumentRequest(
                                kind: DocumentRequest.Kind(rawValue: kind) ?? .certificate, route: RouteID(route),
                                person: PersonID(person), hours: CreditHours(hours),
                                issuedAt: PostgresRowCoding.date(issuedAt), year: year, cancels: cancels),
                            number: number))
                }
                return documents
            }
        }
    }
#endif
