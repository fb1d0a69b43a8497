import Foundation

/// The checks `verify` makes beyond the hash chain, over everything that decides a document: the
/// issued documents against the entries they name, the number series against the numbers issued,
/// the persons against their registry history, and the routes' recorded verdicts against the
/// verdicts their credits give. Each returns the first problem, naming the row and both values.
public enum LedgerAudit {
    /// The last number each series and each year's shared counter gave.
    public struct Counters: Sendable {
        /// By kind and year.
        public var series: [SeriesKey: Int]
        /// The shared counter of each year (`document_counters`).
        public var years: [Int: Int]

        public init(series: [SeriesKey: Int], years: [Int: Int]) {
            self.series = series
            self.years = years
        }
    }

    /// One number series: a document kind in a year.
    public struct SeriesKey: Hashable, Sendable {
        public var kind: String
        public var year: Int

        public init(kind: String, year: Int) {
            self.kind = kind
            self.year = year
        }
    }

    /// The ids of the entries documents name, so a streaming pass over the entries keeps only those.
    public static func namedEntries(_ documents: [IssuedDocument]) -> Set<EntryID> {
        Set(documents.flatMap { $0.request.content?.modules.map(\.entry) ?? [] })
    }

    /// Each document's stored basis against the ledger: every module it certifies names an entry
    /// of its person with that module, form, hours and day, its hours are the sum of its modules',
    /// and a cancellation names a document that exists.
    ///
    /// - Parameter entries: At least the entries ``namedEntries(_:)`` lists, by id.
    public static func documentProblem(
        _ documents: [IssuedDocument], entries: [EntryID: LedgerEntry]
    ) -> LedgerVerification.Problem? {
        let numbers = Set(documents.map(\.registrationNumber))
        for document in documents {
            let request = document.request
            let number = document.registrationNumber
            if request.kind == .cancellation {
                if let cancels = request.cancels, !numbers.contains(cancels) {
                    return .documentDiffers(
                        registrationNumber: number, detail: "cancels \(cancels), which is not among the documents")
                }
                continue
            }
            guard let content = request.content, !content.modules.isEmpty else { continue }
            for module in content.modules {
                guard let entry = entries[module.entry] else {
                    return .documentDiffers(
                        registrationNumber: number,
                        detail: "certifies \(module.module) by entry \(module.entry), which the ledger does not hold")
                }
                let seconds = { (date: Date) in Int64(date.timeIntervalSince1970.rounded(.down)) }
                if entry.person != request.person || entry.module != module.module || entry.hours != module.hours
                    || entry.form != module.form || seconds(entry.occurredAt) != seconds(module.occurredAt)
                    || entry.kind != .credit
                {
                    return .documentDiffers(
                        registrationNumber: number,
                        detail:
                            "certifies \(request.person): \(module.module), \(module.hours.value) h, \(module.form.rawValue) by entry \(module.entry), but the ledger holds \(entry.person): \(entry.module), \(entry.hours.value) h, \(entry.form.rawValue) there"
                    )
                }
            }
            let sum = content.modules.reduce(CreditHours.zero) { $0 + $1.hours }
            if sum != request.hours {
                return .documentDiffers(
                    registrationNumber: number,
                    detail: "certifies \(request.hours.value) h where its modules add up to \(sum.value) h")
            }
        }
        return nil
    }

    /// Whether every counter stands at or past the highest number issued from it.
    public static func counterProblem(
        _ documents: [IssuedDocument], counters: Counters
    ) -> LedgerVerification.Problem? {
        var highestInSeries: [SeriesKey: Int] = [:]
        var highestInYear: [Int: Int] = [:]
        for document in documents {
            let key = SeriesKey(kind: document.request.kind.rawValue, year: document.request.year)
            highestInSeries[key] = max(highestInSeries[key] ?? 0, document.seriesNumber)
            highestInYear[key.year] = max(highestInYear[key.year] ?? 0, document.number)
        }
        for (key, highest) in highestInSeries.sorted(by: { ($0.key.year, $0.key.kind) < ($1.key.year, $1.key.kind) }) {
            let counter = counters.series[key] ?? 0
            if counter < highest {
                return .numberSeriesBehind(series: "\(key.kind) \(key.year)", counter: counter, highest: highest)
            }
        }
        for (year, highest) in highestInYear.sorted(by: { $0.key < $1.key }) {
            let counter = counters.years[year] ?? 0
            if counter < highest {
                return .numberSeriesBehind(series: "of all documents of \(year)", counter: counter, highest: highest)
            }
        }
        return nil
    }

