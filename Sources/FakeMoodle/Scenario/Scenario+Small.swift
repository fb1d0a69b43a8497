extension Scenario {
    /// A small scenario with one site, one service account and two courses; handy in unit tests.
    ///
    /// Token `fake-token` belongs to `ws_bridge` (id 3) on service `credit_bridge`, which allows
    /// every function the fake implements.
    public static func small() -> Scenario {
        let now = 1_767_225_600  // 2026-01-01
        var scenario = Scenario(site: Site(name: "Small fake site", currentTime: now))
        scenario.services = [
            Service(
                shortname: "credit_bridge", name: "Credit hours bridge", functions: FunctionCatalog.implementedNames)
        ]
        scenario.users = [
            User(id: 2, username: "admin", firstname: "Admin", lastname: "User"),
            User(id: 3, username: "ws_bridge", firstname: "Credit", lastname: "Bridge", password: "secret"),
            User(
                id: 4, username: "learner1", idnumber: "PED-1", firstname: "Anna", lastname: "Ivanova",
                department: "MMC-01", profile: ["snils": "111-222-333 44"]),
            User(id: 5, username: "learner2", idnumber: "PED-2", firstname: "Boris", lastname: "Petrov"),
        ]
        scenario.tokens = [Token(value: "fake-token", userID: 3, service: "credit_bridge")]
        scenario.categories = [
            Category(id: 1, name: "Category 1"), Category(id: 2, name: "Modules", idnumber: "CAT-MOD"),
        ]
        scenario.courses = [
            Course(
                id: 2, shortname: "MOD-1", fullname: "Module one", categoryID: 2,
                customFields: ["hours": "36", "program": "P-1"]),
            Course(id: 3, shortname: "MOD-2", fullname: "Module two", categoryID: 2, customFields: ["hours": "12"]),
        ]
        scenario.enrolments = [
            Enrolment(userID: 4, courseID: 2, timeStart: 1_735_689_600),
            Enrolment(userID: 5, courseID: 2, timeStart: 1_735_689_600),
            Enrolment(userID: 4, courseID: 3, timeStart: 1_735_689_600),
        ]
        scenario.completions = [Completion(userID: 4, courseID: 2, timeCompleted: 1_740_836_499)]
        scenario.cohorts = [Cohort(id: 1, name: "Cohort one", idnumber: "MMC-01", memberIDs: [4, 5])]
        scenario.reports = [Report(id: 1, name: "Completions")]
        return scenario
    }
}
