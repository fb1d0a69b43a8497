/// Checks a region's mapping as a whole and reports every problem at once.
///
/// Problems a single file shows by itself (a wrong type, a missing key) are the loader's; this
/// checks what only the whole shows: unknown or duplicate references, hours outside bounds, programs
/// that can never be completed.
public struct MappingValidator: Sendable {
    public init() {}

    /// The problems in `mapping`, in file and line order.
    public func validate(_ mapping: RegionMapping) -> [Diagnostic] {
        var found: [Diagnostic] = []
        found += checkSites(mapping)
        found += checkModules(mapping)
        found += checkPrograms(mapping)
        found += checkOrganisation(mapping)
        found += checkPlan(mapping)
        found += checkPersons(mapping)
        return found.sortedByLocation()
    }

    private func duplicates<Key: Hashable>(
        _ items: [(key: Key, location: SourceLocation?)], what: (Key) -> String, keyPath: String
    ) -> [Diagnostic] {
        var firstSeen: [Key: SourceLocation?] = [:]
        var found: [Diagnostic] = []
        for item in items {
            if let first = firstSeen[item.key] {
                let previously = first.map { " (first at \($0))" } ?? ""
                found.append(.error("\(what(item.key)) is defined twice\(previously)", at: item.location, key: keyPath))
            } else {
                firstSeen[item.key] = item.location
            }
        }
        return found
    }

    private func checkSites(_ mapping: RegionMapping) -> [Diagnostic] {
        var found = duplicates(
            mapping.sites.map { ($0.id, $0.location) }, what: { "site '\($0)'" }, keyPath: "sites.id")
        for site in mapping.sites {
            if site.identity.isEmpty {
                found.append(
                    .error(
                        "site '\(site.id)': identity lists no key, so no user can be matched to a person",
                        at: site.location, key: "identity"))
            }
        }
        return found
    }

    private func checkModules(_ mapping: RegionMapping) -> [Diagnostic] {
        var found = duplicates(
            mapping.modules.map { ($0.module.id, $0.location) }, what: { "module '\($0)'" },
            keyPath: "modules.id")
        let siteIDs = Set(mapping.sites.map(\.id))
        var owner: [CourseReference: ModuleID] = [:]
        for mapping in mapping.modules {
            let module = mapping.module
            if !Program.defaultModuleHours.contains(module.hours.value) {
                found.append(
                    .error(
                        "module '\(module.id)' has \(module.hours.value) h; a module lasts \(Program.defaultModuleHours.lowerBound)…\(Program.defaultModuleHours.upperBound) h",
                        at: mapping.location, key: "hours"))
            }
            for course in mapping.courses {
                if !siteIDs.contains(course.site) {
                    found.append(
                        .error(
                            "module '\(module.id)': unknown site '\(course.site)'", at: course.location,
                            key: "courses.site"))
                }
                if let other = owner[course.identity] {
                    found.append(
                        .error(
                            "\(course) is mapped twice: to '\(other)' and to '\(module.id)'", at: course.location,
                            key: "courses"))
                } else {
                    owner[course.identity] = module.id
                }
            }
        }
        return found
    }