    /// Each person's row against the person their registry changes give, replayed in order: every
    /// field a change was recorded for must hold the last value recorded. A field no change names
    /// (kept before the registry's history began, or a default such as the category) is not checked.
    public static func personProblem(
        _ persons: [Person], events: [RecordedPersonEvent]
    ) -> LedgerVerification.Problem? {
        var replayed: [PersonID: Person] = [:]
        var recordedFields: [PersonID: Set<PersonField>] = [:]
        for recorded in events where recorded.event.kind == .change {
            let event = recorded.event
            var person = replayed[event.person] ?? Person(id: event.person, lastName: "", firstName: "")
            if person.set(event.field, to: event.offered) {
                recordedFields[event.person, default: []].insert(event.field)
            }
            replayed[event.person] = person
        }
        let stored = Dictionary(persons.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for id in replayed.keys.sorted() {
            guard let expected = replayed[id] else { continue }
            guard let person = stored[id] else {
                return .personDiffers(person: id, field: "row", stored: "(none)", fromEvents: "a person")
            }
            let fields = recordedFields[id] ?? []
            for field in PersonField.allCases where fields.contains(field) && person[field] != expected[field] {
                return .personDiffers(
                    person: id, field: field.rawValue, stored: person[field] ?? "", fromEvents: expected[field] ?? "")
            }
        }
        return nil
    }

    /// Each route's recorded verdict against the verdict its credits give as of `now`. A route
    /// recorded open whose deadline has since passed is not yet judged again, not changed.
    ///
    /// - Parameter program: The program of a route; routes of programs it does not know are skipped.
    public static func routeProblem(
        _ routes: [StoredRoute], projection: LedgerProjection, program: (ProgramID) -> Program?, now: Date
    ) -> LedgerVerification.Problem? {
        func describe(_ status: RouteProgress.Status, _ hours: CreditHours, _ completedAt: Date?) -> String {
            var text = "\(status.rawValue), \(hours.value) h"
            if let completedAt { text += ", completed \(Int64(completedAt.timeIntervalSince1970.rounded(.down)))" }
            return text
        }
        for recorded in routes.sorted(by: { $0.route.id.rawValue < $1.route.id.rawValue }) {
            guard let program = program(recorded.route.program) else { continue }
            // The verdict as time alone has carried it since it was recorded.
            let stored = recorded.carried(to: now)
            let progress = projection.progress(of: stored.route, program: program, asOf: now)
            let seconds = { (date: Date?) in date.map { Int64($0.timeIntervalSince1970.rounded(.down)) } }
            if stored.status != progress.status || stored.hoursCredited != progress.hoursCredited
                || seconds(stored.completedAt) != seconds(progress.completedAt)
            {
                return .routeVerdictDiffers(
                    route: stored.route.id,
                    recorded: describe(stored.status, stored.hoursCredited, stored.completedAt),
                    computed: describe(progress.status, progress.hoursCredited, progress.completedAt))
            }
        }
        return nil
    }
}

extension LedgerStore {
    /// Every issued document, in the order they were issued.
    public func documents() async throws -> [IssuedDocument] { try await documents(person: nil) }

    /// ``verify(_:)`` of everything but the routes' verdicts, which need the programs.
    public func verify() async throws -> LedgerVerification { try await verify(VerificationScope()) }

    /// ``verify(_:)`` with every route's recorded verdict judged against the verdict its credits
    /// give (``LedgerAudit/routeProblem(_:projection:program:now:)``): what `ledger verify` runs
    /// when it has the mapping files, which define the programs.
    public func verify(
        programs: @escaping @Sendable (ProgramID) -> Program?, now: Date
    ) async throws -> LedgerVerification {
        try await verify(VerificationScope(programs: programs, now: now))
    }
}
