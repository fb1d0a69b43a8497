/// Runtime controls: scenario changes, faults, latency and counters. All are thread-safe and
/// take effect on the next request.
extension FakeMoodleServer {
    // MARK: - Scenario

    /// A snapshot of the current scenario.
    public var scenario: Scenario { engine.state.withLock { $0.scenario } }

    /// Changes the scenario in place, e.g. to add a completion or suspend an enrolment between syncs.
    ///
    /// - Parameter change: Mutates the scenario; runs under the server's lock, so keep it short.
    public func updateScenario(_ change: (inout Scenario) -> Void) {
        engine.state.withLock { change(&$0.scenario) }
    }

    /// An administrator edits a user's account: a new username, e-mail or idnumber (nil keeps it).
    public func editUser(_ userID: Int, username: String? = nil, email: String? = nil, idnumber: String? = nil) {
        updateScenario { scenario in
            guard let index = scenario.users.firstIndex(where: { $0.id == userID }) else { return }
            if let username { scenario.users[index].username = username }
            if let email { scenario.users[index].email = email }
            if let idnumber { scenario.users[index].idnumber = idnumber }
        }
    }

    /// An administrator edits a custom profile field of a user (nil clears it), e.g. corrects a SNILS.
    public func setProfileField(_ field: String, of userID: Int, to value: String?) {
        updateScenario { scenario in
            guard let index = scenario.users.firstIndex(where: { $0.id == userID }) else { return }
            scenario.users[index].profile[field] = value
        }
    }

    /// A course custom field changes, e.g. the hours a course carries (nil clears it).
    public func setCourseField(_ field: String, of courseID: Int, to value: String?) {
        updateScenario { scenario in
            guard let index = scenario.courses.firstIndex(where: { $0.id == courseID }) else { return }
            scenario.courses[index].customFields[field] = value
        }
    }

    /// Adds a completion, replacing an existing one for the same (user, course).
    public func complete(userID: Int, courseID: Int, at time: Int) {
        updateScenario { scenario in
            scenario.completions.removeAll { $0.userID == userID && $0.courseID == courseID }
            scenario.completions.append(Completion(userID: userID, courseID: courseID, timeCompleted: time))
        }
    }

    /// A course completion cleared while its criteria stay met (a recalculation, a reset whose
    /// criteria were met again): Moodle shows the course not complete until its completion task
    /// (cron) aggregates it again.
    public func withholdAggregation(userID: Int, courseID: Int) {
        updateScenario { scenario in
            guard let index = scenario.completions.firstIndex(where: { $0.userID == userID && $0.courseID == courseID })
            else { return }
            scenario.awaitingAggregation.append(scenario.completions.remove(at: index))
        }
    }

    /// Moodle's completion task runs: every pair awaiting aggregation is complete again.
    public func runCompletionTask() {
        updateScenario { scenario in
            scenario.completions += scenario.awaitingAggregation
            scenario.awaitingAggregation = []
        }
    }

    /// Deletes the completion of a (user, course), as a course or completion reset does.
    public func revokeCompletion(userID: Int, courseID: Int) {
        updateScenario { $0.completions.removeAll { $0.userID == userID && $0.courseID == courseID } }
    }

    /// Sets the status of every enrolment of a user in a course.
    public func setEnrolmentStatus(userID: Int, courseID: Int, to status: Enrolment.Status) {
        updateScenario { scenario in
            for index in scenario.enrolments.indices
            where scenario.enrolments[index].userID == userID && scenario.enrolments[index].courseID == courseID {
                scenario.enrolments[index].status = status
            }
        }
    }

    /// Deletes a token: later calls with it answer `invalidtoken`.
    public func revokeToken(_ value: String) {
        updateScenario { $0.tokens.removeAll { $0.value == value } }
    }

    /// Removes a function from a service: calls to it then answer `accessexception`.
    public func removeFunction(_ name: String, fromService shortname: String) {
        updateScenario { scenario in
            for index in scenario.services.indices where scenario.services[index].shortname == shortname {
                scenario.services[index].functions.removeAll { $0 == name }
            }
        }
    }

    /// Turns web services on or off (off: HTTP 403 with an empty body).
    public func setWebServicesEnabled(_ enabled: Bool) {
        updateScenario { $0.site.webServicesEnabled = enabled }
    }

    // MARK: - Faults and latency

    /// Injects a fault for `count` requests to `function` (`nil` = any request; a `nil` count =
    /// until ``clearFaults()``), once `after` of them have passed untouched (e.g. HTTP 503 from the
    /// 150th request on: `after: 149, count: nil`). Rules apply in the order they were added.
    public func inject(_ fault: Fault, function: String? = nil, count: Int? = 1, after: Int = 0) {
        engine.controls.withLock {
            $0.rules.append(FaultRule(fault, function: function, count: count, after: after))
        }
    }

    /// Removes every pending fault.
    public func clearFaults() {
        engine.controls.withLock { $0.rules.removeAll() }
    }

    /// Faults still pending.
    public var pendingFaults: [FaultRule] { engine.controls.withLock { $0.rules } }

    /// Simulated processing time per call (default ``LatencyModel/none``).
    public var latency: LatencyModel {
        get { engine.controls.withLock { $0.latency } }
        set { engine.controls.withLock { $0.latency = newValue } }
    }

    // MARK: - Counters

    /// Requests served per `wsfunction` (`login/token.php` for the token endpoint), faults included;
    /// a batch counts once, under `tool_mobile_call_external_functions`.
    public var requestCounts: [String: Int] { engine.controls.withLock { $0.counts } }

    /// Requests served for one function.
    public func requestCount(for function: String) -> Int { engine.controls.withLock { $0.counts[function] ?? 0 } }

    /// All requests served.
    public var totalRequestCount: Int { engine.controls.withLock { $0.counts.values.reduce(0, +) } }

    /// Sets every counter back to zero.
    public func resetCounters() {
        engine.controls.withLock { $0.counts.removeAll() }
    }
}
