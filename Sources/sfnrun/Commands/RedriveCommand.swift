import StatesLanguage

/// `sfnrun redrive`: runs a FAILED, TIMED_OUT or ABORTED execution again from where it stopped
/// (`RedriveExecution`).
struct RedriveCommand: Command {
    static let help = CommandHelp(
        name: "redrive",
        summary: "Run a FAILED, TIMED_OUT or ABORTED execution again from the states that did not succeed.",
        usage: ["redrive <name> [task options] [--store <dir>] [--output text|json] [--history]"],
        operands: [("<name>", "The execution's name (see 'sfnrun list').")],
        options: StoredRun.options,
        discussion: """
            As RedriveExecution does: states that succeeded are not run again; the states an error left
            run again with their original input (retries start over); a Map runs only the iterations that
            did not succeed, a Parallel only the branches that did not. $$.Execution.RedriveCount and
            RedriveTime are set and the history gets an ExecutionRedriven event. SUCCEEDED and RUNNING
            executions, Express ones and those that ended more than 14 days ago are refused.
            """,
        examples: ["sfnrun redrive restart-web --task-command 'arn:aws:states:::aws-sdk:*=./fake-aws.sh'"])

    var run: StoredRun

    init(arguments: [String]) throws(UsageError) { run = try StoredRun(arguments, help: Self.help) }

    func run(io: any TerminalIO) async -> ExitCode {
        await run.run(io: io) { (executor, name) throws(ExecutionStoreError) in try await executor.redrive(name) }
    }
}
