import ArgumentParser

/// `moodle-bridge statements …`: statements (справки) once issued.
struct StatementsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "statements",
        abstract: "Cancel an issued statement (statements are issued by `certificates issue --statements`).",
        subcommands: [StatementsCancelCommand.self])
}

/// `moodle-bridge statements cancel NUMBER --reason TEXT`.
struct StatementsCancelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel",
        abstract: "Cancel an issued statement (a cancellation record; the statement stays as issued).",
        discussion: DocumentCancelOptions.discussion)

    @OptionGroup var cancel: DocumentCancelOptions

    func run() async throws { try await cancel.run(.statement) }
}
