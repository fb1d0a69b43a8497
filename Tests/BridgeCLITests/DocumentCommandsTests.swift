import Foundation
import GRDB
import Testing

/// `certificates cancel` and `statements cancel` end to end: the real executable on a real SQLite file.
@Suite("moodle-bridge certificates cancel")
struct DocumentCommandsTests {
    let folder: URL
    var ledger: String { folder.appendingPathComponent("ledger.sqlite").path }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("documents-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func run(_ arguments: [String]) async throws -> CommandRunner.Outcome {
        try await CommandRunner.run(arguments + ["--ledger", ledger, "--mappings", "Mappings"])
    }

    func json(_ outcome: CommandRunner.Outcome) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
    }

    /// Орлова passes three in-person modules in March 2025 (78 h): her free-choice route completes
    /// and she is issued certificate 2025-00001; Кузнецова's route expires with one seminar.
    func issueCertificate() async throws {
        let sheet = folder.appendingPathComponent("sheet.csv").path
        try """
        СНИЛС;Фамилия;Имя;Модуль;Дата;ММЦ
        087-654-303 00;Орлова;Елена;OCH-MET-01;10.03.2025;MMC-04
        087-654-303 00;Орлова;Елена;OCH-ADM-01;20.03.2025;MMC-04
        087-654-303 00;Орлова;Елена;OCH-ICT-01;30.03.2025;MMC-04
        112-233-445 95;Кузнецова;Ирина;SEM-MMC-01;14.03.2025;
        """.write(toFile: sheet, atomically: true, encoding: .utf8)
        #expect(try await run(["ledger", "import", sheet]).status == 0)
        #expect(try await run(["routes", "open", "112-233-445 95", "PK-72-MMC", "--start", "01.03.2025"]).status == 0)
        let issued = try await run(["certificates", "issue", "--statements", "--issued-on", "15.12.2025"])
        #expect(issued.status == 0, "\(issued.stderr)")
        #expect(issued.stdout.contains("2025-00001  certificate"))
        #expect(issued.stdout.contains("С-2025-00001  statement"))
    }

    @Test("reversing a credit behind a certificate warns, naming it; the certificate is verified by its code")
    func reverseAndVerify() async throws {
        try await issueCertificate()
        let reversed = try await run([
            "ledger", "reverse", "E1", "--document", "приказ 6", "--operator", "Петрова", "--reason", "ошибка",
        ])
        #expect(reversed.status == 0, "\(reversed.stderr)")
        #expect(reversed.stdout.contains("Warning: certificate 2025-00001 relies on reversed credit E1"))
        let report = try await run(["report", "certificates", "--format", "json"])
        let rows = try #require(try json(report)["rows"] as? [[String: Any]])
        let row = try #require(rows.first { $0["registrationNumber"] as? String == "2025-00001" })
        #expect(row["status"] as? String == "выдано" && row["hours"] as? Int == 78)
        let code = try #require(row["verificationCode"] as? String)

        let verified = try await run(["certificates", "verify", "2025-00001", "--code", code])
        #expect(verified.status == 0, "\(verified.stderr)")
        #expect(verified.stdout.contains("2025-00001  certificate  valid  issued 15.12.2025  72 h  Орлова Е."))
        let wrong = try await run(["certificates", "verify", "2025-00001", "--code", "2222222222"])
        #expect(wrong.status == 1 && wrong.stdout.isEmpty)
        let unknown = try await run(["certificates", "verify", "2025-00099", "--code", code])
        #expect(unknown.status == 1 && unknown.stderr == wrong.stderr.replacingOccurrences(of: "00001", with: "00099"))
    }

    @Test("cancel records its cancellation with reason and operator; a new certificate can be issued")
    func cancel() async throws {
        try await issueCertificate()
        let cancelled = try await run([
            "certificates", "cancel", "2025-00001", "--reason", "ошибка в фамилии", "--operator", "Петрова Е.А.",
        ])
        #expect(cancelled.status == 0, "\(cancelled.stderr)")
        #expect(cancelled.stdout.contains("Cancelled certificate 2025-00001 by А-20"))
        let stored = try DatabaseQueue(path: ledger).read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM documents WHERE kind = 'cancellation'")
        }
        let row = try #require(stored)
        #expect(row["cancels"] as String? == "2025-00001")
        #expect(row["reason"] as String? == "ошибка в фамилии" && row["operator"] as String? == "Петрова Е.А.")

        let again = try await run(["certificates", "cancel", "2025-00001", "--reason", "ещё", "--operator", "Петрова"])
        #expect(again.status == 1)
        #expect(again.stderr.contains("2025-00001 is already cancelled by А-20"))
        let unknown = try await run(["certificates", "cancel", "2025-00077", "--reason", "x", "--operator", "Петрова"])
        #expect(unknown.status == 1 && unknown.stderr.contains("no certificate 2025-00077 in the ledger"))
        let statementAsCertificate = try await run([
            "certificates", "cancel", "С-2025-00001", "--reason", "x", "--operator", "Петрова",
        ])
        #expect(statementAsCertificate.status == 1)
        #expect(statementAsCertificate.stderr.contains("is a statement, not a certificate"))
        let statement = try await run([
            "statements", "cancel", "С-2025-00001", "--reason", "ошибка", "--operator", "Петрова", "--format", "json",
        ])
        #expect(statement.status == 0, "\(statement.stderr)")
        #expect(try json(statement)["cancelled"] as? String == "С-2025-00001")

        let reissued = try await run(["certificates", "issue", "--issued-on", "16.12.2025", "--format", "json"])
        #expect(reissued.status == 0, "\(reissued.stderr)")
        let documents = try #require(try json(reissued)["documents"] as? [[String: Any]])
        #expect(documents.count == 1)
        let number = try #require(documents.first?["registrationNumber"] as? String)
        #expect(number == "2025-00002")

        let report = try await run(["report", "certificates", "--format", "json"])
        #expect(report.status == 0, "\(report.stderr)")
        let rows = try #require(try json(report)["rows"] as? [[String: Any]])
        #expect(rows.map { $0["registrationNumber"] as? String } == ["2025-00001", number])
        #expect(rows.map { $0["status"] as? String } == ["аннулировано", "выдано"])
        #expect(rows.first?["cancellationReason"] as? String == "ошибка в фамилии")
        #expect((rows.last?["verificationCode"] as? String)?.count == 10)
    }
}
