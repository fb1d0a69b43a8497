import BridgeApplication
import BridgeConfig
import CreditCore
import Foundation
import Hummingbird
import Logging
import Mustache
import NIOCore

/// The web console: server-rendered pages over the use cases of `BridgeApplication`.
///
/// Every page but the sign-in page and the public document check (`/verify/NUMBER?code=CODE`) needs
/// a session; each route names the ``StaffAction`` it does and
/// refuses a role that may not. The console holds no rules of its own: it parses a request, calls one
/// use case, and renders the result.
public struct ConsoleServer: Sendable {
    public struct Configuration: Sendable {
        public var mapping: RegionMapping
        /// How the Moodle sites are reached: course links on the learner card, the reconciliation.
        public var connections: [SiteID: SiteConnection]
        /// The ledger, opened once for the console's life.
        public var ledger: any LedgerStore
        /// The staff accounts (the same database as the ledger).
        public var staff: any StaffStore
        public var address: String
        public var port: Int
        /// Mark the session cookie Secure even when no proxy says the request came over TLS.
        public var secureCookies: Bool
        public var throttle: LoginThrottle
        /// The console's clock, for the use cases' "now".
        public var now: @Sendable () -> Date
        /// How the reconciliation report reaches the Moodle sites; nil: the Reports page does not offer it.
        public var connect: MoodleConnector?

        public init(
            mapping: RegionMapping, connections: [SiteID: SiteConnection] = [:], ledger: any LedgerStore,
            staff: any StaffStore, address: String = "127.0.0.1",
            port: Int = 8080, secureCookies: Bool = false, throttle: LoginThrottle = LoginThrottle(),
            now: @escaping @Sendable () -> Date = { Date() }, connect: MoodleConnector? = nil
        ) {
            self.mapping = mapping
            self.connections = connections
            self.ledger = ledger
            self.staff = staff
            self.address = address
            self.port = port
            self.secureCookies = secureCookies
            self.throttle = throttle
            self.now = now
            self.connect = connect
        }
    }

    public let configuration: Configuration

    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    /// The application, ready to run (or to test with HummingbirdTesting).
    ///
    /// - Parameter onServerRunning: Called with the port once the server listens.
    public func makeApplication(
        logger: Logger = Logger(label: "moodle-bridge.console"),
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async throws -> some ApplicationProtocol {
        let pages = try await ConsolePages.load()
        let console = Console(configuration: configuration, pages: pages, sessions: ConsoleSessions())
        let router = Router(context: ConsoleRequestContext.self)
        router.add(middleware: SecurityHeadersMiddleware())
        StaticRoutes.add(to: router)
        LanguageRoutes.add(to: router)
        SignInRoutes(console: console).add(to: router)
        DashboardRoutes(console: console).add(to: router)
        LearnerRoutes(console: console).add(to: router)
        SheetRoutes(console: console).add(to: router)
        DocumentRoutes(console: console).add(to: router)
        CorrectionRoutes(console: console).add(to: router)
        CardActionRoutes(console: console).add(to: router)
        MergeRoutes(console: console).add(to: router)
        PrintRoutes(console: console).add(to: router)
        VerifyRoutes(console: console).add(to: router)
        ReportRoutes(console: console).add(to: router)
        PlanRoutes(console: console).add(to: router)
        FindingsRoutes(console: console).add(to: router)
        return Application(
            router: router,
            configuration: .init(address: .hostname(configuration.address, port: configuration.port)),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) },
            logger: logger)
    }
}

/// What every route group shares: the configuration, the templates and the sessions.
struct Console: Sendable {
    let configuration: ConsoleServer.Configuration
    let pages: ConsolePages
    let sessions: ConsoleSessions
    /// The registry folded for the learner search, read again when the registry changes.
    let learnerIndex = LearnerIndex()

    var mapping: RegionMapping { configuration.mapping }
    /// The mapping and how each site is reached, for the use cases that read Moodle.
    var region: RegionConfiguration {
        RegionConfiguration(mapping: configuration.mapping, connections: configuration.connections)
    }
    var ledger: LedgerOpener {
        let ledger = configuration.ledger
        return { ledger }
    }
    var staff: StaffOpener {
        let staff = configuration.staff
        return { staff }
    }
    var now: Date { configuration.now() }
}
