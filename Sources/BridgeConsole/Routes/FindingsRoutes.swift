import BridgeApplication
import CreditCore
import Foundation
import Hummingbird

/// The reconciliation queue: `GET /findings` lists the open findings (``FindingsQueue``), filtered
/// by site and by centre, those new since the staff member's last visit marked; `POST
/// /findings/{id}/acknowledge` acknowledges one with a reason (``AcknowledgeFinding``, registrars
/// and administrators; the staff login is who acknowledged it) and returns to the queue.
struct FindingsRoutes {
    let console: Console

    func add(to router: Router<ConsoleRequestContext>) {
        router.get("/findings") { request, context in
            try await console.page(.read, request, context) { signedIn in
                let site = request.uri.queryParameters.get("site") ?? ""
                let centre = request.uri.queryParameters.get("centre") ?? ""
                let queue = try await FindingsQueue(
                    mapping: console.mapping, ledger: console.ledger, staff: console.staff, now: console.now
                ).run(.init(login: signedIn.member.login, site: site, centre: centre))
                let language = signedIn.language
                let calendar = RegionCalendar(console.mapping)
                var values = console.values(signedIn, title: "findingsQueue", section: "findings")
                values["sites"] = queue.sites.map { ["id": $0.rawValue, "selected": $0.rawValue == site] }
                values["centres"] = queue.centres.map {
                    ["id": $0.id.rawValue, "name": $0.name, "selected": $0.id.rawValue == centre]
                }
                values["filterSite"] = site
                values["filterCentre"] = centre
                values["newCount"] = queue.newCount
                values["newSince"] = queue.newSince.map(calendar.moment) ?? ""
                values["firstVisit"] = queue.newSince == nil
                if let acknowledged = request.uri.queryParameters.get("acknowledged") {
                    values["acknowledged"] = acknowledged
                }
                func row(_ line: FindingsQueue.Line) -> [String: Any] {
                    let finding = line.finding
                    let kind = finding.key.kind
                    var row: [String: Any] = [
                        "id": finding.id, "site": finding.key.site.rawValue,
                        "kind": language == .ru ? kind.label.ru : kind.label.en, "kindKey": kind.rawValue,
                        "detail": language == .ru ? finding.detail.ru : finding.detail.en,
                        "action": language == .ru ? kind.action.ru : kind.action.en,
                        "subject": finding.key.subject, "isNew": line.isNew,
                        "firstSeen": calendar.moment(finding.firstSeenAt),
                        "lastSeen": calendar.moment(finding.lastSeenAt),
                        "centre": queue.centreName(of: line) ?? "",
                    ]
                    if let person = finding.person { row["person"] = person.rawValue }
                    row["name"] = line.personName ?? finding.user ?? finding.course ?? ""
                    return row
                }
                values["findings"] = queue.lines.map(row)
                values["groups"] = queue.groups.map { group -> [String: Any] in
                    [
                        "kind": language == .ru ? group.kind.label.ru : group.kind.label.en,
                        "kindKey": group.kind.rawValue, "count": group.lines.count, "rows": group.lines.map(row),
                    ]
                }
                return console.pages.render("findings", values)
            }
        }
        router.post("/findings/{id}/acknowledge") { request, context in
            try await console.form(.writeRecords, request, context) { signedIn, form in
                let text = context.parameters.get("id") ?? ""
                guard let id = Int(text) else {
                    throw ApplicationError(.invalidValue, "\(text) is not a finding number")
                }
                let finding = try await AcknowledgeFinding(ledger: console.ledger, now: console.now)
                    .run(.init(id: id, by: signedIn.member.login, reason: form["reason"] ?? ""))
                var query = ["acknowledged=\(finding.id)"]
                for name in ["site", "centre"] {
                    if let value = form[name], !value.isEmpty,
                        let escaped = value.addingPercentEncoding(withAllowedCharacters: Self.unreserved)
                    {
                        query.append("\(name)=\(escaped)")
                    }
                }
                return Console.redirect("/findings?" + query.joined(separator: "&"))
            }
        }
    }

    /// The characters a query value keeps as they are.
    static let unreserved: CharacterSet = {
        var set = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        set.insert(charactersIn: "-._~")
        return set
    }()
}
