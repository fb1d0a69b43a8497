import CreditCore
import Foundation

/// Check that nothing in the ledger was changed outside MoodleBridge: the hash chain over the
/// entries, the checkpoint, the standing tables, the issued documents against the entries they
/// name, the number series, the persons against their registry history and, when the mapping files
/// are at hand (they define the programs), every route's recorded verdict against its credits.
public struct VerifyLedger: Sendable {
    public struct Result: Sendable {
        public var verification: LedgerVerification
        /// Whether the routes' verdicts were checked (there were mapping files to judge them by).
        public var routesChecked: Bool
    }

    /// The programs' definitions; nil when there are no mapping files, and then routes are not judged.
    public let mapping: RegionMapping?
    public let ledger: LedgerOpener
    public var now: Date

    public init(mapping: RegionMapping?, ledger: @escaping LedgerOpener, now: Date = Date()) {
        self.mapping = mapping
        self.ledger = ledger
        self.now = now
    }

    public func run() async throws -> Result {
        let ledger = try await self.ledger()
        guard let mapping else { return Result(verification: try await ledger.verify(), routesChecked: false) }
        let verification = try await ledger.verify(programs: { mapping.program($0) }, now: now)
        return Result(verification: verification, routesChecked: true)
    }
}
