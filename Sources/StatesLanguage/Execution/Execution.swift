import Synchronization

/// A running execution: observe its events, wait for its result, stop it, or
/// complete its `.waitForTaskToken` tasks.
public final class Execution: Sendable {
    /// The execution's ARN.
    public let executionARN: String
    /// The execution's name.
    public let name: String

    private let runner: ExecutionRunner
    private let task: Task<ExecutionResult, Never>

    init(runner: ExecutionRunner) {
        self.runner = runner
        executionARN = runner.context.executionARN
        name = runner.context.executionName
        task = Task { await runner.run() }
    }

    /// The history so far and every later event; finishes after the execution's closing event.
    public var events: AsyncStream<ExecutionEvent> { runner.recorder.stream() }

    /// The events recorded so far (a snapshot; ``events`` follows them live).
    public var history: [ExecutionEvent] { runner.recorder.events }

    /// The result, once the execution ends.
    public var result: ExecutionResult {
        get async { await task.value }
    }

    /// Stops the execution: running tasks are cancelled and the status becomes `ABORTED`.
    ///
    /// - Parameters:
    ///   - error: an error name to record in `ExecutionAborted`, like `StopExecution`'s `error`.
    ///   - cause: a cause to record.
    public func stop(error: String? = nil, cause: String? = nil) {
        runner.abortReason.withLock { $0 = (error, cause) }
        task.cancel()
    }

    /// The `.waitForTaskToken` tasks waiting for their callback now: each one's task token and state name.
    ///
    /// A program that cannot deliver callbacks can say so, rather than leave the execution waiting in
    /// silence:
    ///
    /// ```swift
    /// for (token, state) in execution.tasksAwaitingCallback { print("\(state) waits on \(token)") }
    /// ```
    public var tasksAwaitingCallback: [(taskToken: String, stateName: String)] { runner.tokens.waiting }

    /// Completes the `.waitForTaskToken` task waiting on `taskToken` with `output` (`SendTaskSuccess`).
    ///
    /// - Throws: `TaskDoesNotExist` when no task waits on the token.
    public func sendTaskSuccess(taskToken: String, output: JSONValue) throws(StatesError) {
        try runner.tokens.complete(taskToken, with: .success(output))
    }

    /// Fails the `.waitForTaskToken` task waiting on `taskToken` (`SendTaskFailure`).
    ///
    /// - Throws: `TaskDoesNotExist` when no task waits on the token.
    public func sendTaskFailure(taskToken: String, error: String, cause: String? = nil) throws(StatesError) {
        try runner.tokens.complete(taskToken, with: .failure(StatesError(ErrorName(rawValue: error), cause: cause)))
    }

    /// Resets the heartbeat timer of the task waiting on `taskToken` (`SendTaskHeartbeat`).
    ///
    /// - Throws: `TaskDoesNotExist` when no task waits on the token.
    public func sendTaskHeartbeat(taskToken: String) throws(StatesError) {
        try runner.tokens.heartbeat(taskToken)
    }
}
