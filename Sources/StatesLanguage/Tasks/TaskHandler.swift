/// Runs the work of Task states whose `Resource` it is registered for.
///
/// Return the task's result as JSON, or throw. Throw ``StatesError`` to fail
/// with a specific error name (matched by `Retry` and `Catch`); any other
/// error fails the task with `States.TaskFailed` and the error's description
/// as the cause.
///
/// ```swift
/// struct Reboot: TaskHandler {
///     func invoke(_ request: TaskRequest) async throws -> JSONValue {
///         guard let ids = request.input["InstanceIds"] else { throw StatesError("Ec2.InvalidParameter", cause: "no InstanceIds") }
///         return ["Rebooted": ids]
///     }
/// }
/// ```
public protocol TaskHandler: Sendable {
    /// Performs one attempt of a task.
    ///
    /// - Parameter request: the effective input and the task's context.
    /// - Returns: the task's result, before `ResultSelector` and `ResultPath`.
    /// - Throws: ``StatesError`` for a named failure; anything else becomes `States.TaskFailed`.
    func invoke(_ request: TaskRequest) async throws -> JSONValue

    /// Whether the value returned for a `.waitForTaskToken` task is the task's result (see the default).
    var returnsCallbackResult: Bool { get }

    /// Told about an attempt that a resumed or redriven execution serves from its journal instead of
    /// calling the handler (the first process called it); handlers that count calls, such as mocks
    /// that answer by invocation number, count it too. Does nothing by default.
    func replayed(_ request: TaskRequest)
}

/// A ``TaskHandler`` made from a closure.
///
/// ```swift
/// registry.register(ClosureTaskHandler { request in ["ok": true] }, for: "arn:aws:states:::sns:publish")
/// ```
public struct ClosureTaskHandler: TaskHandler {
    let body: @Sendable (TaskRequest) async throws -> JSONValue

    /// Wraps a closure.
    public init(_ body: @escaping @Sendable (TaskRequest) async throws -> JSONValue) { self.body = body }

    /// Calls the closure.
    public func invoke(_ request: TaskRequest) async throws -> JSONValue { try await body(request) }
}

extension TaskHandler {
    /// Whether the value this handler returns for a `.waitForTaskToken` task is the task's result.
    ///
    /// By default (`false`) the engine calls the handler, which sends the token
    /// somewhere, and then waits for ``Execution/sendTaskSuccess(taskToken:output:)``.
    /// Mocks return `true`: their response stands in for the callback.
    public var returnsCallbackResult: Bool { false }

    /// Does nothing: most handlers do not count their calls.
    public func replayed(_ request: TaskRequest) {}
}
