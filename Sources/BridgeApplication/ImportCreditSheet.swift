import BridgeSync
import CreditCore
import Foundation

/// Import a credit sheet (CSV) of in-person modules and seminars, whole or not at all.
///
/// Every row is checked before anything is written. When any row is bad, nothing is written unless
/// the caller asks to skip the bad rows; the result names every problem with its row and column.
/// Importing the same sheet again writes nothing new. After a write, routes open and their verdicts
/// are recorded as after a sync, so a sheet that takes a learner to the target makes the certificate
/// due at once.
public struct ImportCreditSheet: Sendable {
    public struct Input: Sendable {
        /// The sheet's path as given, for messages; its last component is recorded with the batch.
        public var path: String
        /// Its bytes (UTF-8 or Windows-1251, separated by , or ;).
        public var contents: [UInt8]
        /// Who is importing.
        public var `operator`: String
        /// Write the valid rows even when some are bad.
        public var skipInvalid: Bool
        /// Check the sheet and write nothing.
        public var dryRun: Bool

        public init(
            path: String, contents: [UInt8], operator: String, skipInvalid: Bool = false, dryRun: Bool = false
        ) {
            self.path = path
            self.contents = contents
            self.operator = `operator`
            self.skipInvalid = skipInvalid
            self.dryRun = dryRun
        }
    }

    public struct Result: Sendable {
        /// The encoding the sheet was read in (`UTF-8`, `Windows-1251`).
        public var encoding: String
        public var validRows: Int
        public var invalidRows: [Int]
        /// Every problem, `PATH: row N, column C: …`.
        public var problems: [String]
        /// Whether the valid rows were written (false in a dry run and when the sheet was refused).
        public var wrote: Bool
        public var written: Int
        public var alreadyInLedger: Int
        public var dryRun: Bool
        public var skipInvalid: Bool

        /// Every good row, as it is (or would be) credited.
        public var lines: [Line] = []
        /// Every problem with its row and column, as in `problems`.
        public var rowProblems: [RowProblem] = []

        /// Whether the sheet was refused: bad rows, and no leave to skip them.
        public var isRefused: Bool { !problems.isEmpty && !skipInvalid }
    }

    /// A good row of the sheet.
    public struct Line: Hashable, Sendable {
        public var row: Int
        public var name: String
        public var snils: String?
        public var module: String
        public var moduleTitle: String
        public var form: StudyForm
        public var hours: Int
        /// yyyy-mm-dd in the region's time zone.
        public var date: String
    }

    /// A problem of one row; `column` is nil when it concerns the whole row.
    public struct RowProblem: Hashable, Sendable {
        public var row: Int
        public var column: String?
        public var message: String
    }

    public let mapping: RegionMapping
    public let ledger: LedgerOpener
    public var now: Date

    public init(mapping: RegionMapping, ledger: @escaping LedgerOpener, now: Date = Date()) {
        self.mapping = mapping
        self.ledger = ledger
        self.now = now
    }

    public func run(_ input: Input) async throws -> Result {
        let (text, encoding) = TextDecoding.decode(input.contents)
        let table = CSVTable(parsing: text)
        let ledger = try await self.ledger()
        let known = try await KnownPersons.bySNILS(CreditSheet.snilsDigits(in: table), in: ledger)
        let fileName = URL(fileURLWithPath: input.path).lastPathComponent
        let sheet = CreditSheet(
            file: fileName, table: table,
            modules: Dictionary(uniqueKeysWithValues: mapping.modules.map { ($0.module.id, $0.module) }),
            knownPersons: known, timeZone: RegionCalendar(mapping).timeZone)
        let shouldWrite = !input.dryRun && (sheet.problems.isEmpty || input.skipInvalid)
        var outcome = AppendOutcome(written: 0, alreadyPresent: 0)
        if shouldWrite && !sheet.lines.isEmpty {
            let drafts = sheet.drafts(operator: input.operator)
            outcome = try await ledger.append(
                LedgerBatch(
                    id: BatchID("sheet-\(UUID().uuidString.prefix(8).lowercased())"), kind: .sheetImport,
                    actor: input.operator, description: "credit sheet \(fileName) (\(encoding.rawValue))",
                    recordedAt: now, entries: drafts.entries, personFacts: drafts.persons, personKeys: drafts.keys))
            if outcome.written > 0 {
                _ = try await RouteKeeper(mapping: mapping, timeZone: RegionCalendar(mapping).timeZone).update(
                    ledger: ledger, now: now, persons: Set(drafts.entries.map(\.person)))
            }
        }
        let region = RegionCalendar(mapping)
        return Result(
            encoding: encoding.rawValue, validRows: sheet.lines.count, invalidRows: sheet.invalidRows,
            problems: sheet.problems.map { "\(input.path): \($0)" }, wrote: shouldWrite, written: outcome.written,
            alreadyInLedger: outcome.alreadyPresent, dryRun: input.dryRun, skipInvalid: input.skipInvalid,
            lines: sheet.lines.map {
                Line(
                    row: $0.row, name: $0.person.fullName, snils: $0.person.snils?.formatted,
                    module: $0.module.id.rawValue, moduleTitle: $0.module.title, form: $0.form, hours: $0.module.hours.value,
                    date: region.iso($0.date))
            },
            rowProblems: sheet.problems.map { RowProblem(row: $0.row, column: $0.column, message: $0.message) })
    }
}
