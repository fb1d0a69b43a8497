extension Scenario {
    /// Token of the service account in ``small()`` and ``generate(seed:users:courses:completionRate:)``.
    public static let serviceToken = "fake-token"

    /// Generates a site of the given size; the same arguments always give the same scenario.
    ///
    /// Users get ids from 4 (ids 2 and 3 are `admin` and the service account `ws_bridge`, whose token
    /// is ``serviceToken``); each learner is enrolled in 2–8 courses, about 3 % of enrolments are
    /// suspended and 6 % expired, 1 % of accounts suspended and 0.5 % deleted. A fraction
    /// `completionRate` of enrolments is complete. Courses carry an `hours` field; report 1 lists
    /// completions.
    ///
    /// - Parameters:
    ///   - seed: Seed of the random generator.
    ///   - users: Number of learner accounts.
    ///   - courses: Number of courses (ids from 2).
    ///   - completionRate: Share of enrolments with a completion, 0…1.
    public static func generate(seed: UInt64, users: Int, courses: Int, completionRate: Double) -> Scenario {
        var random = SplitMix64(seed: seed)
        let now = 1_767_225_600  // 2026-01-01T00:00:00Z
        let yearAgo = now - 365 * 86_400
        var scenario = Scenario(site: Site(name: "Generated fake site (seed \(seed))", currentTime: now))
        scenario.services = [
            Service(
                shortname: "credit_bridge", name: "Credit hours bridge", functions: FunctionCatalog.implementedNames)
        ]
        scenario.tokens = [Token(value: serviceToken, userID: 3, service: "credit_bridge")]
        scenario.categories = [
            Category(id: 1, name: "Category 1"), Category(id: 2, name: "Modules", idnumber: "CAT-MOD"),
            Category(id: 3, name: "Seminars", idnumber: "CAT-SEM", parent: 2),
        ]
        let hours = [2, 4, 6, 8, 12, 16, 18, 24, 36]
        scenario.courses = (0..<courses).map { index in
            let id = index + 2
            let criteria: [CompletionCriterion] =
                switch Int.random(in: 0..<10, using: &random) {
                case 0: [.selfCompletion]
                case 1: [.activity(module: .assign)]
                default: [.activity(module: .page)]
                }
            return Course(
                id: id, shortname: "MOD-\(id)", fullname: "Module \(id)", categoryID: index.isMultiple(of: 3) ? 3 : 2,
                startDate: yearAgo, endDate: now + 180 * 86_400,
                customFields: ["hours": String(hours.randomElement(using: &random)!), "program": "PK-72"],
                criteria: criteria)
        }
        scenario.users = [
            User(id: 2, username: "admin", firstname: "Admin", lastname: "User", password: "secret"),
            User(id: 3, username: "ws_bridge", firstname: "Credit", lastname: "Bridge", password: "secret"),
        ]
        let cohortCount = 5
        var members = Array(repeating: [Int](), count: cohortCount)
        for index in 0..<users {
            let id = index + 4
            let cohort = index % cohortCount
            members[cohort].append(id)
            let roll = Double.random(in: 0..<1, using: &random)
            scenario.users.append(
                User(
                    id: id, username: "learner\(id)", idnumber: "PED-\(10_000 + id)",
                    email: "learner\(id)@school.example.org",
                    firstname: "Learner", lastname: "N\(id)", department: "MMC-0\(cohort + 1)",
                    suspended: roll < 0.01, deleted: roll >= 0.01 && roll < 0.015,
                    profile: ["snils": String(format3(id)) + " 00"], password: "secret"))
            guard courses > 0 else { continue }
            let count = min(courses, Int.random(in: 2...8, using: &random))
            var courseIDs = Set<Int>()
            while courseIDs.count < count { courseIDs.insert(Int.random(in: 2...(courses + 1), using: &random)) }
            for courseID in courseIDs.sorted() {
                let start = Int.random(in: yearAgo...(now - 30 * 86_400), using: &random)
                let state = Double.random(in: 0..<1, using: &random)
                let method: Enrolment.Method = Double.random(in: 0..<1, using: &random) < 0.85 ? .manual : .self
                scenario.enrolments.append(
                    Enrolment(
                        userID: id, courseID: courseID, method: method, status: state < 0.03 ? .suspended : .active,
                        timeStart: start, timeEnd: state >= 0.03 && state < 0.09 ? now - 86_400 : 0))
                if Double.random(in: 0..<1, using: &random) < completionRate {
                    let completed = Int.random(in: start...(now - 3_600), using: &random)
                    scenario.completions.append(Completion(userID: id, courseID: courseID, timeCompleted: completed))
                }
            }
        }
        scenario.cohorts = (0..<cohortCount).map {
            Cohort(id: $0 + 1, name: "Cohort \($0 + 1)", idnumber: "MMC-0\($0 + 1)", memberIDs: members[$0])
        }
        scenario.reports = [Report(id: 1, name: "Course completions")]
        return scenario
    }

    /// A SNILS-like "123-456-789" from a number.
    private static func format3(_ n: Int) -> String {
        let digits = String(100_000_000 + n * 7_919 % 900_000_000)
        let chars = Array(digits.suffix(9))
        return String(chars[0..<3]) + "-" + String(chars[3..<6]) + "-" + String(chars[6..<9])
    }
}
