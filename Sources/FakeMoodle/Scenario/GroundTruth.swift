import Foundation

/// The answer key of the captured Moodle 5.1 site (`Fixtures/moodle/ground-truth.json`), as decoded.
struct GroundTruth: Decodable {
    struct Course: Decodable {
        var id: Int
        var shortname: String
        var idnumber: String
        var fullname: String
        var visible: Int
        var enablecompletion: Int
        var categoryid: Int
        var hours: Double?
        var criteria: String
    }

    struct User: Decodable {
        var id: Int
        var username: String
        var idnumber: String
        var email: String
        var firstname: String
        var lastname: String
        var snils: String?
        var cohort: String?
        var kind: String
        var suspended: Int
        var deleted: Int
        var enrolments: [Enrolment]
        var completions: [Completion]
    }

    struct Enrolment: Decodable {
        var courseid: Int
        var method: String
        var status: Int
        var timestart: Int
        var timeend: Int
        var roles: String
    }

    struct Completion: Decodable {
        var courseid: Int
        var timecompleted: Int
    }

    var generated_at: String
    var courses: [Course]
    var users: [User]
}

/// Facts about the captured site that the answer key does not hold (site settings, categories,
/// cohorts, course dates and `program` values), taken from the captures themselves.
enum GroundTruthSupplement {
    static let site = Site(
        name: "Региональный институт повышения квалификации педагогов", url: "http://127.0.0.1:8081",
        release: "5.1+ (Build: 20251017)", version: "2025100600.02", timezone: "Europe/Moscow", lang: "en",
        shortName: "РИПКП", summary: "Накопительная система повышения квалификации", adminUserIDs: [2])

    static let categories = [
        Category(id: 1, name: "Category 1", idnumber: nil, parent: 0),
        Category(
            id: 2, name: "Накопительная система", idnumber: "CAT-NAKOP",
            description: "Модули и семинары накопительной системы повышения квалификации (72 часа)", parent: 0),
        Category(
            id: 3, name: "Модули ИКТ", idnumber: "CAT-NAKOP-ICT", description: "Test course category 2", parent: 2),
        Category(
            id: 4, name: "Предметные семинары", idnumber: "CAT-NAKOP-SEM", description: "Test course category 3",
            parent: 2),
        Category(
            id: 5, name: "Дистанционные курсы", idnumber: "CAT-DIST", description: "Test course category 4", parent: 0),
        Category(
            id: 6, name: "Архив 2024", idnumber: "CAT-ARCH-2024", description: "Test course category 5", parent: 0,
            visible: false),
    ]

    static let cohortNames = [
        "MMC-01": (1, "ММЦ-01 Северный межмуниципальный методический центр", "Педагоги округа: Северный"),
        "MMC-02": (2, "ММЦ-02 Южный межмуниципальный методический центр", "Педагоги округа: Южный"),
        "MMC-03": (3, "ММЦ-03 Западный межмуниципальный методический центр", "Педагоги округа: Западный"),
        "MMC-04": (4, "ММЦ-04 Восточный межмуниципальный методический центр", "Педагоги округа: Восточный"),
        "MMC-05": (5, "ММЦ-05 Центральный межмуниципальный методический центр", "Педагоги округа: Центральный"),
    ]

    /// Course id → (start date, end date, `program`).
    static let courseExtras: [Int: (Int, Int, String)] = [
        2: (1_738_530_000, 1_748_898_000, "ПК-72 ИКТ"), 3: (1_741_554_000, 1_751_922_000, "ПК-72 ИКТ"),
        4: (1_743_973_200, 1_754_341_200, "ПК-72 ИКТ"), 5: (1_756_674_000, 1_767_042_000, "ПК-72 ИКТ"),
        6: (1_759_698_000, 1_770_066_000, "ПК-72 ИКТ"), 7: (1_737_320_400, 1_747_688_400, "Семинар"),
        8: (1_739_739_600, 1_750_107_600, "Семинар"), 9: (1_762_722_000, 1_773_090_000, "Семинар"),
        10: (1_746_997_200, 1_757_365_200, "Семинар"), 11: (1_768_770_000, 1_779_138_000, "Семинар"),
        12: (1_770_584_400, 1_780_952_400, "Seminar"), 13: (1_772_398_800, 1_782_766_800, "Семинар"),
        14: (1_773_608_400, 1_783_976_400, "Семинар"), 15: (1_757_883_600, 1_768_251_600, "ДОТ"),
        16: (1_768_165_200, 1_778_533_200, "ДОТ"), 17: (1_769_979_600, 1_780_347_600, "ДОТ"),
        18: (1_775_422_800, 1_785_790_800, "ДОТ"), 19: (1_779_051_600, 1_789_419_600, "ДОТ"),
        20: (1_788_728_400, 1_799_096_400, "ДОТ"), 21: (1_736_715_600, 1_747_083_600, "ПК-72 (архив)"),
        22: (1_736_370_000, 1_746_738_000, ""), 23: (1_736_370_000, 1_746_738_000, ""),
    ]

    /// Courses with an enabled self-enrolment instance.
    static let selfEnrolmentCourses: Set<Int> = [7, 11, 19, 20, 22]

    /// Department of deleted users before deletion (Moodle keeps it; the answer key drops the cohort).
    static let deletedDepartments = [14: "ММЦ-01", 48: "ММЦ-05"]

    /// Courses whose criterion activity is an assignment (the others use a page).
    static let assignmentCourses: Set<Int> = [2, 9, 15]

    /// When the cohort-sync instance enrolled its members (their `timestart` is 0).
    static let cohortSyncTime = 1_795_409_220

    static let cities = [
        "Череповец", "Вологда", "Грязовец", "Кириллов", "Сокол", "Тотьма", "Великий Устюг", "Белозерск",
    ]
}
