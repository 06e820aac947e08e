import StatesLanguage

/// `sfnrun resume`: continues a stored execution whose process died.
struct ResumeCommand: Command {
    static let help = CommandHelp(
        name: "resume",
        summary: "Continue a stored execution whose process ended without finishing it (kill -9, crash).",
        usage: ["resume <name> [task options] [--store <dir>] [--output text|json] [--history]"],
        operands: [("<name>", "The execution's name (see 'sfnrun list').")],
        options: StoredRun.options,
        discussion: """
            The run is replayed from its journal: tasks whose outcome was recorded are not called again,
            Waits keep their deadlines, and times, UUIDs and random numbers are those of the first run. A
            task that had started but has no recorded outcome is called again (at-least-once for the task
            in flight). Give the same task options as 'start' (--mock-config, --task-command, --profile…):
            how tasks are served is not part of the execution. An execution that has ended cannot be
            resumed; redrive a FAILED, TIMED_OUT or ABORTED one instead.
            """,
        examples: [
            "sfnrun resume restart-web --task-command 'arn:aws:states:::aws-sdk:*=./fake-aws.sh'",
            "sfnrun resume nightly-2026-01-31 --profile ops",
        ])

    var run: StoredRun

    init(arguments: [String]) throws(UsageError) { run = try StoredRun(arguments, help: Self.help) }

    func run(io: any TerminalIO) async -> ExitCode {
        await run.run(io: io) { (executor, name) throws(ExecutionStoreError) in try await executor.resume(name) }
    }
}
