/// The texts of the Reports and Plan pages, Russian and English (kept apart from the other pages' texts).
extension ConsoleTexts {
    static let reportTable: [String: (ru: String, en: String)] = [
        "reports": ("Отчёты", "Reports"),
        "plan": ("План и факт", "Plan vs actual"),
        "reportsNote": (
            "Любой отчёт реестра — файлом, с теми же условиями отбора, что и в командной строке (moodle-bridge report).",
            "Any report of the ledger as a file, with the same criteria as the command line (moodle-bridge report)."
        ),
        "reportKind": ("Отчёт", "Report"),
        "reportFormat": ("Формат", "Format"),
        "reportLanguage": ("Язык подписей", "Labels"),
        "reportCriteria": ("Условия отбора", "Criteria"),
        "centre": ("ММЦ", "Centre"),
        "fromDay": ("С", "From"),
        "toDay": ("По", "To"),
        "asOfDay": ("По состоянию на", "As of"),
        "personHint": ("номер в реестре или СНИЛС", "ledger id or SNILS"),
        "download": ("Скачать", "Download"),
        "csvNote": (
            "CSV — одна таблица на файл: скачивается основная таблица отчёта; итоги и дополнительные листы есть в XLSX и JSON.",
            "CSV is one table per file: the download is the report's main table; its summary and further sheets are in XLSX and JSON."
        ),
        "personsNote": (
            "Удостоверения и ФИС ФРДО берут персональные данные из реестра слушателей (persons import).",
            "The certificates and frdo reports take personal details from the person registry (persons import)."
        ),
        "noMoodleNote": (
            "Сверка с Moodle недоступна: консоль запущена без подключения к сайтам Moodle.",
            "The reconciliation is not available: this console has no connection to the Moodle sites."
        ),
        "criteriaTable": ("Какие условия принимает каждый отчёт", "Which criteria each report takes"),
        "report_credit-sheet": ("Карточка слушателя (credit-sheet)", "Credit sheet"),
        "report_certificates": ("Удостоверения (certificates)", "Certificates"),
        "report_frdo": ("Выгрузка ФИС ФРДО (frdo)", "Federal registry export (frdo)"),
        "report_statements": ("Справки (statements)", "Statements"),
        "report_plan": ("План и факт (plan)", "Plan vs actual"),
        "report_centres": ("По ММЦ (centres)", "Centres"),
        "report_reconciliation": ("Сверка с Moodle (reconciliation)", "Reconciliation with Moodle"),
        "fromMonth": ("С месяца", "From month"),
        "toMonth": ("По месяц", "To month"),
        "show": ("Показать", "Show"),
        "planChart": ("План и факт по месяцам", "Plan against actual by month"),
        "planChartNote": (
            "Столбцы — сумма строк месяца по формам и категориям: слушателей по плану и обученных.",
            "Bars sum the month's rows over forms and categories: learners planned and learners trained."
        ),
        "plannedLearners": ("план, чел.", "planned learners"),
        "trainedLearners": ("факт, чел.", "trained learners"),
    ]
}
