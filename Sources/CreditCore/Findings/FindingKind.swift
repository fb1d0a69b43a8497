/// The one vocabulary of findings, from the sync to the reports and the console: each kind of
/// doubt the bridge raises instead of changing something silently, with what to do about it.
public enum FindingKind: String, CaseIterable, Hashable, Sendable, Codable {
    /// A completion Moodle shows that the ledger has not credited yet (a dry run lists them).
    case notYetCredited = "not-yet-credited"
    /// A course with completions that maps to no module and carries no hours.
    case unmappedCourse = "unmapped-course"
    /// A Moodle user whose identity keys are all empty or unknown-and-unusable.
    case unmatchedUser = "unmatched-user"
    /// A Moodle user whose keys point at different persons.
    case ambiguousMatch = "ambiguous-match"
    /// A credited completion Moodle can no longer show (enrolment ended or suspended, account
    /// suspended or deleted, user unenrolled): the credit stays.
    case noLongerVerifiable = "no-longer-verifiable"
    /// A credited completion Moodle reports as not complete while every completion criterion is
    /// complete: Moodle's completion task (cron) has not aggregated it yet. Never a revocation.
    case awaitingCompletionTask = "awaiting-completion-task"
    /// A credited completion Moodle now reports as not complete: flagged for review.
    case revocationFlagged = "revocation-flagged"
    /// A credited completion Moodle reports as not complete, reversed by the site's policy.
    case revocationReversed = "revocation-reversed"
    /// A credit's hours differ from its module's hours today (in Moodle or the mapping files).
    case hoursMismatch = "hours-mismatch"
    /// A user's identity key that cannot serve (a SNILS failing its check digits, an e-mail
    /// that is not an address): left out of matching, to be corrected in Moodle.
    case invalidKey = "invalid-key"
    /// A name from Moodle holding a control or bidirectional control character: stored without it.
    case unsafeName = "unsafe-name"
    /// An issued, not cancelled certificate or statement certifies a credit since reversed: the
    /// document stays as issued, for a registrar to review.
    case documentReliesOnReversedCredit = "document-relies-on-reversed-credit"
    /// Two persons of the registry that look like one teacher (the same SNILS, idnumber or e-mail, or
    /// the same full name and birth date): a registrar decides whether to merge them.
    case possibleDuplicate = "possible-duplicate"
    /// A merge or unmerge changed whose credits an issued, not cancelled certificate or statement of
    /// one of the two persons rests on: the document stays as issued, for a registrar to review.
    case mergeChangesDocument = "merge-changes-document"
}

extension FindingKind {
    /// The kind in a few words.
    public var label: LocalizedText {
        switch self {
        case .notYetCredited: LocalizedText(ru: "Завершение не зачтено", en: "Completion not credited")
        case .revocationFlagged:
            LocalizedText(ru: "Зачёт отозван в Moodle", en: "Credit no longer complete in Moodle")
        case .revocationReversed:
            LocalizedText(
                ru: "Зачёт отозван в Moodle и сторнирован", en: "Credit no longer complete in Moodle, reversed")
        case .hoursMismatch: LocalizedText(ru: "Расхождение часов", en: "Hour mismatch")
        case .unmappedCourse: LocalizedText(ru: "Курс без модуля", en: "Unmapped course")
        case .unmatchedUser: LocalizedText(ru: "Пользователь не сопоставлен", en: "Moodle user without a person")
        case .ambiguousMatch: LocalizedText(ru: "Неоднозначное сопоставление", en: "Ambiguous match")
        case .noLongerVerifiable:
            LocalizedText(ru: "Завершение нельзя проверить", en: "Completion no longer verifiable")
        case .invalidKey: LocalizedText(ru: "Неверный ключ слушателя", en: "Invalid identity key")
        case .unsafeName: LocalizedText(ru: "Недопустимый символ в имени", en: "Unsafe character in a name")
        case .awaitingCompletionTask:
            LocalizedText(ru: "Ожидает задачи завершения Moodle", en: "Awaiting Moodle's completion task")
        case .documentReliesOnReversedCredit:
            LocalizedText(ru: "Документ опирается на сторнированный зачёт", en: "Document relies on a reversed credit")
        case .possibleDuplicate: LocalizedText(ru: "Возможный дубль слушателя", en: "Possible duplicate person")
        case .mergeChangesDocument:
            LocalizedText(ru: "Объединение затрагивает документ", en: "Merge affects an issued document")
        }
    }

