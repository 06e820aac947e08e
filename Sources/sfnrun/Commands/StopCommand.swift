import StatesLanguage

/// `sfnrun stop`: stops a stored execution from any shell, as StopExecution does.
struct StopCommand: Command {
    static let help = CommandHelp(
        name: "stop",
        summary: "Stop a running stored execution from any shell (status ABORTED), as StopExecution does.",
        usage: ["stop <name> [--error <name>] [--cause <text>] [--store <dir>]"],
        operands: [("<name>", "The execution's name (see 'sfnrun list').")],
        options: [
            .value("error", "<name>", help: "The error recorded in ExecutionAborted."),
            .value("cause", "<text>", help: "The cause recorded in ExecutionAborted."),
            StoreOptions.directoryOption,
        ],
        discussion: """
            The process running the execution stops it within a fraction of a second: running tasks are
            cancelled, the status becomes ABORTED and the history is closed. An execution whose process is
            gone is closed as ABORTED here.
            """,
        examples: ["sfnrun stop restart-web --error Operator --cause 'wrong batch size'"])

    var name: String
    var error: String?
    var cause: String?
    var storage: StoreOptions

    init(arguments: [String]) throws(UsageError) {
        let parsed = try ArgumentParser.parse(arguments, for: Self.help)
        guard let name = parsed.operands.first else { throw UsageError("missing the execution name") }
        if parsed.operands.count > 1 { throw UsageError("unexpected argument '\(parsed.operands[1])'") }
        self.name = name
        error = parsed.value("error")
        cause = parsed.value("cause")
        storage = try StoreOptions(parsed, storesByDefault: true)
    }

    func run(io: any TerminalIO) async -> ExitCode {
        let reader = StoreReader(storage, io: io)
        do {
            _ = try reader.execution(name)
            if try reader.executor.stop(name, error: error, cause: cause) {
                io.error("Stopped '\(name)' (its process was gone): ABORTED.")
            } else {
                io.error("Asked the process running '\(name)' to stop it.")
            }
            return .success
        } catch let failure as CommandFailure {
            for line in failure.lines { io.error(line) }
            return failure.exitCode
        } catch let failure as ExecutionStoreError {
            io.error("error: \(failure.message)")
            return .failure
        } catch {
            io.error("error: \(error)")
            return .failure
        }
    }
}
