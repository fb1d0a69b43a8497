import BridgeApplication
import BridgeConfig
import CreditCore
import CreditReports
import Foundation

/// What the demo writes after its sync: certificates and statements issued, the personal data the
/// federal registry needs imported into the person registry (made up for the demo's made-up teachers), and
/// every report in CSV and XLSX.
struct DemoReports {
    let ledgerPath: String
    let mappings: String
    let out: String

    func write(configuration: RegionConfiguration, connector: SiteConnector) async throws -> [String] {
        let ledgerArguments = ["--ledger", ledgerPath, "--mappings", mappings]
        // The demo names its ledger itself; the commands it runs do not name it again.
        LedgerAnnouncement.shared.markDone()
        let issue = try CertificatesIssueCommand.parse(ledgerArguments + ["--statements", "--format", "json"])
        try await quietly { try await issue.run() }
        let ledger = try await LedgerOptions.parse(ledgerArguments).openLedger(.existing)
        let snapshot = try await LedgerSnapshot.read(from: ledger)
        _ = try await ImportPersons(ledger: { ledger }).run(
            .init(path: "demo-persons.csv", contents: Array(personsFile(snapshot).utf8), operator: "demo"))
        let learner = snapshot.routes.first { $0.status == .completed }?.route.person ?? snapshot.persons.first?.id
        var written: [String] = []
        let reconciliation = try await ExportReport(
            configuration: configuration, ledger: { ledger }, connect: { try connector.connect($0, $1) }
        ).run(.init(kind: .reconciliation))
        for format in ["csv", "xlsx"] {
            let output = try ReportOutputOptions.parse(["--format", format, "--out", out])
            try await quietly { try output.write(reconciliation.table, name: "reconciliation") }
            written.append("reconciliation.\(format)")
            for kind in ["certificates", "frdo", "statements", "plan", "centres", "credit-sheet"] {
                var arguments = [kind] + ledgerArguments + ["--format", format, "--out", out]
                if kind == "credit-sheet", let learner { arguments += ["--person", learner.rawValue] }
                let report = try ReportCommand.parse(arguments)
                try await quietly { try await report.run() }
                written.append("\(kind).\(format)")
            }
        }
        return written
    }

    /// A registrar's persons file for the demo: middle names, birth dates, sex and diplomas, invented
    /// deterministically for each learner (Moodle holds none of them).
    private func personsFile(_ snapshot: LedgerSnapshot) -> String {
        var lines = [
            "person_id;snils;middle_name;birth_date;sex;education_level;diploma_last_name;diploma_series;diploma_number;citizenship"
        ]
        for (index, person) in snapshot.persons.enumerated() {
            let day = 1 + index % 28
            let month = 1 + index % 12
            let year = 1965 + index % 30
            let female = person.firstName.hasSuffix("а") || person.firstName.hasSuffix("я")
            // The captured site's SNILS values fail their check digits; the demo invents valid ones.
            let nine = String(format: "%09d", 12_000_000 + index * 7_919)
            let snils =
                person.snils?.formatted ?? (try? SNILS(parsing: nine + SNILS.checksum(ofFirstNine: nine)))?.formatted
                ?? ""
            let fathers = ["Александров", "Сергеев", "Иванов", "Николаев", "Владимиров", "Петров", "Михайлов"]
            let middleName = person.middleName ?? fathers[index % fathers.count] + (female ? "на" : "ич")
            lines.append(
                "\(person.id);\(snils);\(middleName);\(String(format: "%02d.%02d.%04d", day, month, year));\(female ? "Жен" : "Муж");"
                    + "Высшее образование;\(person.lastName);10\(70 + index % 20);\(String(format: "%07d", 100_000 + index * 37));643"
            )
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Runs a command whose own output the demo summarises instead.
    /// (Errors are thrown, and reported once the output is back.)
    private func quietly(_ work: () async throws -> Void) async throws {
        let savedOut = dup(STDOUT_FILENO)
        let savedError = dup(STDERR_FILENO)
        let null = open("/dev/null", O_WRONLY)
        fflush(nil)
        dup2(null, STDOUT_FILENO)
        dup2(null, STDERR_FILENO)
        defer {
            fflush(nil)
            dup2(savedOut, STDOUT_FILENO)
            dup2(savedError, STDERR_FILENO)
            close(null)
            close(savedOut)
            close(savedError)
        }
        try await work()
    }
}
