/// The federal registry's (ФИС ФРДО) upload template for further-training documents: 40 columns
/// (A–AN) in this order on a sheet named «Шаблон». The headers stay Russian in every report language,
/// since the registry reads them.
public enum FRDOTemplate {
    /// The sheet the registry reads.
    public static let sheetName = "Шаблон"

    private static let layout: [(key: String, header: String, width: Int)] = [
        ("documentKind", "Вид документа", 40),
        ("documentStatus", "Статус документа", 12),
        ("lossConfirmed", "Подтверждение утраты", 10),
        ("exchangeConfirmed", "Подтверждение обмена", 10),
        ("destructionConfirmed", "Подтверждение уничтожения", 10),
        ("series", "Серия документа", 10),
        ("number", "Номер документа", 14),
        ("issuedOn", "Дата выдачи документа", 12),
        ("registrationNumber", "Регистрационный номер", 14),
        (
            "programKind",
            "Дополнительная профессиональная программа (повышение квалификации/ профессиональная переподготовка)", 24
        ),
        ("programTitle", "Наименование дополнительной профессиональной программы", 50),
        ("professionalField", "Наименование области профессиональной деятельности", 24),
        ("specialityGroups", "Укрупненные группы специальностей", 16),
        ("qualification", "Наименование квалификации, профессии, специальности", 16),
        ("educationLevel", "Уровень образования ВО/СПО", 20),
        ("diplomaLastName", "Фамилия указанная в дипломе о ВО или СПО", 16),
        ("diplomaSeries", "Серия документа о ВО/СПО", 10),
        ("diplomaNumber", "Номер документа о ВО/СПО", 14),
        ("startYear", "Год начала обучения (для документа о квалификации)", 10),
        ("endYear", "Год окончания обучения (для документа о квалификации)", 10),
        ("hours", "Срок обучения, часов (для документа о квалификации)", 10),
        ("lastName", "Фамилия получателя", 16),
        ("firstName", "Имя получателя", 14),
        ("middleName", "Отчество получателя", 16),
        ("birthDate", "Дата рождения получателя", 12),
        ("sex", "Пол получателя", 8),
        ("snils", "СНИЛС", 15),
        ("studyForm", "Форма обучения", 14),
        ("funding", "Источник финансирования обучения", 20),
        ("formAtTermination", "Форма получения образования на момент прекращения образовательных отношений", 20),
        ("citizenship", "Гражданство получателя (код страны по ОКСМ)", 10),
        ("originalTitle", "Наименование документа об образовании (оригинала)", 16),
        ("originalSeries", "Серия (оригинала)", 10),
        ("originalNumber", "Номер (оригинала)", 10),
        ("originalRegistrationNumber", "Регистрационный N (оригинала)", 10),
        ("originalIssuedOn", "Дата выдачи (оригинала)", 10),
        ("originalLastName", "Фамилия получателя (оригинала)", 10),
        ("originalFirstName", "Имя получателя (оригинала)", 10),
        ("originalMiddleName", "Отчество получателя (оригинала)", 10),
        ("numberToChange", "Номер документа для изменения", 10),
    ]

    /// The 40 columns in the template's order.
    public static let columns: [ReportColumn] = layout.map {
        ReportColumn($0.key, ru: $0.header, en: $0.header, width: $0.width)
    }

    /// The position (0-based) of the column with `key`.
    static func index(_ key: String) -> Int { layout.firstIndex { $0.key == key }! }

    /// The header of the column with `key`.
    static func header(_ key: String) -> String { layout[index(key)].header }
}
