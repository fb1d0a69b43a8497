import CreditCore
import Foundation
import GRDB

extension SQLiteLedger: StaffStore {
    public func addStaff(_ member: StaffMember) async throws -> Bool {
        try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO staff (login, role, password_hash, created_at, disabled) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (login) DO NOTHING
                    """,
                arguments: [
                    member.login, member.role.rawValue, member.passwordHash, RowCoding.seconds(member.createdAt),
                    member.disabled,
                ])
            return db.changesCount == 1
        }
    }

    public func staff() async throws -> [StaffMember] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM staff ORDER BY login").compactMap(Self.staffMember)
        }
    }

    public func staffMember(login: String) async throws -> StaffMember? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM staff WHERE login = ?", arguments: [login])
                .flatMap(Self.staffMember)
        }
    }

    public func disableStaff(login: String) async throws -> Bool {
        try await writer.write { db in
            try db.execute(sql: "UPDATE staff SET disabled = 1 WHERE login = ?", arguments: [login])
            return db.changesCount == 1
        }
    }

    private static func staffMember(_ row: Row) -> StaffMember? {
        guard let role = StaffRole(rawValue: row["role"]) else { return nil }
        return StaffMember(
            login: row["login"], role: role, passwordHash: row["password_hash"],
            createdAt: RowCoding.date(row["created_at"]), disabled: row["disabled"] as Bool)
    }
}
