import CreditCore
import GRDB

/// How a person is read from the `persons` table (columns: `Person.storedColumns`).
enum PersonRow {
    static func person(_ row: Row) -> Person {
        Person(id: PersonID(row["id"] as String)) { column in row[column] as String? }
    }
}
