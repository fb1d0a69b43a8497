import CreditCore

/// One difference between Moodle and the ledger, as the sync finds it, for the reconciliation report.
public struct ReconciliationItem: Hashable, Sendable {
    /// What kind of difference it is; each kind says what the administrator should do.
    public enum Kind: String, CaseIterable, Hashable, Sendable, Codable {
        /// Moodle shows a completion the ledger has not credited yet.
        case completionNotCredited = "completion-not-credited"
        /// A credited completion that Moodle now says is not complete (flagged as a revocation).
        case creditNoLongerComplete = "credit-no-longer-complete"
        /// The ledger's hours differ from the module's hours in the mapping today.
        case hourMismatch = "hour-mismatch"
        /// A Moodle course with completions that no module maps.
        case unmappedCourse = "unmapped-course"
        /// A Moodle user with completions whom no person key matches.
        case userWithoutPerson = "user-without-person"
        /// A Moodle user whose keys match more than one person.
        case ambiguousMatch = "ambiguous-match"
        /// A credited completion Moodle no longer shows (expired or suspended enrolment, deleted user).
        case completionNotVerifiable = "completion-not-verifiable"
        /// A user's identity key that cannot serve: a SNILS failing its check digits, a malformed e-mail.
        case invalidKey = "invalid-key"
        /// An issued, not cancelled certificate or statement certifies a credit since reversed.
        case documentReliesOnReversedCredit = "document-relies-on-reversed-credit"
    }

    public var kind: Kind
    public var site: SiteID?
    public var courseID: Int?
    /// The course's name as Moodle shows it.
    public var courseName: String?
    public var userID: Int?
    /// The user's name (or e-mail) as Moodle shows it.
    public var userName: String?
    public var person: PersonID?
    public var module: ModuleID?
    public var hours: CreditHours?
    /// The particulars, in one sentence (e.g. "ledger 24 h, mapping 18 h").
    public var detail: String

    public init(
        kind: Kind, site: SiteID? = nil, courseID: Int? = nil, courseName: String? = nil, userID: Int? = nil,
        userName: String? = nil, person: PersonID? = nil, module: ModuleID? = nil, hours: CreditHours? = nil,
        detail: String = ""
    ) {
        self.kind = kind
        self.site = site
        self.courseID = courseID
        self.courseName = courseName
        self.userID = userID
        self.userName = userName
        self.person = person
        self.module = module
        self.hours = hours
        self.detail = detail
    }
}

extension ReconciliationItem.Kind {
    /// The kind in a few words.
    public var label: LocalizedText {
        switch self {
        case .completionNotCredited: LocalizedText(ru: "Завершение не зачтено", en: "Completion not credited")
        case .creditNoLongerComplete:
            LocalizedText(ru: "Зачёт отозван в Moodle", en: "Credit no longer complete in Moodle")
        case .hourMismatch: LocalizedText(ru: "Расхождение часов", en: "Hour mismatch")
        case .unmappedCourse: LocalizedText(ru: "Курс без модуля", en: "Unmapped course")
        case .userWithoutPerson: LocalizedText(ru: "Пользователь не сопоставлен", en: "Moodle user without a person")
        case .ambiguousMatch: LocalizedText(ru: "Неоднозначное сопоставление", en: "Ambiguous match")
        case .completionNotVerifiable:
            LocalizedText(ru: "Завершение нельзя проверить", en: "Completion no longer verifiable")
        case .invalidKey: LocalizedText(ru: "Неверный ключ слушателя", en: "Invalid identity key")
        case .documentReliesOnReversedCredit:
            LocalizedText(ru: "Документ опирается на сторнированный зачёт", en: "Document relies on a reversed credit")
        }
    }

    /// What the administrator should do about it, in one sentence.
    public var action: LocalizedText {
        switch self {
        case .completionNotCredited:
            LocalizedText(
                ru: "Запустите синхронизацию; если зачёт не появился, проверьте сопоставление курса и слушателя.",
                en: "Run the sync; if the credit still does not appear, check the course's and the user's mapping.")
        case .creditNoLongerComplete:
            LocalizedText(
                ru:
                    "Уточните у преподавателя курса; если завершение снято законно, сторнируйте зачёт командой ledger reverse.",
                en:
                    "Ask the course's teacher; if the completion was rightly withdrawn, reverse the credit with `ledger reverse`."
            )
        case .hourMismatch:
            LocalizedText(
                ru:
                    "Часы модуля изменены после зачёта: зачёт остаётся с прежними часами; при ошибке в зачёте сторнируйте его и зачтите заново.",
                en:
                    "The module's hours changed after crediting: the credit keeps its hours; if the credit was wrong, reverse it and credit again."
            )
        case .unmappedCourse:
            LocalizedText(
                ru:
                    "Добавьте курс к модулю в Mappings/modules.yaml (или задайте часы в поле курса) и запустите синхронизацию.",
                en: "Map the course to a module in Mappings/modules.yaml (or set its hours field) and run the sync.")
        case .userWithoutPerson:
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
        case .completionNotVerifiable:
            LocalizedText(
                ru:
                    "Ничего не делайте, если зачёт подтверждён документом; иначе восстановите запись на курс и проверьте завершение.",
                en:
                    "Nothing, if the credit rests on a document; otherwise restore the enrolment and check the completion."
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
        }
    }
}