    private func checkPrograms(_ mapping: RegionMapping) -> [Diagnostic] {
        var found = duplicates(
            mapping.programs.map { ($0.program.id, $0.location) }, what: { "program '\($0)'" },
            keyPath: "programs.id")
        // Built once: a lookup per listed module must not walk every module (a program allowing
        // `all` lists every module, which made the check quadratic in the modules).
        var modulesByID: [ModuleID: Module] = [:]
        for entry in mapping.modules where modulesByID[entry.module.id] == nil {
            modulesByID[entry.module.id] = entry.module  // the first of duplicates, as `RegionMapping.module(_:)`
        }
        let allModules = mapping.modules.map {
            ProgramMapping.ModuleReference(id: $0.module.id, location: $0.location)
        }
        let modulesFromMoodleExist = mapping.sites.contains { $0.hoursField != nil }
        for entry in mapping.programs {
            let program = entry.program
            let name = "program '\(program.id)'"
            if program.targetHours.value < 1 {
                found.append(.error("\(name): target_hours must be positive", at: entry.location, key: "target_hours"))
            }
            if program.moduleHours.lowerBound < 1 {
                found.append(
                    .error("\(name): module_hours must start at 1 h or more", at: entry.location, key: "module_hours"))
            }
            if !(1...60).contains(program.durationMonths) {
                found.append(
                    .error("\(name): duration_months must lie in 1…60", at: entry.location, key: "duration_months"))
            }
            found += duplicates(
                entry.listedModules.map { ($0.id, $0.location) }, what: { "\(name): module '\($0)'" },
                keyPath: "modules")
            var reachable = CreditHours.zero
            let listed =
                entry.listedModules.isEmpty
                ? allModules
                : entry.listedModules
            var counted: Set<ModuleID> = []
            for (id, location) in listed.map({ ($0.id, $0.location) }) where counted.insert(id).inserted {
                guard let module = modulesByID[id] else {
                    found.append(.error("\(name): unknown module '\(id)'", at: location, key: "modules"))
                    continue
                }
                if program.moduleHours.contains(module.hours.value) {
                    reachable = reachable + module.hours
                } else if !entry.listedModules.isEmpty {
                    found.append(
                        .error(
                            "\(name): module '\(id)' has \(module.hours.value) h, outside the program's \(program.moduleHours.lowerBound)…\(program.moduleHours.upperBound) h",
                            at: location, key: "modules"))
                }
            }
            // With every module allowed and hours read from Moodle's courses, more modules exist
            // than the files list: the target's reachability cannot be judged here.
            let modulesFromMoodle = entry.listedModules.isEmpty && modulesFromMoodleExist
            if case .trajectory(let modules, _) = program.kind, modules.isEmpty {
                found.append(.error("\(name): a trajectory lists its modules", at: entry.location, key: "modules"))
            } else if reachable < program.targetHours, !modulesFromMoodle {
                found.append(
                    .error(
                        "\(name): its modules add up to \(reachable.value) h, short of the \(program.targetHours.value) h target",
                        at: entry.location, key: "target_hours"))
            }
        }
        return found
    }

    private func checkOrganisation(_ mapping: RegionMapping) -> [Diagnostic] {
        let centres = mapping.organisation.centres
        var found = duplicates(centres.map { ($0.id, $0.location) }, what: { "centre '\($0)'" }, keyPath: "centres.id")
        found += duplicates(
            centres.compactMap { c in c.cohort.map { ($0, c.location) } }, what: { "cohort '\($0)'" },
            keyPath: "centres.cohort")
        for centre in centres where centre.cohort == nil && centre.profileValue == nil {
            found.append(
                .warning(
                    "centre '\(centre.id)' names neither a cohort nor a profile value: no learner can be placed in it",
                    at: centre.location, key: "centres"))
        }
        return found
    }

    private func checkPlan(_ mapping: RegionMapping) -> [Diagnostic] {
        duplicates(
            mapping.plan.lines.map { (PlanCell(month: $0.month, form: $0.form, category: $0.category), $0.location) },
            what: { "plan line \($0.month) \($0.form.rawValue) \($0.category.rawValue)" }, keyPath: "plan")
    }

    private func checkPersons(_ mapping: RegionMapping) -> [Diagnostic] {
        var found = duplicates(
            mapping.persons.map { ($0.person.id, $0.location) }, what: { "person '\($0)'" }, keyPath: "persons.id")
        found += duplicates(
            mapping.persons.compactMap { r in r.person.snils.map { ($0, r.location) } },
            what: { "SNILS \($0)" }, keyPath: "persons.snils")
        let centreIDs = Set(mapping.organisation.centres.map(\.id))
        for record in mapping.persons {
            if let centre = record.person.centre, !centreIDs.contains(centre) {
                found.append(
                    .error(
                        "person '\(record.person.id)': unknown centre '\(centre)'", at: record.location, key: "centre"))
            }
        }
        return found
    }
}

private struct PlanCell: Hashable {
    let month: YearMonth
    let form: StudyForm
    let category: LearnerCategory
}
