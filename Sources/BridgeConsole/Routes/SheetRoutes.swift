import BridgeApplication
import Foundation
import Hummingbird

/// `/sheets`: upload a credit sheet, see every row's verdict with nothing written
/// (``ImportCreditSheet`` in a dry run), then write it. The checked file travels back in the commit
/// form and is checked again when written, so what is written is always what was checked.
struct SheetRoutes {
    let console: Console

    func add(to router: Router<ConsoleRequestContext>) {
        router.get("/sheets") { request, context in
            try await console.page(.read, request, context) { signedIn in
                console.pages.render("sheets", console.values(signedIn, title: "sheets", section: "sheets"))
            }
        }
        router.post("/sheets/check") { request, context in
            try await console.form(.writeRecords, request, context) { signedIn, form in
                guard let file = form.files["sheet"], !file.contents.isEmpty else {
                    throw ApplicationError(.unreadableFile, "no file was uploaded: choose a CSV credit sheet")
                }
                let name = Self.fileName(file.filename)
                let result = try await importer.run(
                    .init(path: name, contents: file.contents, operator: signedIn.member.login, dryRun: true))
                var values = console.values(signedIn, title: "sheets", section: "sheets")
                values["file"] = name
                values["encoding"] = result.encoding
                values["refused"] = result.isRefused
                values["ready"] = !result.isRefused && !result.lines.isEmpty
                values["lines"] = result.lines.map(Self.line)
                values["problems"] = result.rowProblems.map {
                    ["row": $0.row, "column": $0.column ?? "", "message": $0.message] as [String: Any]
                }
                values["contents"] = Data(file.contents).base64EncodedString()
                return console.pages.render(
                    "sheet-check", values, status: result.isRefused ? .unprocessableContent : .ok)
            }
        }
        router.post("/sheets/commit") { request, context in
            try await console.form(.writeRecords, request, context) { signedIn, form in
                guard let encoded = form["contents"], let contents = Data(base64Encoded: encoded) else {
                    throw ApplicationError(.unreadableFile, "the form holds no sheet: upload it again")
                }
                let name = Self.fileName(form["file"] ?? "sheet.csv")
                let result = try await importer.run(
                    .init(path: name, contents: Array(contents), operator: signedIn.member.login))
                var values = console.values(signedIn, title: "sheetWritten", section: "sheets")
                values["file"] = name
                values["refused"] = result.isRefused
                values["written"] = result.written
                values["already"] = result.alreadyInLedger
                values["lines"] = result.lines.map(Self.line)
                values["problems"] = result.rowProblems.map {
                    ["row": $0.row, "column": $0.column ?? "", "message": $0.message] as [String: Any]
                }
                return console.pages.render(
                    "sheet-result", values, status: result.isRefused ? .unprocessableContent : .ok)
            }
        }
    }

    private var importer: ImportCreditSheet {
        ImportCreditSheet(mapping: console.mapping, ledger: console.ledger, now: console.now)
    }

    /// The last component of an uploaded file's name (a browser may send a path).
    static func fileName(_ name: String) -> String {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        return last.isEmpty ? "sheet.csv" : last
    }

    static func line(_ line: ImportCreditSheet.Line) -> [String: Any] {
        [
            "row": line.row, "name": line.name, "snils": line.snils ?? "", "module": line.module,
            "moduleTitle": line.moduleTitle, "hours": line.hours, "date": line.date, "form": line.form.rawValue,
        ]
    }
}
