/// The texts of the correction actions (reverse a credit, cancel a document) and of the printable
/// pages, Russian and English.
enum ConsoleActionTexts {
    static let table: [String: (ru: String, en: String)] = [
        "actions": ("Действия", "Actions"),
        "reason": ("Причина", "Reason"),
        "orderDocument": ("Документ (приказ)", "Document (order)"),
        "reverse": ("Аннулировать запись", "Reverse the credit"),
        "reversedNow": ("Запись аннулирована", "The credit was reversed"),
        "reversedCredit": ("Аннулирована запись", "Reversed credit"),
        "findings": ("Замечания", "Findings"),
        "findingsHint": (
            "Выданные документы, которые опираются на аннулированные записи. Документ остаётся выданным, пока его не аннулируют.",
            "Issued documents that rely on reversed credits. A document stays issued until it is cancelled."
        ),
        "reliesOn": ("опирается на аннулированную запись", "relies on reversed credit"),
        "noFindings": ("Замечаний нет.", "No findings."),
        "toCard": ("К карточке слушателя", "To the learner's card"),
        "cancelDocument": ("Аннулировать документ", "Cancel the document"),
        "cancelledNow": ("Документ аннулирован", "The document was cancelled"),
        "cancelledBy": ("аннулирован записью", "cancelled by"),
        "verificationCode": ("Код проверки", "Verification code"),
        "print": ("Для печати", "Printable"),
        "printLower": ("для печати", "printable"),
        "statement": ("Справка", "Statement"),
        "statementTitle": ("Справка об освоении модулей", "Statement of modules passed"),
        "statementText": (
            "Настоящая справка выдана в том, что слушатель освоил следующие модули индивидуального образовательного маршрута по программе",
            "This statement certifies that the learner passed the following modules of the individual route in the program"
        ),
        "creditSheet": ("Зачётный лист", "Credit sheet"),
        "creditSheetTitle": ("Зачётный лист слушателя", "Learner's credit sheet"),
        "registry": ("Книга регистрации удостоверений", "Certificates registry book"),
        "registryTitle": ("Книга регистрации выданных удостоверений", "Registry of certificates issued"),
        "total": ("Итого", "Total"),
        "nr": ("№", "No."),
        "dated": ("от", "of"),
        "period": ("Срок маршрута", "Route period"),
        "notIssuedYet": (
            "Справка по маршруту ещё не выдана: показано, что она удостоверила бы сегодня.",
            "No statement has been issued for the route: this is what one issued today would state."
        ),
        "head": ("Руководитель", "Head of the institution"),
        "secretary": ("Секретарь / ответственное лицо", "Secretary / responsible person"),
        "seal": ("М.П.", "Seal"),
        "signature": ("подпись", "signature"),
        "fullNameHint": ("расшифровка", "name"),
        "madeOn": ("Дата", "Date"),
        "holder": ("Владелец", "Holder"),
        "printHint": (
            "Страница для печати (A4): при печати меню и кнопки не выводятся.",
            "A printable page (A4): the menu and buttons are left out when printed."
        ),
    ]
}
