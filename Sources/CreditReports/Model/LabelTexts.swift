import CreditCore

/// How domain values read in each report language.
enum LabelTexts {
    static func form(_ form: StudyForm) -> LocalizedText {
        switch form {
        case .distance: LocalizedText(ru: "дистанционная", en: "distance")
        case .inPerson: LocalizedText(ru: "очная", en: "in-person")
        case .seminar: LocalizedText(ru: "семинар", en: "seminar")
        }
    }

    static func category(_ category: LearnerCategory) -> LocalizedText {
        switch category {
        case .administrator: LocalizedText(ru: "руководители и заместители", en: "administrators")
        case .methodist: LocalizedText(ru: "методисты", en: "methodists")
        case .teacher: LocalizedText(ru: "педагоги", en: "teachers")
        }
    }

    static func status(_ status: RouteProgress.Status) -> LocalizedText {
        switch status {
        case .open: LocalizedText(ru: "в процессе", en: "open")
        case .completed: LocalizedText(ru: "завершён", en: "completed")
        case .expired: LocalizedText(ru: "срок истёк", en: "expired")
        }
    }

    static func source(_ source: EntrySource) -> LocalizedText {
        switch source {
        case .moodle(let site, let course, _):
            LocalizedText(ru: "Moodle \(site), курс \(course)", en: "Moodle \(site), course \(course)")
        case .manual(let person, let document):
            LocalizedText(ru: "вручную: \(document) (\(person))", en: "manual: \(document) (\(person))")
        case .sheet(let file, let row):
            LocalizedText(ru: "зачётный лист \(file), строка \(row)", en: "credit sheet \(file), row \(row)")
        }
    }
}
