import CreditCore
import Foundation
import GRDB

/// Writes one batch inside an open write transaction: persons and keys, the entries whose keys are
/// new (each chained to the one before), the cursors, the head and the batch row.
struct SQLiteAppender {
    let db: Database

    func append(_ batch: LedgerBatch) throws -> AppendOutcome {
        try savePersons(batch)
        let recordedAt = RowCoding.date(RowCoding.seconds(batch.recordedAt))
        let head = try Row.fetchOne(db, sql: "SELECT count, hash FROM ledger_head")!
        var count: Int = head["count"]
        var previous: String = head["hash"]
        let exists = try db.makeStatement(sql: "SELECT 1 FROM entries WHERE idempotency_key = ?")
        let insert = try db.makeStatement(
            sql: """
                INSERT INTO entries (position, id, person_id, module_id, hours, form, kind, reverses,
                    occurred_at, recorded_at, source, idempotency_key, batch_id, note, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        var outcome = AppendOutcome(written: 0, alreadyPresent: 0)
        var keysInBatch: Set<String> = []
        // The batch row goes first: entries reference it.
        try db.execute(
            sql:
                "INSERT INTO batches (id, kind, actor, description, recorded_at, written, already_present) VALUES (?, ?, ?, ?, ?, 0, 0)",
            arguments: [
                batch.id.rawValue, batch.kind.rawValue, batch.actor, batch.description, RowCoding.seconds(recordedAt),
            ])
        for draft in batch.entries {
            let isNewInBatch = keysInBatch.insert(draft.idempotencyKey).inserted
            let isInLedger = isNewInBatch ? try Bool.fetchOne(exists, arguments: [draft.idempotencyKey]) ?? false : true
            if isInLedger {
                outcome.alreadyPresent += 1
                continue
            }
            count += 1
            var entry = draft.entry(id: EntryID("E\(count)"), recordedAt: recordedAt, batch: batch.id)
            entry.occurredAt = RowCoding.date(RowCoding.seconds(entry.occurredAt))
            let hash = LedgerChain.hash(of: entry, following: previous)
            try insert.execute(arguments: [
                count, entry.id.rawValue, entry.person.rawValue, entry.module.rawValue, entry.hours.value,
                entry.form.rawValue, entry.kind.storageName, entry.kind.reversedEntry?.rawValue,
                RowCoding.seconds(entry.occurredAt), RowCoding.seconds(recordedAt), entry.source.canonicalText,
                entry.idempotencyKey, batch.id.rawValue, entry.note, hash,
            ])
            previous = hash
            outcome.written += 1
        }
        for cursor in batch.cursors {
            try db.execute(
                sql: """
                    INSERT INTO sync_cursors (site, stream, value, batch_id) VALUES (?, ?, ?, ?)
                    ON CONFLICT (site, stream) DO UPDATE SET value = excluded.value, batch_id = excluded.batch_id
                    """,
                arguments: [cursor.site.rawValue, cursor.stream, cursor.value, batch.id.rawValue])
        }
        try db.execute(sql: "UPDATE ledger_head SET count = ?, hash = ?", arguments: [count, previous])
        try db.execute(
            sql: "UPDATE batches SET written = ?, already_present = ? WHERE id = ?",
            arguments: [outcome.written, outcome.alreadyPresent, batch.id.rawValue])
        return outcome
    }

    private func savePersons(_ batch: LedgerBatch) throws {
        for person in batch.persons {
            try db.execute(
                sql: """
                    INSERT INTO persons (id, last_name, first_name, middle_name, snils, email, idnumber, category, centre)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET last_name = excluded.last_name, first_name = excluded.first_name,
                        middle_name = excluded.middle_name, snils = COALESCE(excluded.snils, persons.snils),
                        email = COALESCE(excluded.email, persons.email),
                        idnumber = COALESCE(excluded.idnumber, persons.idnumber),
                        category = excluded.category, centre = COALESCE(excluded.centre, persons.centre)
                    """,
                arguments: [
                    person.id.rawValue, person.lastName, person.firstName, person.middleName,
                    person.snils?.formatted, person.email, person.idnumber, person.category.rawValue,
                    person.centre?.rawValue,
                ])
        }
        for key in batch.personKeys {
            try db.execute(
                sql:
                    "INSERT INTO person_keys (kind, value, person_id) VALUES (?, ?, ?) ON CONFLICT (kind, value) DO NOTHING",
                arguments: [key.kind.storageName, key.value, key.person.rawValue])
        }
    }
}
