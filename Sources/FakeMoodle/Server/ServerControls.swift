/// Runtime controls of a fake server: injected faults, latency and request counters.
struct ServerControls: Sendable {
    var rules: [FaultRule] = []
    var latency: LatencyModel = .none
    var counts: [String: Int] = [:]

    /// Counts a request and takes the first fault rule that targets it (decrementing its count).
    mutating func admit(function: String) -> Fault? {
        counts[function, default: 0] += 1
        guard let index = rules.firstIndex(where: { $0.function == nil || $0.function == function }) else { return nil }
        let fault = rules[index].fault
        if let remaining = rules[index].remaining {
            if remaining <= 1 { rules.remove(at: index) } else { rules[index].remaining = remaining - 1 }
        }
        return fault
    }
}
