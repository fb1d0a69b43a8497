import Foundation

/// `core_reportbuilder_list_reports`, `…_retrieve_report`, `…_set_filters`, `…_filters_reset`.
enum ReportBuilderFunctions {
    static let listReports = WSFunction(
        name: "core_reportbuilder_list_reports", parameters: ["page", "perpage"], returns: .listReports
    ) { params, caller, state in
        let page = try params.int("page", default: 0)
        let perPage = try params.int("perpage", default: 10)
        let visible = state.scenario.reports
            .filter { canView($0, caller: caller, site: state.scenario.site) }
            .sorted { ($0.name, $0.id) < ($1.name, $1.id) }
        let slice = perPage > 0 ? Array(visible.dropFirst(page * perPage).prefix(perPage)) : visible
        return ["reports": .list(slice.map { ReportView.details($0, state.scenario) }), "warnings": []]
    }

    static let retrieveReport = WSFunction(
        name: "core_reportbuilder_retrieve_report", parameters: ["reportid", "page", "perpage"],
        returns: .retrieveReport
    ) { params, caller, state in
        let reportID = try params.int("reportid")
        let page = try params.int("page", default: 0)
        let perPage = try params.int("perpage", default: 10)
        let scenario = state.scenario
        guard let report = scenario.reports.first(where: { $0.id == reportID }) else {
            throw MoodleException.invalidRecord
        }
        guard canView(report, caller: caller, site: scenario.site) else {
            throw MoodleException.noPermissions("View custom reports")
        }
        let filter = state.reportFilters[ReportFilterKey(userID: caller.userID, reportID: reportID)] ?? [:]
        let rows = ReportView.rows(report, scenario, filter: filter)
        let slice = perPage > 0 ? Array(rows.dropFirst(max(0, page) * perPage).prefix(perPage)) : rows
        return [
            "details": ReportView.details(report, scenario),
            "data": [
                "headers": .list(ReportView.headers(report, scenario).map(WSValue.string)),
                "rows": .list(slice.map { ["columns": .list($0.map(WSValue.string))] }),
                // Moodle 5.1 reports 0 on a page past the end.
                "totalrowcount": .int(slice.isEmpty ? 0 : rows.count),
            ],
            "warnings": [],
        ]
    }

    static let setFilters = WSFunction(
        name: "core_reportbuilder_set_filters", parameters: ["reportid", "parameters", "values"], returns: .bool
    ) { params, caller, state in
        let reportID = try params.int("reportid")
        let text = try params.string("values")
        guard state.scenario.reports.contains(where: { $0.id == reportID }) else { throw MoodleException.invalidRecord }
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw MoodleException.invalidParameter
        }
        var values: [String: Double] = [:]
        for (key, value) in object {
            if let number = value as? NSNumber {
                values[key] = number.doubleValue
            } else if let string = value as? String, let number = Double(string) {
                values[key] = number
            }
        }
        state.reportFilters[ReportFilterKey(userID: caller.userID, reportID: reportID)] = values
        return true
    }

    static let filtersReset = WSFunction(
        name: "core_reportbuilder_filters_reset", parameters: ["reportid", "parameters"], returns: .bool
    ) { params, caller, state in
        let reportID = try params.int("reportid")
        guard state.scenario.reports.contains(where: { $0.id == reportID }) else { throw MoodleException.invalidRecord }
        state.reportFilters[ReportFilterKey(userID: caller.userID, reportID: reportID)] = nil
        return true
    }

    static func canView(_ report: Report, caller: WSFunction.Caller, site: Site) -> Bool {
        site.adminUserIDs.contains(caller.userID) || report.audienceUserIDs.map { $0.contains(caller.userID) } ?? true
    }
}
