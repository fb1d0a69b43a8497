extension MoodleSite {
    /// `core_reportbuilder_list_reports`: custom reports the token user may view (Moodle's
    /// defaults: page 0, 10 per page).
    public func listReports(page: Int? = nil, perPage: Int? = nil) async throws -> MoodleReportList {
        var arguments = MoodleArguments()
        arguments.append("page", page.map { .int($0) })
        arguments.append("perpage", perPage.map { .int($0) })
        return try await call(MoodleFunction.listReports, arguments, as: MoodleReportList.self)
    }

    /// `core_reportbuilder_retrieve_report`: one page; `perPage` 0 returns every row.
    public func retrieveReport(reportID: Int, page: Int = 0, perPage: Int = 10) async throws -> MoodleReportPage {
        try await call(
            MoodleFunction.retrieveReport, ["reportid": .int(reportID), "page": .int(page), "perpage": .int(perPage)],
            as: MoodleReportPage.self)
    }

    /// Reads every row, page by page, stopping on a short or empty page (a page past the end
    /// reports `totalrowcount` 0, so the count is taken from page 0).
    public func allReportRows(reportID: Int, perPage: Int = 500) async throws -> MoodleReportRows {
        let perPage = max(1, perPage)
        let first = try await retrieveReport(reportID: reportID, page: 0, perPage: perPage)
        var result = MoodleReportRows(
            headers: first.headers, rows: first.rows, totalRowCount: first.totalRowCount, pagesRead: 1)
        var lastCount = first.rows.count
        while lastCount == perPage, result.rows.count < first.totalRowCount {
            let next = try await retrieveReport(reportID: reportID, page: result.pagesRead, perPage: perPage)
            result.pagesRead += 1
            result.rows += next.rows
            lastCount = next.rows.count
        }
        return result
    }

    /// `core_reportbuilder_set_filters` with `values` as JSON text, e.g.
    /// `{"completion:timecompleted_operator":3,"completion:timecompleted_from":1751328000,"completion:timecompleted_to":0}`.
    /// Filters persist per token user until ``resetReportFilters(reportID:)``.
    @discardableResult
    public func setReportFilters(reportID: Int, valuesJSON: String, parameters: String = "") async throws -> Bool {
        var arguments: MoodleArguments = ["reportid": .int(reportID)]
        if !parameters.isEmpty { arguments.append("parameters", .string(parameters)) }
        arguments.append("values", .string(valuesJSON))
        return try await call(MoodleFunction.setReportFilters, arguments, as: Bool.self)
    }

    /// `core_reportbuilder_set_filters` from typed values (integers, strings), encoded as JSON.
    @discardableResult
    public func setReportFilters(reportID: Int, values: [MoodleNamedParameter]) async throws -> Bool {
        try await setReportFilters(reportID: reportID, valuesJSON: MoodleArguments(values).jsonObjectText)
    }

    /// Sets a date-range filter (operator 3) on `filter` (e.g. `completion:timecompleted`);
    /// `to` `nil` leaves the range open-ended.
    @discardableResult
    public func setReportDateRangeFilter(reportID: Int, filter: String, from: Int, to: Int? = nil) async throws -> Bool
    {
        try await setReportFilters(
            reportID: reportID,
            values: [
                MoodleNamedParameter("\(filter)_operator", .int(3)),
                MoodleNamedParameter("\(filter)_from", .int(from)),
                MoodleNamedParameter("\(filter)_to", .int(to ?? 0)),
            ])
    }

    /// `core_reportbuilder_filters_reset`.
    @discardableResult
    public func resetReportFilters(reportID: Int) async throws -> Bool {
        try await call(MoodleFunction.resetReportFilters, ["reportid": .int(reportID)], as: Bool.self)
    }
}
