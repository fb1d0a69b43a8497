#if PostgreSQL
    import CreditCore
    import Foundation
    import PostgresNIO

    extension PostgresLedger {
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
                        if try await isRedundant(request, connection) { continue }
                        // The upserts lock the counter rows until COMMIT: a concurrent issuer waits and
                        // then takes the next number, so no number is ever handed out twice.
                        let number = try await nextValue(
                            """
                            INSERT INTO document_counters (year, last) VALUES (\(request.year), 1)
                            ON CONFLICT (year) DO UPDATE SET last = document_counters.last + 1 RETURNING last
                            """, connection)
                        let seriesNumber = try await nextValue(
                            """
                            INSERT INTO document_series_counters (kind, year, last)
                            VALUES (\(request.kind.rawValue), \(request.year), 1)
                            ON CONFLICT (kind, year) DO UPDATE SET last = document_series_counters.last + 1
                            RETURNING last
                            """, connection)
                        let document = IssuedDocument(request: request, number: number, seriesNumber: seriesNumber)
                        let content = request.content
                        try await connection.query(
                            """
                            INSERT INTO documents (registration_number, year, number, kind, route_id, person_id, hours,
                                issued_at, cancels, series_number, program_id, program_title, program_hours,
                                completed_at, verification_code, reason, operator)
                            VALUES (\(document.registrationNumber), \(request.year), \(number), \(request.kind.rawValue),
                                \(request.route.rawValue), \(request.person.rawValue), \(request.hours.value),
                                \(PostgresRowCoding.seconds(request.issuedAt)), \(request.cancels), \(seriesNumber),
                                \(content?.program.rawValue), \(content?.programTitle), \(content?.programHours.value),
                                \(content?.completedAt.map(PostgresRowCoding.seconds)), \(request.verificationCode),
                                \(request.reason), \(request.operator))
                            """, logger: logger)
                        for (position, module) in (content?.modules ?? []).enumerated() {
                            try await connection.query(
                                """
                                INSERT INTO document_modules (registration_number, position, module_id, title, form,
                                    hours, occurred_at, entry_id)
                                VALUES (\(document.registrationNumber), \(position + 1), \(module.module.rawValue),
                                    \(module.title), \(module.form.rawValue), \(module.hours.value),
                                    \(PostgresRowCoding.seconds(module.occurredAt)), \(module.entry.rawValue))
                                """, logger: logger)
                        }
                        issued.append(document)
                    }
                    return issued
                }
            }
        }

        /// Whether the request would give a route a second valid document of its kind, or cancel a
        /// document already cancelled.
        private func isRedundant(_ request: DocumentRequest, _ connection: PostgresConnection) async throws -> Bool {
            let query: PostgresQuery
            if request.kind == .cancellation {
                guard let cancels = request.cancels else { return false }
                query = """
                    SELECT EXISTS (SELECT 1 FROM documents WHERE kind = 'cancellation' AND cancels = \(cancels))
                    """
            } else {
                query = """
                    SELECT EXISTS (
                        SELECT 1 FROM documents d
                        WHERE d.kind = \(request.kind.rawValue) AND d.route_id = \(request.route.rawValue)
                        AND NOT EXISTS (SELECT 1 FROM documents c
                            WHERE c.kind = 'cancellation' AND c.cancels = d.registration_number))
                    """
            }
            var holds = false
            for try await exists in try await connection.query(query, logger: logger).decode(Bool.self) {
                holds = exists
            }
            return holds
        }

        /// The value an upsert `… RETURNING last` gives.
        private func nextValue(_ query: PostgresQuery, _ connection: PostgresConnection) async throws -> Int {
            var value = 0
            for try await last in try await connection.query(query, logger: logger).decode(Int.self) { value = last }
            return value
        }

        /// The advisory lock issuers of documents take in turn (a constant of this program).
        static let documentsLock: Int64 = 0x4D42_444F_4353  // "MBDOCS"

        public func documents(person: PersonID?) async throws -> [IssuedDocument] {
            try await reporting {
                try await Self.documents(on: client, matching: person.map { .only($0) } ?? .everyone, logger: logger)
            }
        }

        /// Issued documents, all or one person's, in the order they were issued, read through `connection`.
        static func documents(
            on connection: some PostgresQueryRunner, matching filter: PersonFilter = .everyone, logger: Logger
        ) async throws -> [IssuedDocument] {
            var modules: [String: [DocumentModule]] = [:]
            for try await (number, moduleID, title, form, hours, occurredAt, entry) in try await connection.run(
                """
                SELECT registration_number, module_id, title, form, hours, occurred_at, entry_id
                FROM document_modules WHERE registration_number IN (
                    SELECT registration_number FROM documents WHERE \("person_id", matches: filter))
                ORDER BY registration_number, position
                """, logger: logger
            ).decode((String, String, String, String, Int, Int, String).self) {
                modules[number, default: []].append(
                    DocumentModule(
                        module: ModuleID(moduleID), title: title, form: StudyForm(rawValue: form) ?? .distance,
                        hours: CreditHours(hours), occurredAt: PostgresRowCoding.date(occurredAt),
                        entry: EntryID(entry)))
            }
            var documents: [IssuedDocument] = []
            for try await row in try await connection.run(
                """
                SELECT registration_number, year, number, kind, route_id, person_id, hours, issued_at, cancels,
                    series_number, program_id, program_title, program_hours, completed_at, verification_code,
                    reason, operator
                FROM documents WHERE \("person_id", matches: filter) ORDER BY year, number
                """, logger: logger
            ) {
                let (registrationNumber, year, number, kind, route, person, hours, issuedAt, cancels) =
                    try row.decode((String, Int, Int, String, String, String, Int, Int, String?).self)
                let (seriesNumber, program, programTitle, programHours, completedAt, code, reason, who) =
                    try row.makeRandomAccess().decodeDocumentTail()
                let series = seriesNumber ?? number
                documents.append(
                    IssuedDocument(
                        request: DocumentRequest(
                            kind: DocumentRequest.Kind(rawValue: kind) ?? .certificate, route: RouteID(route),
                            person: PersonID(person), hours: CreditHours(hours),
                            issuedAt: PostgresRowCoding.date(issuedAt), year: year, cancels: cancels,
                            prefix: IssuedDocument.prefix(of: registrationNumber, year: year, seriesNumber: series),
                            content: program.map {
                                DocumentContent(
                                    program: ProgramID($0), programTitle: programTitle ?? $0,
                                    programHours: CreditHours(programHours ?? 0),
                                    completedAt: completedAt.map(PostgresRowCoding.date),
                                    modules: modules[registrationNumber] ?? [])
                            },
                            verificationCode: code, reason: reason, operator: who),
                        number: number, seriesNumber: series, registrationNumber: registrationNumber))
            }
            return documents
        }
    }

    extension PostgresRandomAccessRow {
        /// The columns the documents migration added, by name.
        fileprivate func decodeDocumentTail() throws -> (
            Int?, String?, String?, Int?, Int?, String?, String?, String?
        ) {
            (
                try self["series_number"].decode(Int?.self), try self["program_id"].decode(String?.self),
                try self["program_title"].decode(String?.self), try self["program_hours"].decode(Int?.self),
                try self["completed_at"].decode(Int?.self), try self["verification_code"].decode(String?.self),
                try self["reason"].decode(String?.self), try self["operator"].decode(String?.self)
            )
        }
    }
#endif
