#if PostgreSQL
    import CreditCore
    import Foundation

    /// A person as JSON: how persons travel to and from PostgreSQL in one statement
    /// (`to_jsonb` on the way out, `jsonb_to_recordset` on the way in; columns: `Person.storedColumns`).
    enum PostgresPersonRow {
        static func person(json: String) throws -> Person {
            let object = try JSONDecoder().decode([String: String?].self, from: Data(json.utf8))
            return Person(id: PersonID((object["id"] ?? nil) ?? "")) { column in object[column] ?? nil }
        }

        static func json(_ persons: [Person]) throws -> String {
            let rows = persons.map { person in
                Dictionary(uniqueKeysWithValues: zip(Person.storedColumns, person.storedValues))
            }
            return String(decoding: try JSONEncoder().encode(rows), as: UTF8.self)
        }
    }
#endif
