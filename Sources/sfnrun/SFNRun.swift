import StatesLanguage

/// The `sfnrun` command line: dispatches to a command, prints help, versions and usage errors.
///
/// ```swift
/// let status = await SFNRun.run(arguments: ["validate", "machine.json"], io: StandardTerminalIO())
/// ```
enum SFNRun {
    /// The version `--version` prints.
    static let version = "0.1.0"

    /// The commands, in the order help lists them.
    static let commands: [any Command.Type] = [
        StartCommand.self, ResumeCommand.self, RedriveCommand.self, ListCommand.self, DescribeCommand.self,
        HistoryCommand.self, StopCommand.self, ValidateCommand.self, TestCommand.self, CallbackCommand.self,
        DeployCommand.self, GraphCommand.self, ReportCommand.self, ServeCommand.self,
        TestStateCommand.self,
    ]

    /// The help for `sfnrun` itself.
    static var overview: String {
        var lines = [
            "OVERVIEW: Run and test Amazon States Language state machines locally, as AWS Step Functions runs them.",
            "",
            "USAGE: sfnrun <command> [options] <file>",
            "",
            "COMMANDS:",
        ]
        lines += commands.map { CommandHelp.row($0.help.name, $0.help.summary) }
        lines.append(CommandHelp.row("help", "Show help for a command."))
        lines += [
            "",
            "OPTIONS:",
            CommandHelp.row("-h, --help", "Show this help and exit."),
            CommandHelp.row("--version", "Show the version and exit."),
            "",
            "See 'sfnrun help <command>' or 'sfnrun <command> --help' for a command's options.",
            "Exit status: 0 succeeded, 1 execution or test failed, 2 usage, input or AWS request error,",
            "128 + n when signal n stopped the execution: 130 SIGINT (Ctrl-C), 143 SIGTERM, 129 SIGHUP.",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// Runs the command line `arguments` (without the program name).
    ///
    /// - Returns: the exit status.
    static func run(arguments: [String], io: any TerminalIO) async -> ExitCode {
        guard let first = arguments.first else {
            io.writeError(overview)
            return .usage
        }
        let rest = Array(arguments.dropFirst())
        switch first {
        case "-h", "--help":
            io.writeOutput(overview)
            return .success
        case "--version", "version":
            io.output("sfnrun \(version)")
            return .success
        case "help":
            return help(rest, io: io)
        default:
            break
        }
        guard let command = commands.first(where: { $0.help.name == first }) else {
            var message = first.hasPrefix("-") ? "unknown option '\(first)'" : "unknown command '\(first)'"
            let names = commands.map { $0.help.name } + ["help"]
            if !first.hasPrefix("-"), let guess = Suggestion.closest(to: first, among: names) {
                message += " (did you mean '\(guess)'?)"
            } else if first.hasPrefix("-"), let guess = Suggestion.closest(to: first, among: ["--help", "--version"]) {
                message += " (did you mean '\(guess)'?)"
            }
            io.error("error: \(message)")
            io.error("usage: sfnrun <command> [options] <file>")
            io.error("See 'sfnrun --help'.")
            return .usage
        }
        if ArgumentParser.asksForHelp(rest) {
            io.writeOutput(command.help.text)
            return .success
        }
        let instance: any Command
        do {
            instance = try make(command, arguments: rest)
        } catch {
            reportUsage(error, help: command.help, io: io)
            return .usage
        }
        return await instance.run(io: io)
    }

    /// Creates a command of a type known only at run time.
    private static func make<C: Command>(_ type: C.Type, arguments: [String]) throws(UsageError) -> any Command {
        try C(arguments: arguments)
    }

    /// `sfnrun help [COMMAND]`.
    private static func help(_ arguments: [String], io: any TerminalIO) -> ExitCode {
        guard let name = arguments.first else {
            io.writeOutput(overview)
            return .success
        }
        if name == "help" {
            io.output("usage: sfnrun help [<command>]")
            io.output("Shows the help of a command: \(commands.map { $0.help.name }.joined(separator: ", ")).")
            return .success
        }
        guard arguments.count == 1, let command = commands.first(where: { $0.help.name == name }) else {
            var message =
                arguments.count > 1 ? "unexpected argument '\(arguments[1])'" : "unknown command '\(name)'"
            if arguments.count == 1, let guess = Suggestion.closest(to: name, among: commands.map { $0.help.name }) {
                message += " (did you mean '\(guess)'?)"
            }
            io.error("error: \(message)")
            io.error("usage: sfnrun help [<command>]")
            return .usage
        }
        io.writeOutput(command.help.text)
        return .success
    }

    /// Prints a usage error the same way for every command.
    static func reportUsage(_ error: UsageError, help: CommandHelp, io: any TerminalIO) {
        io.error("error: \(error.message)")
        io.error(help.usageLine)
        io.error("See 'sfnrun \(help.name) --help'.")
    }
}
