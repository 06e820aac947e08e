import StatesLanguage
import StatesLanguageProcess
import StatesLanguageStore

/// What `resume` and `redrive` share: the execution's name, how its tasks are served (the same
/// options as `start`, since that is not part of the execution) and how it is followed and printed.
struct StoredRun: Sendable {
    /// The options both commands take, in the order help lists them.
    static let options: [OptionSpec] =
        TaskOptions.options + [
            StoreOptions.directoryOption,
            .value("callback-dir", "<dir>", help: "Take .waitForTaskToken callbacks from 'sfnrun callback' via this folder."),
            .value("output", "<format>", allowed: ["text", "json"], help: "How to print the result (default text)."),
            .flag("history", help: "Also print the execution's history events."),
            .flag("quiet", short: "q", help: "Print no progress or status line; only the result and errors."),
        ]

    var name: String
    var tasks: TaskOptions
    var storage: StoreOptions
    var session: ExecutionSession

    /// Reads the execution name and the options.
    init(_ arguments: [String], help: CommandHelp) throws(UsageError) {
        let parsed = try ArgumentParser.parse(arguments, for: help)
        guard let name = parsed.operands.first else { throw UsageError("missing the execution name") }
        if parsed.operands.count > 1 { throw UsageError("unexpected argument '\(parsed.operands[1])'") }
        self.name = name
        tasks = try TaskOptions(parsed)
        storage = try StoreOptions(parsed, storesByDefault: true)
        session = ExecutionSession(
            format: parsed.value("output") ?? "text", showsHistory: parsed.flag("history"),
            isQuiet: parsed.flag("quiet"), callbackDirectory: parsed.value("callback-dir"))
    }

    /// Prepares the task handlers for the stored definition, continues the execution with `action`
    /// (resume or redrive) and follows it to its end.
    func run(
        io: any TerminalIO,
        _ action: (Executor, String) async throws(ExecutionStoreError) -> Execution
    ) async -> ExitCode {
        do {
            return try await follow(io: io, action)
        } catch {
            for line in error.lines { io.error(line) }
            return error.exitCode
        }
    }

    private func follow(
        io: any TerminalIO,
        _ action: (Executor, String) async throws(ExecutionStoreError) -> Execution
    ) async throws(CommandFailure) -> ExitCode {
        guard let store = storage.store(io: io) else { throw CommandFailure("error: no execution store") }
            var executor = Executor()
            executor.store = store
            let stored: StoredExecution
            do {
                stored = try executor.storedExecution(name)
            } catch {
                throw error.failure
            }
            let machine: StateMachine
            do {
                machine = try StateMachine(
                    parsing: stored.start.definition, name: stored.start.stateMachineName, type: stored.start.type)
            } catch {
                throw CommandFailure("error: the stored definition of '\(name)' does not compile: \(error)")
            }
            let supervisor = CommandSupervisor()
            let prepared = try tasks.prepare(
                for: machine, io: io, supervisor: supervisor, forwardsCommandErrors: !session.isQuiet)
            executor.registry = prepared.registry
            tasks.configure(&executor, io: io)
            let execution: Execution
            do {
                execution = try await action(executor, name)
            } catch {
                var failure = error.failure
                // "Execution is RUNNING": when its process is gone, resume is what continues it.
                if case .notRedrivable = error, let note = stored.orphanNote { failure.lines.append("note: \(note)") }
                throw failure
            }
            var session = session
            session.store = store
            return await session.follow(
                execution, machineName: stored.start.stateMachineName, supervisor: supervisor, io: io)
    }
}
