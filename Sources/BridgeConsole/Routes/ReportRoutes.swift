import BridgeApplication
import CreditCore
import CreditReports
import Foundation
import Hummingbird

/// `/reports`: every report for download (``ExportReport``) in CSV, XLSX or JSON, Russian or
/// English labels, with the command line's criteria. A criterion the report refuses is named on the
/// form's page, as the command line names it.
///
/// CSV is one table per file and a download is one file: the CSV download is the report's main
/// table; its summary and further sheets are in the XLSX and JSON downloads, which carry everything.
/// The certificates and frdo reports read the ledger's person registry (there is no persons-file
/// upload here). The reconciliation reads every Moodle site, so it is offered only when the console
/// was given a connection to Moodle (``ConsoleServer/Configuration/connect``).
struct ReportRoutes {
    let console: Console

    static let fields = ["kind", "format", "lang", "site", "centre", "category", "from", "to", "person", "asOf"]

    func add(to router: Router<ConsoleRequestContext>) {
        router.get("/reports") { request, context in
            try await console.page(.read, request, context) { signedIn in
                form(signedIn, request.uri.queryParameters, message: nil)
            }
        }
        router.get("/reports/download") { request, context in
            try await console.page(.read, request, context) { signedIn in
                let query = request.uri.queryParameters
                do {
                    return try await download(query)
                } catch let error as ApplicationError {
                    return form(signedIn, query, message: error.message, status: .badRequest)
                }
            }
        }
    }

    /// The report the query asks for, as an attachment named `KIND.FORMAT`.
    private func download(_ query: Parameters) async throws -> Response {
        func value(_ name: String) -> String? {
            guard let text = query.get(name)?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            return text
        }
        let kindText = value("kind") ?? ""
        guard let kind = ReportKind(rawValue: kindText) else {
            throw ApplicationError(.invalidValue, "no report '\(kindText)'; the reports are: \(Self.kindList)")
        }
        let format = try Self.choice(value("format") ?? "csv", of: ReportFormat.self, name: "format")
        let language = try Self.choice(value("lang") ?? "ru", of: ReportLanguage.self, name: "language")
        var category: LearnerCategory?
        if let text = value("category") {
            category = try Self.choice(text, of: LearnerCategory.self, name: "category")
        }
        let criteria = ReportCriteria(
            site: value("site"), centre: value("centre"), category: category,
            from: try ExportReport.day(value("from"), for: .from), to: try ExportReport.day(value("to"), for: .to),
            person: value("person"), asOf: try ExportReport.day(value("asOf"), for: .asOf))
        let report = try await ExportReport(
            configuration: console.region, ledger: console.ledger, connect: console.configuration.connect,
            now: console.now
        ).run(.init(kind: kind, criteria: criteria))
        let file: ReportFormat.File
        do {
            file = try format.files(report.table, name: kind.rawValue, language: language)[0]
        } catch {
            throw ApplicationError(.invalidValue, "cannot write the report: \(error)")
        }
        return Response(
            status: .ok,
            headers: [
                .contentType: Self.contentType(format),
                .contentDisposition: "attachment; filename=\"\(file.name)\"",
                .cacheControl: "no-store",
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: file.data)))
    }

    /// The form, filled in with what was asked, and `message` when the report was refused.
    private func form(
        _ signedIn: SignedIn, _ query: Parameters, message: String?, status: HTTPResponse.Status = .ok
    ) -> Response {
        let texts = signedIn.language.texts
        var values = console.values(signedIn, title: "reports", section: "reports")
        // The language switch returns to the form, never to a download.
        values["here"] = "/reports"
        var asked: [String: String] = [:]
        for name in Self.fields { asked[name] = query.get(name) ?? "" }
        values["asked"] = asked
        if let message { values["message"] = message }
        let kind = asked["kind"].flatMap { ReportKind(rawValue: $0) } ?? .certificates
        values["kinds"] = ReportKind.allCases.map {
            Self.option($0.rawValue, texts["report_\($0.rawValue)"] ?? $0.rawValue, selected: $0 == kind)
        }
        let format = asked["format"] ?? ""
        values["formats"] = ReportFormat.allCases.map {
            Self.option($0.rawValue, $0.rawValue.uppercased(), selected: $0.rawValue == format)
        }
        let language = asked["lang"].flatMap { $0.isEmpty ? nil : $0 } ?? signedIn.language.rawValue
        values["languages"] = ReportLanguage.allCases.map {
            Self.option($0.rawValue, $0 == .ru ? "русский" : "English", selected: $0.rawValue == language)
        }
        values["sites"] = console.mapping.sites.map {
            Self.option($0.id.rawValue, $0.id.rawValue, selected: $0.id.rawValue == asked["site"])
        }
        values["categories"] = LearnerCategory.allCases.map {
            Self.option(
                $0.rawValue, texts["category_\($0.rawValue)"] ?? $0.rawValue, selected: $0.rawValue == asked["category"]
            )
        }
        values["reconciliation"] = console.configuration.connect != nil
        // Which criterion each report takes: the reports' own rule, shown.
        values["criteria"] = ReportCriterion.allCases.map { ["option": $0.option] }
        values["applies"] = ReportKind.allCases.map { kind in
            [
                "kind": texts["report_\(kind.rawValue)"] ?? kind.rawValue,
                "cells": ReportCriterion.allCases.map { ["applies": kind.refusal(of: $0) == nil] },
            ] as [String: Any]
        }
        return console.pages.render("reports", values, status: status)
    }

    static var kindList: String { ReportKind.allCases.map(\.rawValue).joined(separator: ", ") }

    static func choice<Value: RawRepresentable & CaseIterable>(
        _ text: String, of type: Value.Type, name: String
    ) throws -> Value where Value.RawValue == String {
        guard let value = Value(rawValue: text) else {
            let known = Value.allCases.map(\.rawValue).joined(separator: ", ")
            throw ApplicationError(.invalidValue, "no \(name) '\(text)'; choose one of: \(known)")
        }
        return value
    }

    static func option(_ value: String, _ label: String, selected: Bool) -> [String: Any] {
        ["value": value, "label": label, "selected": selected]
    }

    static func contentType(_ format: ReportFormat) -> String {
        switch format {
        case .csv: "text/csv; charset=utf-8"
        case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case .json: "application/json; charset=utf-8"
        }
    }
}
