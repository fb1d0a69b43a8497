import Foundation

/// The running count of one route's credits, fed in the order they occurred.
struct Tally {
    let program: Program
    private(set) var counted: [CountedCredit] = []
    private(set) var hours: CreditHours = .zero
    private(set) var completion: StandingCredit?
    private var entryByModule: [ModuleID: EntryID] = [:]

    init(program: Program) {
        self.program = program
    }

    func entry(for module: ModuleID) -> EntryID? { entryByModule[module] }

    /// Whether every module listed before `module` in an ordered trajectory is already counted.
    func predecessorsCounted(for module: ModuleID) -> Bool {
        guard case .trajectory(let modules, isOrdered: true) = program.kind,
            let position = modules.firstIndex(of: module)
        else { return true }
        return modules[..<position].allSatisfy { entryByModule[$0] != nil }
    }

    var missingModules: [ModuleID] {
        guard case .trajectory(let modules, _) = program.kind else { return [] }
        return modules.filter { entryByModule[$0] == nil }
    }

    mutating func count(_ credit: StandingCredit) {
        counted.append(
            CountedCredit(
                entry: credit.entry, module: credit.module, hours: credit.hours, form: credit.form,
                occurredAt: credit.occurredAt))
        entryByModule[credit.module] = credit.entry
        hours = hours + credit.hours
        if completion == nil, isComplete { completion = credit }
    }

    private var isComplete: Bool {
        switch program.kind {
        case .freeChoice: hours >= program.targetHours
        case .trajectory(let modules, _): modules.allSatisfy { entryByModule[$0] != nil }
        }
    }
}
