#if PostgreSQL
    import CreditCore
    import Foundation
    import PostgresNIO

    extension PostgresLedger {
        public func recordFindings(_ sighting: FindingSighting) async throws -> FindingsRecorded {
            try await reporting {
                try await client.withTransaction(logger: logger) { connection in
                    var held: [FindingHistoryChanges.Held] = []
                    // Locked, so that two writers of one site's findings take turns.
                    for try await (id, kind, subject, state) in try await connection.query(
                        """
                        SELECT id, kind, subject, state FROM findings WHERE site = \(sighting.site.rawValue)
                        ORDER BY id FOR UPDATE
                        """, logger: logger
                    ).decode((Int, String, String, String).self) {
                        guard let kind = FindingKind(rawValue: kind), let state = RecordedFinding.State(rawValue: state)
                        else { continue }
                        held.append(
                            .init(
                                id: id, key: FindingKey(kind: kind, site: sighting.site, subject: subject), state: state
                            ))
                    }
                    let changes = FindingHistoryChanges(sighting, held: held)
                    let at = PostgresRowCoding.seconds(sighting.at)
                    for finding in changes.added {
                        try await connection.query(
                            """
                            INSERT INTO findings (kind, site, subject, detail_ru, detail_en, person_id, course,
                                user_name, module_id, first_run, first_at, last_run, last_at, opened_at, state)
                            VALUES (\(finding.key.kind.rawValue), \(finding.key.site.rawValue), \(finding.key.subject),
                                \(finding.detail.ru), \(finding.detail.en), \(finding.person?.rawValue), \(finding.course),
                                \(finding.user), \(finding.module?.rawValue), \(sighting.run), \(at), \(sighting.run),
                                \(at), \(at), 'open')
                            """, logger: logger)
                    }
                    for seen in changes.seenAgain {
                        let finding = seen.observation
                        try await connection.query(
                            """
                            UPDATE findings SET detail_ru = \(finding.detail.ru), detail_en = \(finding.detail.en),
                                person_id = COALESCE(\(finding.person?.rawValue)::text, person_id),
                                course = COALESCE(\(finding.course)::text, course),
                                user_name = COALESCE(\(finding.user)::text, user_name),
                                module_id = COALESCE(\(finding.module?.rawValue)::text, module_id),
                                last_run = \(sighting.run), last_at = \(at)
                            WHERE id = \(seen.id)
                            """, logger: logger)
                        if seen.reopens {
                            try await connection.query(
                                """
                                UPDATE findings SET state = 'open', opened_at = \(at), acknowledged_by = NULL,
                                    acknowledged_reason = NULL, acknowledged_at = NULL, resolved_run = NULL,
                                    resolved_at = NULL
                                WHERE id = \(seen.id)
                                """, logger: logger)
                        }
                    }
                    if !changes.resolved.isEmpty {
                        try await connection.query(
                            """
                            UPDATE findings SET state = 'resolved', resolved_run = \(sighting.run), resolved_at = \(at)
                            WHERE id = ANY(\(changes.resolved))
                            """, logger: logger)
                    }
                    return changes.outcome
                }
            }
        }

        public func findings(_ filter: FindingFilter) async throws -> [RecordedFinding] {
            if filter.states?.isEmpty == true { return [] }
            let states = (filter.states ?? Set(RecordedFinding.State.allCases)).map(\.rawValue).sorted()
            let since = filter.openedSince.map(PostgresRowCoding.seconds)
            return try await reporting {
                var findings: [RecordedFinding] = []
                for try await row in try await client.query(
                    """
                    SELECT id, kind, site, subject, detail_ru, detail_en, person_id, course, user_name, module_id,
                        first_run, first_at, last_run, last_at, opened_at, state, acknowledged_by,
                        acknowledged_reason, acknowledged_at, resolved_run, resolved_at
                    FROM findings
                    WHERE (\(filter.id)::bigint IS NULL OR id = \(filter.id))
                        AND state = ANY(\(states))
                        AND (\(filter.site?.rawValue)::text IS NULL OR site = \(filter.site?.rawValue))
                        AND (\(filter.kind?.rawValue)::text IS NULL OR kind = \(filter.kind?.rawValue))
                        AND (\(since)::bigint IS NULL OR opened_at >= \(since))
                    ORDER BY id
                    """, logger: logger
                ) {
                    if let finding = try Self.finding(row.makeRandomAccess()) { findings.append(finding) }
                }
                return findings
            }
        }

        public func acknowledgeFinding(id: Int, by login: String, reason: String, at: Date) async throws -> Bool {
            try await reporting {
                try await first(
                    Int.self,
                    """
                    UPDATE findings SET state = 'acknowledged', acknowledged_by = \(login),
                        acknowledged_reason = \(reason), acknowledged_at = \(PostgresRowCoding.seconds(at))
                    WHERE id = \(id) AND state = 'open' RETURNING id
                    """) != nil
            }
        }

        public func findingsQueueVisit(login: String) async throws -> FindingsQueueVisit? {
            try await reporting {
                var visit: FindingsQueueVisit?
                for try await (visited, previous) in try await client.query(
                    "SELECT visited_at, previous_at FROM findings_queue_visits WHERE login = \(login)", logger: logger
                ).decode((Int, Int?).self) {
                    visit = FindingsQueueVisit(
                        lastSeenAt: PostgresRowCoding.date(visited), previousAt: previous.map(PostgresRowCoding.date))
                }
                return visit
            }
        }

        public func recordFindingsQueueVisit(_ visit: FindingsQueueVisit, login: String) async throws {
            try await reporting {
                _ = try await client.query(
                    """
                    INSERT INTO findings_queue_visits (login, visited_at, previous_at)
                    VALUES (\(login), \(PostgresRowCoding.seconds(visit.lastSeenAt)),
                        \(visit.previousAt.map(PostgresRowCoding.seconds)))
                    ON CONFLICT (login) DO UPDATE SET visited_at = excluded.visited_at, previous_at = excluded.previous_at
                    """, logger: logger)
            }
        }

        private static func finding(_ row: PostgresRandomAccessRow) throws -> RecordedFinding? {
            guard let kind = FindingKind(rawValue: try row["kind"].decode(String.self)),
                let state = RecordedFinding.State(rawValue: try row["state"].decode(String.self))
            else { return nil }
            var acknowledgement: RecordedFinding.Acknowledgement?
            if let by = try row["acknowledged_by"].decode(String?.self),
                let at = try row["acknowledged_at"].decode(Int?.self)
            {
                acknowledgement = .init(
                    by: by, reason: try row["acknowledged_reason"].decode(String?.self) ?? "",
                    at: PostgresRowCoding.date(at))
            }
            var resolution: RecordedFinding.Resolution?
            if let run = try row["resolved_run"].decode(String?.self), let at = try row["resolved_at"].decode(Int?.self)
            {
                resolution = .init(run: run, at: PostgresRowCoding.date(at))
            }
            return RecordedFinding(
                id: try row["id"].decode(Int.self),
                key: FindingKey(
                    kind: kind, site: SiteID(try row["site"].decode(String.self)),
                    subject: try row["subject"].decode(String.self)),
                detail: LocalizedText(
                    ru: try row["detail_ru"].decode(String.self), en: try row["detail_en"].decode(String.self)),
                person: try row["person_id"].decode(String?.self).map { PersonID($0) },
                course: try row["course"].decode(String?.self), user: try row["user_name"].decode(String?.self),
                module: try row["module_id"].decode(String?.self).map { ModuleID($0) },
                firstSeenRun: try row["first_run"].decode(String.self),
                firstSeenAt: PostgresRowCoding.date(try row["first_at"].decode(Int.self)),
                lastSeenRun: try row["last_run"].decode(String.self),
                lastSeenAt: PostgresRowCoding.date(try row["last_at"].decode(Int.self)),
                openedAt: PostgresRowCoding.date(try row["opened_at"].decode(Int.self)), state: state,
                acknowledgement: acknowledgement, resolution: resolution)
        }
    }
#endif
