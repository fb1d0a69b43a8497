import CreditCore
import CreditReports
import Foundation
import Testing

/// The federal registry export: the template's columns, a known row, and rows lacking data reported.
@Suite("FRDO export")
struct FRDOExportTests {
    static let templateHeaders = [
        "Вид документа", "Статус документа", "Подтверждение утраты", "Подтверждение обмена",
        "Подтверждение уничтожения", "Серия документа", "Номер документа", "Дата выдачи документа",
        "Регистрационный номер",
        "Дополнительная профессиональная программа (повышение квалификации/ профессиональная переподготовка)",
        "Наименование дополнительной профессиональной программы",
        "Наименование области профессиональной деятельности", "Укрупненные группы специальностей",
        "Наименование квалификации, профессии, специальности", "Уровень образования ВО/СПО",
        "Фамилия указанная в дипломе о ВО или СПО", "Серия документа о ВО/СПО", "Номер документа о ВО/СПО",
        "Год начала обучения (для документа о квалификации)", "Год окончания обучения (для документа о квалификации)",
        "Срок обучения, часов (для документа о квалификации)", "Фамилия получателя", "Имя получателя",
        "Отчество получателя", "Дата рождения получателя", "Пол получателя", "СНИЛС", "Форма обучения",
        "Источник финансирования обучения",
        "Форма получения образования на момент прекращения образовательных отношений",
        "Гражданство получателя (код страны по ОКСМ)", "Наименование документа об образовании (оригинала)",
        "Серия (оригинала)", "Номер (оригинала)", "Регистрационный N (оригинала)", "Дата выдачи (оригинала)",
        "Фамилия получателя (оригинала)", "Имя получателя (оригинала)", "Отчество получателя (оригинала)",
        "Номер документа для изменения",
    ]

    @Test("Exactly the template's 40 columns, in order, in both languages")
    func columns() async throws {
        let table = try await ReportFixture.make().frdo().table
        #expect(table.columns.count == 40)
        #expect(table.headers(.ru) == Self.templateHeaders)
        #expect(table.headers(.en) == Self.templateHeaders)
    }

    @Test("A known row, cell by cell")
    func knownRow() async throws {
        let export = try await ReportFixture.make().frdo()
        #expect(export.table.rows.count == 1)
        let row = try #require(export.table.rows.first).map { $0.plainText(.ru) }
        let snils = "123-456-789 \(SNILS.checksum(ofFirstNine: "123456789"))"
        let expected = [
            "Удостоверение о повышении квалификации", "Оригинал", "Нет", "Нет", "Нет", "нет", "2026-00001",
            "02.02.2026", "2026-00001", "Повышение квалификации",
            "Повышение квалификации по накопительной системе (72 ч, свободный выбор модулей)",
            "Образование и педагогические науки", "", "", "Высшее образование", "Смирнова", "1077", "0456789",
            "2025", "2025", "72", "Иванова", "Анна", "Сергеевна", "14.03.1985", "Жен", snils, "Очно-заочная",
            "Бюджетное обучение", "", "643", "", "", "", "", "", "", "", "", "",
        ]
        #expect(row.count == 40)
        for (index, pair) in zip(row, expected).enumerated() {
            #expect(pair.0 == pair.1, "column \(index + 1) «\(Self.templateHeaders[index])»")
        }
    }

    @Test("A certificate lacking a required value is reported, not exported")
    func missingValues() async throws {
        let export = try await ReportFixture.make().frdo()
        #expect(export.problems.map(\.person) == ["P-0002"])
        #expect(export.problems.map(\.column) == ["Дата рождения получателя"])
        #expect(!export.table.rows.contains { $0.contains(.text("Петров")) })
    }

    @Test("Without a persons file nothing is exported and every certificate is reported")
    func noPersonsFile() async throws {
        let fixture = try await ReportFixture.make()
        let export = FRDOBuilder().build(snapshot: fixture.snapshot, details: nil, context: fixture.context)
        #expect(export.table.rows.isEmpty)
        #expect(Set(export.problems.map(\.person)) == ["P-0001", "P-0002"])
    }

    @Test("The XLSX has the sheet «Шаблон», text dates and SNILS as text")
    func xlsx() async throws {
        let content = try XLSXContent(try XLSXReportWriter().write(try await ReportFixture.make().frdo().table))
        #expect(content.sheetNames.first == "Шаблон")
        #expect(content.table("H", 1)?.type == "s")
        #expect(content.table("H", 1)?.value == "02.02.2026")
        #expect(content.table("AA", 1)?.type == "s")
        #expect(content.table("AN", 0)?.value == "Номер документа для изменения")
    }

    @Test("The persons file reports bad rows")
    func personsFileProblems() {
        let file = PersonDetailsFile(
            bytes: Array("person_id,birth_date,sex\nP-1,31.02.x,ж\n,01.01.1990,м\nP-2,1990-01-05,Жен\n".utf8))
        #expect(file.problems.map(\.line) == [2, 3])
        #expect(file.details.map(\.person) == ["P-1", "P-2"])
        #expect(file.details.last?.birthDate == ReportDay(year: 1990, month: 1, day: 5))
    }
}
