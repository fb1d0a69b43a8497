#if PostgreSQL
    import CreditCore
    import Foundation
    import PostgresNIO

    extension PostgresLedger: StaffStore {
        public func addStaff(_ member: StaffMember) async throws -> Bool {
            try await reporting {
                var added = false
                for try await _ in try await client.query(
                    """
                    INSERT INTO staff (login, role, password_hash, created_at, disabled)
                    VALUES (\(member.login), \(member.role.rawValue), \(member.passwordHash),
                        \(PostgresRowCoding.seconds(member.createdAt)), \(member.disabled))
                    ON CONFLICT (login) DO NOTHING RETURNING login
                    """, logger: logger
                ).decode(String.self) {
                    added = true
                }
                return added
            }
        }

        public func staff() async throws -> [StaffMember] {
            try await reporting {
                try await members(
                    "SELECT login, role, password_hash, created_at, disabled FROM staff ORDER BY login COLLATE \"C\"")
            }
        }

        public func staffMember(login: String) async throws -> StaffMember? {
            try await reporting {
                try await members(
                    "SELECT login, role, password_hash, created_at, disabled FROM staff WHERE login = \(login)"
                ).first
            }
        }

        public func disableStaff(login: String) async throws -> Bool {
            try await reporting {
                var found = false
                for try await _ in try await client.query(
                    "UPDATE staff SET disabled = TRUE WHERE login = \(login) RETURNING login", logger: logger
                ).decode(String.self) {
                    found = true
                }
                return found
            }
        }

        private func members(_ query: PostgresQuery) async throws -> [StaffMember] {
            var members: [StaffMember] = []
            for try await (login, role, hash, createdAt, disabled) in try await client.query(query, logger: logger)
                .decode((String, String, String, Int, Bool).self)
            {
                guard let role = StaffRole(rawValue: role) else { continue }
                members.append(
                    StaffMember(
                        login: login, role: role, passwordHash: hash, createdAt: PostgresRowCoding.date(createdAt),
                        disabled: disabled))
            }
            return members
        }
    }
#endif
