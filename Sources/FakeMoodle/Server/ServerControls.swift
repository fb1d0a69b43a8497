/// Runtime controls of a fake server: injected faults, latency and request counters.
struct ServerControls: Sendable {
    var rules: [FaultRule] = []
    var latency: LatencyModel = .none
    var counts: [String: Int] = [:]

    /// Counts a request and takes the first fault rule that targets it and lets no more requests
    /// pass (decrementing its count); every other rule that targets it lets one fewer pass.
    mutating func admit(function: String) -> Fault? {
        counts[function, default: 0] += 1
        var ready: Int?
        for index in rules.indices where rules[index].function == nil || rules[index].function == function {
            if rules[index].passing > 0 {
                rules[index].passing -= 1
            } else if ready == nil {
                ready = index
            }
        }
        guard let index = ready else { return nil }
        let fault = rules[index].fault
        if let remaining = rules[index].remaining {
            if remaining <= 1 { rules.remove(at: index) } else { rules[index].remaining = remaining - 1 }
        }
        return fault
    }
}
