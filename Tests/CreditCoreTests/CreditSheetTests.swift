import CreditCore
import Foundation
import Testing

@Suite("Credit sheets")
struct CreditSheetTests {
    let modules: [ModuleID: Module] = [
        "SEM-MMC-01": Module(id: "SEM-MMC-01", title: "Региональный семинар", hours: 6, form: .seminar),
        "OCH-ICT-01": Module(id: "OCH-ICT-01", title: "Практикум", hours: 18, form: .inPerson),
    ]
    let moscow = TimeZone(identifier: "Europe/Moscow")!

    func sheet(_ text: String, known: [String: Person] = [:]) -> CreditSheet {
        CreditSheet(
            file: "sheet.csv", table: CSVTable(parsing: text), modules: modules, knownPersons: known, timeZone: moscow)
    }

    @Test("CSV: ; or , separators, quoted cells with separators, quotes and line breaks")
    func csv() {
        let table = CSVTable(parsing: "a;b;c\r\n1;\"x;y\";\"say \"\"hi\"\"\"\n2;\"two\nlines\";z\n\n")
        #expect(table.separator == ";")
        #expect(table.header == ["a", "b", "c"])
        #expect(table.rows.map(\.cells) == [["1", "x;y", "say \"hi\""], ["2", "two\nlines", "z"]])
        #expect(table.rows.map(\.line) == [2, 3])
        #expect(CSVTable(parsing: "a,b\n1,2").rows.map(\.cells) == [["1", "2"]])
    }

    @Test("Windows-1251 and UTF-8 with a byte-order mark decode to the same text")
    func encodings() {
        let text = "СНИЛС;Фамилия;Ёлкина"
        let cp1251: [UInt8] = [
            0xD1, 0xCD, 0xC8, 0xCB, 0xD1, 0x3B, 0xD4, 0xE0, 0xEC, 0xE8, 0xEB, 0xE8, 0xFF, 0x3B, 0xA8, 0xEB, 0xEA, 0xE8,
            0xED, 0xE0,
        ]
        #expect(TextDecoding.decode(cp1251) == (text, .windows1251))
        #expect(TextDecoding.decode([0xEF, 0xBB, 0xBF] + Array(text.utf8)) == (text, .utf8))
    }

