import CreditCore

/// Reads `programs:` — free-choice programs and trajectories.
enum ProgramsSection {
    static func read(_ value: YAMLValue) -> [ProgramMapping] {
        (value.list ?? []).compactMap { item in
            guard let keys = item.mapping else { return nil }
            defer { keys.rejectUnknownKeys() }
            let id = keys.string("id")
            let title = keys.string("title")
            let kind = keys.string("kind")
            let modulesValue = keys.required("modules")
            let listed = modulesValue.flatMap(readModules)
            let bounds = keys.optional("module_hours").flatMap(readBounds)
            var program = Program(
                id: ProgramID(id ?? "?"), title: title ?? "", kind: .freeChoice(allowed: nil),
                targetHours: CreditHours(keys.optionalInt("target_hours") ?? Program.defaultTargetHours.value),
                moduleHours: bounds ?? Program.defaultModuleHours,
                durationMonths: keys.optionalInt("duration_months") ?? Program.defaultDurationMonths,
                opensAutomatically: keys.optionalBool("opens_automatically") ?? false)
            let ordered = keys.optionalBool("ordered")
            switch kind {
            case "free-choice":
                program.kind = .freeChoice(allowed: listed.map { Set($0.map(\.id)) })
                if ordered != nil { item.error("`ordered` applies to trajectories only") }
            case "trajectory":
                guard let listed else {
                    modulesValue?.error("a trajectory lists its modules")
                    return nil
                }
                program.kind = .trajectory(modules: listed.map(\.id), isOrdered: ordered ?? false)
            case let other?:
                keys.required("kind")?.error("unknown program kind '\(other)'; expected free-choice or trajectory")
                return nil
            case nil:
                return nil
            }
            guard id != nil, title != nil else { return nil }
            return ProgramMapping(program: program, listedModules: listed ?? [], location: item.location)
        }
    }

    /// `all`, or a list of module ids.
    private static func readModules(_ value: YAMLValue) -> [ProgramMapping.ModuleReference]? {
        if let scalar = value.node.scalar, scalar.string == "all" { return nil }
        return value.list?.compactMap { item in
            item.string.map { ProgramMapping.ModuleReference(id: ModuleID($0), location: item.location) }
        }
    }

    private static func readBounds(_ value: YAMLValue) -> ClosedRange<Int>? {
        guard let keys = value.mapping else { return nil }
        defer { keys.rejectUnknownKeys() }
        guard let min = keys.int("min"), let max = keys.int("max") else { return nil }
        guard min <= max else {
            value.error("module_hours: min (\(min)) is above max (\(max))")
            return nil
        }
        return min...max
    }
}