    /// What the administrator should do about it, in one sentence.
    public var action: LocalizedText {
        switch self {
        case .notYetCredited:
            LocalizedText(
                ru: "Запустите синхронизацию; если зачёт не появился, проверьте сопоставление курса и слушателя.",
                en: "Run the sync; if the credit still does not appear, check the course's and the user's mapping.")
        case .revocationReversed:
            LocalizedText(
                ru:
                    "Зачёт сторнирован по правилу сайта (revocations: reverse). Уточните у преподавателя курса; документы, опиравшиеся на зачёт, названы отдельными строками.",
                en:
                    "The credit was reversed by the site's policy (revocations: reverse). Ask the course's teacher; documents that relied on it are listed as rows of their own."
            )
        case .revocationFlagged:
            LocalizedText(
                ru:
                    "Уточните у преподавателя курса; если завершение снято законно, сторнируйте зачёт командой ledger reverse.",
                en:
                    "Ask the course's teacher; if the completion was rightly withdrawn, reverse the credit with `ledger reverse`."
            )
        case .hoursMismatch:
            LocalizedText(
                ru:
                    "Часы модуля изменены после зачёта: зачёт остаётся с прежними часами; если новые часы относятся и к нему, перезачтите командой ledger rehour МОДУЛЬ.",
                en:
                    "The module's hours changed after crediting: the credit keeps its hours; if the new hours apply to it too, re-credit it with `ledger rehour MODULE`."
            )
        case .unmappedCourse:
            LocalizedText(
                ru:
                    "Добавьте курс к модулю в Mappings/modules.yaml (или задайте часы в поле курса) и запустите синхронизацию.",
                en: "Map the course to a module in Mappings/modules.yaml (or set its hours field) and run the sync.")
        case .unmatchedUser:
            LocalizedText(
                ru:
                    "Заполните в профиле Moodle СНИЛС, idnumber или e-mail, совпадающие со слушателем, либо внесите слушателя в Mappings/persons.yaml.",
                en:
                    "Fill in the user's SNILS, idnumber or e-mail in Moodle to match the learner, or add the learner to Mappings/persons.yaml."
            )
        case .ambiguousMatch:
            LocalizedText(
                ru:
                    "Ключи пользователя указывают на нескольких слушателей: исправьте дублирующиеся СНИЛС, idnumber или e-mail.",
                en: "The user's keys point at several learners: correct the duplicate SNILS, idnumber or e-mail.")
        case .noLongerVerifiable:
            LocalizedText(
                ru:
                    "Ничего не делайте, если зачёт подтверждён документом; иначе восстановите запись на курс и проверьте завершение.",
                en:
                    "Nothing, if the credit rests on a document; otherwise restore the enrolment and check the completion."
            )
        case .awaitingCompletionTask:
            LocalizedText(
                ru:
                    "Ничего: задача завершения курсов Moodle (cron) снова отметит курс завершённым; если отметка не появляется сутки, проверьте cron сайта.",
                en:
                    "Nothing: Moodle's completion task (cron) will mark the course complete again; if it does not within a day, check the site's cron."
            )
        case .unsafeName:
            LocalizedText(
                ru:
                    "Исправьте имя в профиле пользователя Moodle; в реестр оно записано без этого символа, чтобы отчёты и документы читались как написано.",
                en:
                    "Correct the name in the user's Moodle profile; the ledger stores it without the character, so that reports and documents read as written."
            )
        case .invalidKey:
            LocalizedText(
                ru:
                    "Исправьте значение в профиле пользователя Moodle (СНИЛС с верной контрольной суммой, адрес e-mail); до исправления по нему слушатель не сопоставляется.",
                en:
                    "Correct the value in the user's Moodle profile (a SNILS with valid check digits, an e-mail address); until then the learner is not matched by it."
            )
        case .documentReliesOnReversedCredit:
            LocalizedText(
                ru:
                    "Документ остаётся выданным: проверьте его; если без этого зачёта он неверен, аннулируйте его командой certificates cancel (statements cancel) и выдайте новый.",
                en:
                    "The document stays as issued: review it; if it is wrong without this credit, cancel it with `certificates cancel` (`statements cancel`) and issue a new one."
            )
        case .possibleDuplicate:
            LocalizedText(
                ru:
                    "Сверьте обоих слушателей (persons duplicates); если это один человек, объедините их командой persons merge ОСНОВНОЙ ДРУГОЙ --reason …, иначе исправьте совпадающий ключ в Moodle.",
                en:
                    "Compare the two persons (`persons duplicates`); if they are one teacher, merge them with `persons merge KEEP OTHER --reason …`, otherwise correct the shared key in Moodle."
            )
        case .mergeChangesDocument:
            LocalizedText(
                ru:
                    "Документ остаётся выданным: проверьте его; если после объединения (разъединения) он неверен, аннулируйте его и выдайте новый.",
                en:
                    "The document stays as issued: review it; if it is wrong after the merge (unmerge), cancel it and issue a new one."
            )
        }
    }
}
