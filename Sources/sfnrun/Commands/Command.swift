/// One `sfnrun` subcommand: its help (and option table), argument parsing and behaviour.
protocol Command: Sendable {
    /// The command's help text and option table.
    static var help: CommandHelp { get }
    /// Reads the command's arguments (after the command name).
    ///
    /// - Throws: ``UsageError`` for anything the command cannot accept.
    init(arguments: [String]) throws(UsageError)
    /// Runs the command.
    func run(io: any TerminalIO) async -> ExitCode
}
