import BridgeApplication
import CreditCore
import CreditReports
import Hummingbird

/// `/plan`: the training plan against actual — the `plan` report (``ExportReport``) by month, form
/// and category as a table, and its months as a bar chart (``PlanChart``), narrowed by months
/// (`from`, `to` as yyyy-mm) and a category.
struct PlanRoutes {
    let console: Console

    func add(to router: Router<ConsoleRequestContext>) {
        router.get("/plan") { request, context in
            try await console.page(.read, request, context) { signedIn in
                let query = request.uri.queryParameters
                func value(_ name: String) -> String? {
                    guard let text = query.get(name)?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
                        return nil
                    }
                    return text
                }
                let texts = signedIn.language.texts
                let language: ReportLanguage = signedIn.language == .en ? .en : .ru
                var values = console.values(signedIn, title: "plan", section: "plan")
                values["from"] = value("from") ?? ""
                values["to"] = value("to") ?? ""
                values["categories"] = LearnerCategory.allCases.map {
                    ReportRoutes.option(
                        $0.rawValue, texts["category_\($0.rawValue)"] ?? $0.rawValue,
                        selected: $0.rawValue == value("category"))
                }
                do {
                    var category: LearnerCategory?
                    if let text = value("category") {
                        category = try ReportRoutes.choice(text, of: LearnerCategory.self, name: "category")
                    }
                    let criteria = ReportCriteria(
                        category: category, from: try ExportReport.month(value("from"), for: .from),
                        to: try ExportReport.month(value("to"), for: .to))
                    let report = try await ExportReport(
                        configuration: console.region, ledger: console.ledger, now: console.now
                    ).run(.init(kind: .plan, criteria: criteria))
                    let table = report.table
                    values["headers"] = table.headers(language)
                    values["rows"] = table.rows.map { $0.map { $0.plainText(language) } }
                    values["totals"] = table.totals.map { $0.map { $0.plainText(language) } }
                    values["criteriaText"] = table.heading.criteria.map { $0.text(language) }
                    let chart = PlanChart(table: table)
                    values["chart"] = chart.values
                    values["chartMonths"] = chart.months.map { $0.month }
                    return console.pages.render("plan", values)
                } catch let error as ApplicationError {
                    values["message"] = error.message
                    return console.pages.render("plan", values, status: .badRequest)
                }
            }
        }
    }
}
