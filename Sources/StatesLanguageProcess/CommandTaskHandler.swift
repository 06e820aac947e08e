/// Runs a Task state as a local program: `/bin/sh -c COMMAND`, JSON in on standard input, JSON out
/// on standard output.
///
/// This lets a runbook run without AWS: each task's work is done by a script on this machine.
///
/// - Standard input: the task's effective input (after `InputPath` and `Parameters`, or `Arguments`
///   in JSONata) as one line of JSON; then end of file.
/// - Standard output: the task's result as JSON, which `ResultSelector` and `ResultPath` then
///   process. Nothing (or only whitespace) means `null`. Anything else that is not JSON fails the
///   task with `States.TaskFailed`, its cause quoting the start of the output.
/// - Exit status: 0 succeeds. Another status fails the task: with the `Error` and `Cause` of a
///   JSON object `{"Error": "…", "Cause": "…"}` printed on standard output (so `Retry` and `Catch`
///   can match the error), or else with `States.TaskFailed` and the end of standard error as the
///   cause. A command killed by a signal fails with `States.TaskFailed` naming the signal.
/// - Standard error: free for logs (see ``CommandTaskOptions/onStandardErrorLine``).
/// - Environment: this process's plus `SFNRUN_STATE_NAME`, `SFNRUN_RESOURCE`,
///   `SFNRUN_EXECUTION_NAME`, `SFNRUN_EXECUTION_ARN`, `SFNRUN_STATE_MACHINE_NAME`,
///   `SFNRUN_RETRY_COUNT`, `SFNRUN_TASK_TOKEN` (`.waitForTaskToken` resources only),
///   `SFNRUN_TIMEOUT_SECONDS` and `SFNRUN_HEARTBEAT_SECONDS` (when the state sets them) and
///   `SFNRUN_HEARTBEAT_FD` (`3`).
/// - Heartbeats: anything written to descriptor 3 (`echo >&3`) counts as a heartbeat
///   (`SendTaskHeartbeat`), resetting the state's `HeartbeatSeconds` timer.
/// - Time: the state's `TimeoutSeconds`, a stopped execution or a failing sibling branch stops the
///   command: SIGTERM to its process group (the shell and everything it started), SIGKILL after
///   ``CommandTaskOptions/terminationGracePeriod``. Processes the command leaves behind in its group
///   when it exits get SIGTERM then, and SIGKILL once the task is over.
///
/// For a `.waitForTaskToken` resource the command's output is the service's response (recorded in
/// `TaskSubmitted`); the task then waits for its callback, as on AWS.
///
/// ```swift
/// var registry = TaskRegistry()
/// registry.register(CommandTaskHandler(command: "./scripts/reboot.sh"), for: "arn:aws:states:::aws-sdk:ec2:rebootInstances")
/// ```
public struct CommandTaskHandler: TaskHandler {
    /// The shell command line.
    public var command: String
    /// How the command is run.
    public var options: CommandTaskOptions

    /// Creates a handler that runs `command` for every task it is registered for.
    ///
    /// - Parameters:
    ///   - command: a shell command line, run with `/bin/sh -c`.
    ///   - options: the shell, environment, limits and supervisor.
    public init(command: String, options: CommandTaskOptions = CommandTaskOptions()) {
        self.command = command
        self.options = options
    }

    /// Runs the command for one attempt of a task.
    ///
    /// - Parameter request: the effective input and the task's context.
    /// - Returns: the JSON the command printed.
    /// - Throws: ``StatesError`` for a failed, timed-out or unparseable run; `CancellationError` when
    ///   the task was cancelled (the process is stopped and reaped first).
    public func invoke(_ request: TaskRequest) async throws -> JSONValue {
        try Task.checkCancellation()
        // Held from before the spawn: a simulated clock must not move while the process starts either.
        let outcome = try await request.clock.performingExternalWork { () async throws -> ProcessOutcome in
            let process: ChildProcess
            do {
                process = try options.supervisor.launch(configuration(for: request))
            } catch {
                throw StatesError(.taskFailed, cause: "The command could not be started: \(error).")
            }
            return await withTaskCancellationHandler {
                await process.outcome
            } onCancel: {
                process.terminate()
            }
        }
        if outcome.stopReason == .terminated { throw CancellationError() }
        return try result(of: outcome, request: request)
    }

    /// The process to start for `request`.
    func configuration(for request: TaskRequest) -> ProcessConfiguration {
        var environment = options.environment
        let context = request.context
        environment["SFNRUN_STATE_NAME"] = request.stateName
        environment["SFNRUN_RESOURCE"] = request.resource.rawValue
        environment["SFNRUN_EXECUTION_NAME"] = context["Execution"]?["Name"]?.stringValue
        environment["SFNRUN_EXECUTION_ARN"] = context["Execution"]?["Id"]?.stringValue
        environment["SFNRUN_STATE_MACHINE_NAME"] = context["StateMachine"]?["Name"]?.stringValue
        environment["SFNRUN_RETRY_COUNT"] = String(request.retryCount)
        environment["SFNRUN_TASK_TOKEN"] = request.taskToken
        environment["SFNRUN_TIMEOUT_SECONDS"] = request.timeoutSeconds.map(String.init)
        environment["SFNRUN_HEARTBEAT_SECONDS"] = request.heartbeatSeconds.map(String.init)
        environment["SFNRUN_HEARTBEAT_FD"] = "3"
        var onErrorLine: (@Sendable (String) -> Void)?
        if let forward = options.onStandardErrorLine {
            let stateName = request.stateName
            onErrorLine = { line in forward(stateName, line) }
        }
        return ProcessConfiguration(
            executable: options.shell, arguments: ["sh", "-c", command], environment: environment,
            input: request.input.jsonBytes() + [UInt8(ascii: "\n")],
            // The engine's own timer stops the task too; this one also holds when the execution runs
            // on a simulated clock, which stands still while the command runs.
            timeout: request.timeoutSeconds.map(Double.init), gracePeriod: options.terminationGracePeriod,
            maximumOutputBytes: options.maximumOutputBytes, keptErrorBytes: options.maximumCauseBytes,
            onHeartbeat: request.sendHeartbeat, onErrorLine: onErrorLine)
    }
}
