/// The texts of the reconciliation queue, Russian and English.
extension ConsoleTexts {
    static let findingsTable: [String: (ru: String, en: String)] = [
        "findingsQueue": ("Сверка", "Reconciliation queue"),
        "findingsQueueNote": (
            "Открытые замечания синхронизаций: каждое до тех пор, пока его не подтвердят с причиной или пока синхронизация, проверившая то же, его больше не найдёт.",
            "The syncs' open findings: each stays until someone acknowledges it with a reason, or a sync that looked at the same thing no longer finds it."
        ),
        "allSites": ("все сайты", "all sites"),
        "allCentres": ("все ММЦ", "all centres"),
        "filter": ("Показать", "Show"),
        "findingsFirstVisit": (
            "Вы открыли очередь впервые: новыми отмечены все замечания.",
            "Your first visit of the queue: every finding is marked new."
        ),
        "findingsNewSince": ("Новых с вашего прошлого визита", "New since your last visit"),
        "findingKind": ("Замечание", "Finding"),
        "findingDetail": ("Подробности и что делать", "Details and what to do"),
        "findingSeen": ("Впервые — последний раз", "First seen — last seen"),
        "findingNew": ("новое", "new"),
        "findingAcknowledge": ("Подтвердить", "Acknowledge"),
        "findingReason": ("причина", "reason"),
        "findingAcknowledged": ("Подтверждено замечание", "Acknowledged finding"),
        "noOpenFindings": ("Открытых замечаний нет.", "No open findings."),
    ]
}
