import ArgumentParser
import BridgeApplication
import CreditCore
import Foundation

/// `moodle-bridge staff …`: the console's staff accounts, kept in the ledger database.
struct StaffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staff",
        abstract: "Add, list and disable the staff accounts of the web console.",
        discussion: """
            Roles: viewer (reads every page), registrar (also writes credit sheets, routes, persons and \
            issues documents), admin (also manages staff). Accounts live in the ledger database.
            """,
        subcommands: [StaffAddCommand.self, StaffListCommand.self, StaffDisableCommand.self])
}

extension LedgerOptions {
    /// The staff accounts of the ledger database.
    func staffOpener(_ access: Access) -> StaffOpener {
        let options = self
        return {
            guard let staff = try await options.openLedger(access) as? any StaffStore else {
                throw CLIError("this ledger keeps no staff accounts")
            }
            return staff
        }
    }
}

/// `moodle-bridge staff add LOGIN --role registrar`, the password on standard input.
struct StaffAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a staff account; the password is read from standard input (one line).",
        discussion: "For example: `printf '%s\\n' \"$PASSWORD\" | moodle-bridge staff add ivanova --role registrar`.")

    @OptionGroup var options: LedgerOptions
    @Argument(help: "The login (latin letters, digits, '.', '-', '_').") var login: String
    @Option(help: "viewer, registrar or admin.") var role: String

    func run() async throws {
        guard let password = readLine(strippingNewline: true), !password.isEmpty else {
            throw CLIError("no password on standard input: pipe it in, one line")
        }
        let member = try await AddStaff(staff: options.staffOpener(.create))
            .run(.init(login: login, role: role, password: password))
        print("Added \(member.login) (\(member.role.rawValue)).")
    }
}

/// `moodle-bridge staff list`.
struct StaffListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the staff accounts.")

    @OptionGroup var options: LedgerOptions

    func run() async throws {
        let members = try await ListStaff(staff: options.staffOpener(.existing)).run()
        if members.isEmpty { print("No staff accounts; add one with `moodle-bridge staff add LOGIN --role admin`.") }
        let stamp = ISO8601DateFormatter()
        for member in members {
            print(
                [
                    member.login, member.role.rawValue, member.disabled ? "disabled" : "active",
                    stamp.string(from: member.createdAt),
                ]
                .joined(separator: "\t"))
        }
    }
}

/// `moodle-bridge staff disable LOGIN`.
struct StaffDisableCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disable", abstract: "Disable a staff account: it can no longer sign in; its sessions end.")

    @OptionGroup var options: LedgerOptions
    @Argument(help: "The login.") var login: String

    func run() async throws {
        try await DisableStaff(staff: options.staffOpener(.existing)).run(login: login)
        print("Disabled \(login).")
    }
}
