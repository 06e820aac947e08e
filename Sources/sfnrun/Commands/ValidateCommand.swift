import StatesLanguage

/// `sfnrun validate`: checks definitions and prints every problem compiler-style.
struct ValidateCommand: Command {
    static let help = CommandHelp(
        name: "validate",
        summary: "Check state machine definitions and report every problem.",
        usage: ["validate <definition>... [options]"],
        operands: [("<definition>", "One or more definitions (.json or .asl.json); - reads one from standard input.")],
        options: [
            .flag("quiet", short: "q", help: "Print only problems, no 'OK' lines.")
        ],
        discussion: """
            Problems are printed to standard error as 'file:line:column: error: States.X.Field: message';
            unreachable states are warnings. Exit status 0 when every definition is valid, 2 otherwise.
            """,
        examples: ["sfnrun validate StateMachines/*.json"])

    var paths: [String]
    var isQuiet: Bool

    init(arguments: [String]) throws(UsageError) {
        let parsed = try ArgumentParser.parse(arguments, for: Self.help)
        guard !parsed.operands.isEmpty else { throw UsageError("missing the definition file") }
        if parsed.operands.filter({ $0 == "-" }).count > 1 {
            throw UsageError("standard input ('-') can be given only once")
        }
        paths = parsed.operands
        isQuiet = parsed.flag("quiet")
    }

    func run(io: any TerminalIO) async -> ExitCode {
        var status = ExitCode.success
        let style = io.errorStyle
        for path in paths {
            do {
                let source = try SourceText.read(path, io: io)
                let machine = try source.stateMachine()
                for warning in machine.warnings { io.error(colour(warning.formatted(file: source.displayName), style)) }
                if !isQuiet {
                    let count = machine.warnings.count
                    io.output("\(source.displayName): OK" + (count == 0 ? "" : " (\(count) warning\(count == 1 ? "" : "s"))"))
                }
            } catch {
                for line in error.lines { io.error(colour(line, style)) }
                status = .usage
            }
        }
        return status
    }

    private func colour(_ line: String, _ style: TerminalStyle) -> String {
        guard style.isEnabled else { return line }
        if let range = line.range(of: ": error: ") {
            return line.replacingCharacters(in: range, with: ": " + style.failure("error") + ": ")
        }
        if let range = line.range(of: ": warning: ") {
            return line.replacingCharacters(in: range, with: ": " + style.warning("warning") + ": ")
        }
        return line
    }
}