    @Test("a good sheet gives one credit per row, keyed by person, module and day")
    func goodSheet() throws {
        let result = sheet(
            """
            СНИЛС;Фамилия;Имя;Модуль;Дата;Часы
            112-233-445 95;Кузнецова;Ирина;SEM-MMC-01;14.03.2026;6
            087-654-303 00;Орлов;Сергей;OCH-ICT-01;2026-03-20;
            """, known: ["08765430300": Person(id: "P-7", lastName: "Орлов", firstName: "Сергей", middleName: "Ильич")])
        #expect(result.problems == [])
        let drafts = result.drafts(operator: "registrar")
        #expect(drafts.entries.map(\.person) == ["P-11223344595", "P-7"])
        #expect(drafts.entries.map(\.hours) == [6, 18])
        #expect(drafts.entries.map(\.form) == [.seminar, .inPerson])
        #expect(drafts.entries[0].source == .sheet(file: "sheet.csv", row: 2))
        #expect(drafts.entries[0].occurredAt == Date(timeIntervalSince1970: 1_773_435_600))  // 14.03.2026 00:00 MSK
        #expect(drafts.entries[0].idempotencyKey == "credit/11223344595/SEM-MMC-01/1773435600")
        #expect(
            drafts.keys == [
                PersonKey(kind: .snils, value: "11223344595", person: "P-11223344595"),
                PersonKey(kind: .snils, value: "08765430300", person: "P-7"),
            ])
    }

    @Test("a row names the person its SNILS belongs to, or it is a problem and credits no one")
    func anotherSurnameForAKnownSNILS() {
        let known = ["08765430300": Person(id: "P-7", lastName: "Орлов", firstName: "Сергей")]
        let result = sheet(
            """
            СНИЛС;Фамилия;Имя;Модуль;Дата
            087-654-303 00;Орлова;Светлана;OCH-ICT-01;20.03.2026
            087-654-303 00;ОРЛОВ;сергей;SEM-MMC-01;21.03.2026
            """, known: known)
        #expect(result.lines.map(\.row) == [3])
        #expect(
            result.problems.map(\.description) == [
                "row 2, column Фамилия: SNILS 087-654-303 00 is Орлов Сергей in the ledger, not Орлова Светлана: correct the row, or the registry (`persons import`) if the ledger is wrong"
            ])
    }

    @Test("a row says only what its columns carry: no Отчество column, no middle name, no category")
    func rowsCarryOnlyTheirColumns() {
        let result = sheet(
            """
            СНИЛС;Фамилия;Имя;Модуль;Дата
            087-654-303 00;Орлов;Сергей;OCH-ICT-01;20.03.2026
            """)
        let facts = result.drafts(operator: "registrar").persons
        #expect(facts.count == 1)
        #expect(facts[0].source == .sheet(file: "sheet.csv", row: 2))
        #expect(facts[0].values == [.snils: "087-654-303 00", .lastName: "Орлов", .firstName: "Сергей"])
    }

    @Test("every bad cell is reported with its row and column")
    func badSheet() {
        let result = sheet(
            """
            snils,last_name,first_name,module,date,hours,form
            112-233-445 96,Кузнецова,Ирина,SEM-MMC-01,14.03.2026,6,seminar
            087-654-303 00,,Сергей,OCH-XXX-01,31.02.2026,,
            087-654-303 00,Орлов,Сергей,OCH-ICT-01,20.03.2026,36,lecture
            """)
        #expect(result.lines == [])
        #expect(
            result.problems.map(\.description) == [
                "row 2, column snils: '112-233-445 96': the check digits are 96 but the number gives 95: a digit is mistyped",
                "row 3, column last_name: empty",
                "row 3, column module: unknown module 'OCH-XXX-01'; it is not in the mapping files",
                "row 3, column date: '31.02.2026' is not a date; write dd.mm.yyyy, e.g. 14.03.2026",
                "row 4, column hours: '36' does not match module OCH-ICT-01, which has 18 h",
                "row 4, column form: unknown form 'lecture'; expected очная, дистанционная or семинар",
            ])
        #expect(result.invalidRows == [2, 3, 4])
    }

    @Test("a header without the required columns is one problem per missing column")
    func badHeader() {
        let result = sheet("ФИО;Модуль\nИванова;SEM-MMC-01\n")
        #expect(
            result.problems.map(\.description) == [
                "row 1, column snils: the header has no snils column",
                "row 1, column last_name: the header has no last_name column",
                "row 1, column first_name: the header has no first_name column",
                "row 1, column date: the header has no date column",
            ])
    }

    @Test("hostile cells: a line break, a NUL or a right-to-left override in a name, an unquoted extra field")
    func hostileCells() {
        let header = "СНИЛС;Фамилия;Имя;Модуль;Дата\n"
        let cases: [(row: String, column: String?, message: String)] = [
            ("112-233-445 95;\"Кузне\nцова\";Ирина;SEM-MMC-01;14.03.2025", "Фамилия", "a line break (U+000A)"),
            ("112-233-445 95;Кузне\u{0}цова;Ирина;SEM-MMC-01;14.03.2025", "Фамилия", "a NUL character (U+0000)"),
            (
                "112-233-445 95;Кузнецова;\u{202E}анирИ;SEM-MMC-01;14.03.2025", "Имя",
                "a bidirectional control character (U+202E)"
            ),
            (
                "112-233-445 95;Кузнецова;Ирина;SEM-MMC-01;14.03.2025;лишнее", nil,
                "the row has 6 fields and the header 5"
            ),
        ]
        for hostile in cases {
            let result = sheet(header + hostile.row + "\n")
            #expect(result.lines.isEmpty, "\(hostile.row)")
            #expect(result.problems.count == 1, "\(result.problems)")
            let problem = result.problems.first
            #expect(problem?.row == 2)
            #expect(problem?.column == hostile.column)
            #expect(problem?.message.contains(hostile.message) == true, "\(String(describing: problem))")
            // The message names the character; it never repeats it.
            #expect(problem.map { TextSafety.firstUnsafeScalar(in: $0.description) } == .some(nil))
        }
        // A trailing separator (an empty last field) is no extra field.
        #expect(sheet(header + "112-233-445 95;Кузнецова;Ирина;SEM-MMC-01;14.03.2025;\n").problems.isEmpty)
    }
}
