import CreditCore
import Foundation
import GRDB

/// Writes one batch inside an open write transaction: persons and keys, the entries whose keys are
/// new (each chained to the one before), the cursors, the head and the batch row.
struct SQLiteAppender {
    let db: Database

    func append(_ batch: LedgerBatch) throws -> AppendOutcome {
        let conflicts = try savePersons(batch)
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
        var outcome = AppendOutcome(written: 0, alreadyPresent: 0, personConflicts: conflicts)
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

    /// Applies the batch's person facts by the registry rule, writes the persons it changes and
    /// records every change and conflict; returns the conflicts.
    private func savePersons(_ batch: LedgerBatch) throws -> [PersonEvent] {
        let facts = batch.registryFacts
        var stored: [PersonID: Person] = [:]
        let read = try db.makeStatement(sql: "SELECT * FROM persons WHERE id = ?")
        for id in Set(facts.map(\.id)) {
            if let row = try Row.fetchOne(read, arguments: [id.rawValue]) { stored[id] = PersonRow.person(row) }
        }
        let outcome = PersonRegistry.apply(facts, to: stored)
        let columns = Person.storedColumns
        let upsert = try db.makeStatement(
            sql: """
                INSERT INTO persons (\(columns.joined(separator: ", ")))
                VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))
                ON CONFLICT (id) DO UPDATE SET \(columns.dropFirst().map { "\($0) = excluded.\($0)" }.joined(separator: ", "))
                """)
        for person in outcome.persons {
            try upsert.execute(arguments: StatementArguments(person.storedValues))
        }
        let event = try db.makeStatement(
            sql: """
                INSERT INTO person_events (person_id, field, kind, stored, offered, source, batch_id, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
        for change in outcome.events {
            try event.execute(arguments: [
                change.person.rawValue, change.field.rawValue, change.kind.rawValue, change.stored, change.offered,
                change.source, batch.id.rawValue, RowCoding.seconds(batch.recordedAt),
            ])
        }
        for key in batch.personKeys {
            try db.execute(
                sql:
                    "INSERT INTO person_keys (kind, value, person_id) VALUES (?, ?, ?) ON CONFLICT (kind, value) DO NOTHING",
                arguments: [key.kind.storageName, key.value, key.person.rawValue])
        }
        return outcome.conflicts
    }
}
