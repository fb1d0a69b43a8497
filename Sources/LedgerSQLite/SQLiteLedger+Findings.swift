import CreditCore
import Foundation
import GRDB

extension SQLiteLedger {
    public func recordFindings(_ sighting: FindingSighting) async throws -> FindingsRecorded {
        try await writer.writeWithoutTransaction { db in
            var outcome = FindingsRecorded()
            try db.inTransaction(.immediate) {
                let held = try Row.fetchAll(
                    db, sql: "SELECT id, kind, subject, state FROM findings WHERE site = ?",
                    arguments: [sighting.site.rawValue]
                ).compactMap { row -> FindingHistoryChanges.Held? in
                    guard let kind = FindingKind(rawValue: row["kind"]),
                        let state = RecordedFinding.State(rawValue: row["state"])
                    else { return nil }
                    return FindingHistoryChanges.Held(
                        id: row["id"],
                        key: FindingKey(kind: kind, site: sighting.site, subject: row["subject"] as String),
                        state: state)
                }
                let changes = FindingHistoryChanges(sighting, held: held)
                let at = RowCoding.seconds(sighting.at)
                for finding in changes.added {
                    try db.execute(
                        sql: """
                            INSERT INTO findings (kind, site, subject, detail_ru, detail_en, person_id, course,
                                user_name, module_id, first_run, first_at, last_run, last_at, opened_at, state)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open')
                            """,
                        arguments: [
                            finding.key.kind.rawValue, finding.key.site.rawValue, finding.key.subject,
                            finding.detail.ru, finding.detail.en, finding.person?.rawValue, finding.course,
                            finding.user, finding.module?.rawValue, sighting.run, at, sighting.run, at, at,
                        ])
                }
                for seen in changes.seenAgain {
                    let finding = seen.observation
                    try db.execute(
                        sql: """
                            UPDATE findings SET detail_ru = ?, detail_en = ?, person_id = COALESCE(?, person_id),
                                course = COALESCE(?, course), user_name = COALESCE(?, user_name),
                                module_id = COALESCE(?, module_id), last_run = ?, last_at = ?
                            WHERE id = ?
                            """,
                        arguments: [
                            finding.detail.ru, finding.detail.en, finding.person?.rawValue, finding.course,
                            finding.user, finding.module?.rawValue, sighting.run, at, seen.id,
                        ])
                    if seen.reopens {
                        try db.execute(
                            sql: """
                                UPDATE findings SET state = 'open', opened_at = ?, acknowledged_by = NULL,
                                    acknowledged_reason = NULL, acknowledged_at = NULL, resolved_run = NULL,
                                    resolved_at = NULL
                                WHERE id = ?
                                """, arguments: [at, seen.id])
                    }
                }
                for id in changes.resolved {
                    try db.execute(
                        sql: "UPDATE findings SET state = 'resolved', resolved_run = ?, resolved_at = ? WHERE id = ?",
                        arguments: [sighting.run, at, id])
                }
                outcome = changes.outcome
                return .commit
            }
            return outcome
        }
    }

    public func findings(_ filter: FindingFilter) async throws -> [RecordedFinding] {
        try await writer.read { db in
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if let id = filter.id {
                conditions.append("id = ?")
                arguments += [id]
            }
            if let states = filter.states {
                conditions.append("state IN (\(states.map { _ in "?" }.joined(separator: ", ")))")
                arguments += StatementArguments(states.map(\.rawValue).sorted())
            }
            if let site = filter.site {
                conditions.append("site = ?")
                arguments += [site.rawValue]
            }
            if let kind = filter.kind {
                conditions.append("kind = ?")
                arguments += [kind.rawValue]
            }
            if let since = filter.openedSince {
                conditions.append("opened_at >= ?")
                arguments += [RowCoding.seconds(since)]
            }
            // No state matches an empty set.
            if filter.states?.isEmpty == true { return [] }
            let clause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            return try Row.fetchAll(db, sql: "SELECT * FROM findings \(clause) ORDER BY id", arguments: arguments)
                .compactMap(Self.finding)
        }
    }

    public func acknowledgeFinding(id: Int, by login: String, reason: String, at: Date) async throws -> Bool {
        try await writer.write { db in
            try db.execute(
                sql: """
                    UPDATE findings SET state = 'acknowledged', acknowledged_by = ?, acknowledged_reason = ?,
                        acknowledged_at = ?
                    WHERE id = ? AND state = 'open'
                    """, arguments: [login, reason, RowCoding.seconds(at), id])
            return db.changesCount == 1
        }
    }

    public func findingsQueueVisit(login: String) async throws -> FindingsQueueVisit? {
        try await writer.read { db in
            try Row.fetchOne(
                db, sql: "SELECT visited_at, previous_at FROM findings_queue_visits WHERE login = ?", arguments: [login]
            ).map { row in
                FindingsQueueVisit(
                    lastSeenAt: RowCoding.date(row["visited_at"]),
                    previousAt: (row["previous_at"] as Int64?).map(RowCoding.date))
            }
        }
    }

    public func recordFindingsQueueVisit(_ visit: FindingsQueueVisit, login: String) async throws {
        try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO findings_queue_visits (login, visited_at, previous_at) VALUES (?, ?, ?)
                    ON CONFLICT (login) DO UPDATE SET visited_at = excluded.visited_at,
                        previous_at = excluded.previous_at
                    """,
                arguments: [login, RowCoding.seconds(visit.lastSeenAt), visit.previousAt.map(RowCoding.seconds)])
        }
    }

    private static func finding(_ row: Row) -> RecordedFinding? {
        guard let kind = FindingKind(rawValue: row["kind"]), let state = RecordedFinding.State(rawValue: row["state"])
        else { return nil }
        var acknowledgement: RecordedFinding.Acknowledgement?
        if let by = row["acknowledged_by"] as String?, let at = row["acknowledged_at"] as Int64? {
            acknowledgement = .init(
                by: by, reason: (row["acknowledged_reason"] as String?) ?? "", at: RowCoding.date(at))
        }
        var resolution: RecordedFinding.Resolution?
        if let run = row["resolved_run"] as String?, let at = row["resolved_at"] as Int64? {
            resolution = .init(run: run, at: RowCoding.date(at))
        }
        return RecordedFinding(
            id: row["id"], key: FindingKey(kind: kind, site: SiteID(row["site"] as String), subject: row["subject"]),
            detail: LocalizedText(ru: row["detail_ru"], en: row["detail_en"]),
            person: (row["person_id"] as String?).map { PersonID($0) }, course: row["course"], user: row["user_name"],
            module: (row["module_id"] as String?).map { ModuleID($0) }, firstSeenRun: row["first_run"],
            firstSeenAt: RowCoding.date(row["first_at"]), lastSeenRun: row["last_run"],
            lastSeenAt: RowCoding.date(row["last_at"]), openedAt: RowCoding.date(row["opened_at"]), state: state,
            acknowledgement: acknowledgement, resolution: resolution)
    }
}
