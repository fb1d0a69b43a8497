/// The texts of the learner card's forms (add a credit, open a route, correct the person's data),
/// Russian and English.
enum ConsoleCardTexts {
    static let table: [String: (ru: String, en: String)] = [
        "addCredit": ("Добавить зачёт", "Add a credit"),
        "addCreditHint": (
            "Модуль, пройденный очно или на семинаре, по документу (ведомость, приказ).",
            "A module passed in person or at a seminar, on the strength of a document (credit sheet, order)."
        ),
        "addCreditNeedsSNILS": (
            "Зачёт вручную вносится по СНИЛС: сначала укажите СНИЛС в данных слушателя.",
            "A credit by hand is entered by SNILS: first add the SNILS to the learner's data."
        ),
        "creditDocument": ("Документ (ведомость)", "Document (credit sheet)"),
        "dateDMY": ("Дата (дд.мм.гггг)", "Date (dd.mm.yyyy)"),
        "creditAdded": ("Зачёт записан", "Credit written"),
        "creditAlreadyThere": ("Такой зачёт уже есть в реестре", "The ledger already holds this credit"),
        "openRoute": ("Открыть маршрут", "Open a route"),
        "startDMY": ("Начало (дд.мм.гггг)", "Start (dd.mm.yyyy)"),
        "routeOpened": ("Маршрут открыт", "Route opened"),
        "editPerson": ("Данные слушателя", "Learner's data"),
        "editPersonHint": (
            "Пустое поле оставляет значение как есть. Каждое изменение записывается в историю с вашим логином.",
            "An empty field leaves the value as it is. Each change is recorded in the history with your login."
        ),
        "save": ("Сохранить", "Save"),
        "personSaved": ("Данные сохранены; изменено полей", "Data saved; fields changed"),
        "field_last_name": ("Фамилия", "Last name"),
        "field_first_name": ("Имя", "First name"),
        "field_middle_name": ("Отчество", "Middle name"),
        "field_snils": ("СНИЛС", "SNILS"),
        "field_birth_date": ("Дата рождения (дд.мм.гггг)", "Birth date (dd.mm.yyyy)"),
        "field_sex": ("Пол (Муж/Жен)", "Sex (Муж/Жен)"),
        "field_education_level": ("Уровень образования", "Education level"),
        "field_diploma_last_name": ("Фамилия в дипломе", "Last name in the diploma"),
        "field_diploma_series": ("Серия диплома", "Diploma series"),
        "field_diploma_number": ("Номер диплома", "Diploma number"),
        "field_citizenship": ("Гражданство", "Citizenship"),
        "field_funding": ("Источник финансирования", "Funding"),
        "duplicates": ("Возможные дубли", "Possible duplicates"),
        "duplicatesHint": (
            "Пары слушателей, похожих на одного педагога: одинаковый СНИЛС, idnumber или e-mail на разных сайтах, одинаковые ФИО и дата рождения. Объединение можно отменить.",
            "Pairs of learners that look like one teacher: the same SNILS, idnumber or e-mail across sites, the same full name and birth date. A merge can be undone."
        ),
        "noDuplicates": ("Возможных дублей нет.", "No possible duplicates."),
        "evidence": ("Основание", "Evidence"),
        "mergeSecondIntoFirst": ("Объединить: второго в первого", "Merge the second into the first"),
        "mergesTitle": ("Объединение", "Merges"),
        "mergedInto": ("Этот слушатель объединён со слушателем", "This learner is merged into"),
        "mergedHere": ("Объединён с этим слушателем:", "Merged into this learner:"),
        "mergeIntoThis": ("Объединить с этим слушателем", "Merge into this learner"),
        "otherPersonID": ("ID другого слушателя", "The other learner's ID"),
        "unmerge": ("Отменить объединение", "Undo the merge"),
        "mergesHint": (
            "Зачёты объединённого слушателя считаются здесь, каждый модуль один раз; отмена возвращает прежние итоги.",
            "The credits of a merged learner count here, each module once; undoing the merge restores the earlier totals."
        ),
        "mergedNow": ("Объединено", "Merged"),
        "newFindingsSinceVisit": ("новых с вашего прошлого посещения", "new since your last visit"),
        "unmergedNow": ("Объединение отменено", "Merge undone"),
    ]
}
