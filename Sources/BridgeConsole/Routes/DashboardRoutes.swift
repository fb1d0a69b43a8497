import BridgeApplication
import Hummingbird

/// `/`: the dashboard (``ConsoleDashboard``).
struct DashboardRoutes {
    let console: Console

    func add(to router: Router<ConsoleRequestContext>) {
        router.get("/") { request, context in
            try await console.page(.read, request, context) { signedIn in
                let result = try await ConsoleDashboard(
                    mapping: console.mapping, ledger: console.ledger, staff: console.staff, now: console.now
                ).run(login: signedIn.member.login)
                var values = console.values(signedIn, title: "dashboard", section: "dashboard")
                values["awaiting"] = result.awaitingCertificate.map(Self.route)
                values["expiring"] = result.expiringSoon.map(Self.route)
                values["newFindings"] = result.newFindings ?? 0
                if result.awaitingTotal > result.awaitingCertificate.count {
                    values["awaitingMore"] = result.awaitingTotal - result.awaitingCertificate.count
                }
                if result.expiringTotal > result.expiringSoon.count {
                    values["expiringMore"] = result.expiringTotal - result.expiringSoon.count
                }
                values["counts"] = [
                    "persons": result.counts.persons, "entries": result.counts.entries,
                    "openRoutes": result.counts.openRoutes, "completedRoutes": result.counts.completedRoutes,
                    "expiredRoutes": result.counts.expiredRoutes, "documents": result.counts.documents,
                ]
                values["syncs"] = result.lastSyncs.map { run in
                    var line: [String: Any] = [
                        "site": run.site, "siteName": run.siteName, "at": run.at, "outcome": run.outcome,
                        "newCredits": run.newCredits, "requests": run.requests, "host": run.host, "stale": run.stale,
                    ]
                    if let message = run.message { line["message"] = message }
                    return line
                }
                return console.pages.render("dashboard", values)
            }
        }
    }

    static func route(_ line: ConsoleDashboard.RouteLine) -> [String: Any] {
        [
            "route": line.route, "person": line.person, "name": line.name, "program": line.program,
            "hours": line.hours, "targetHours": line.targetHours, "lastDay": line.lastDay,
            "completedOn": line.completedOn ?? "",
        ]
    }
}
