import Foundation
import Synchronization

/// Runs `arn:aws:states:::states:startExecution` (request-response, `.sync`, `.sync:2`) for state
/// machines defined locally: the child runs in this process, on the parent's clock, with the same
/// task handlers.
///
/// A `StateMachineArn` whose name (the part after `stateMachine:`) is not local goes to the handler
/// that was registered before (the AWS integration, say) or fails with a clear error.
///
/// ```swift
/// registry.registerLocalStateMachines(["restart-one-instance": child])
/// ```
final class LocalStateMachines: TaskHandler {
    private let machines: [String: StateMachine]
    private let fallback: (any TaskHandler)?
    /// The registry children run with; set once registration is complete, so children can nest.
    private let registry = Mutex(TaskRegistry())
    private let limits: ExecutionLimits

    init(machines: [String: StateMachine], fallback: (any TaskHandler)?, limits: ExecutionLimits) {
        self.machines = machines
        self.fallback = fallback
        self.limits = limits
    }

    func use(_ registry: TaskRegistry) { self.registry.withLock { $0 = registry } }

    func invoke(_ request: TaskRequest) async throws -> JSONValue {
        guard let arn = request.input["StateMachineArn"]?.stringValue else {
            throw StatesError(.taskFailed, cause: "startExecution needs a 'StateMachineArn' parameter.")
        }
        let name = arn.components(separatedBy: ":stateMachine:").last.map { String($0.prefix { $0 != ":" }) } ?? arn
        guard let machine = machines[name] else {
            if let fallback { return try await fallback.invoke(request) }
            throw StatesError(
                .taskFailed, cause: "No local state machine is named '\(name)' (from StateMachineArn '\(arn)').")
        }
        var input: JSONValue = .object(JSONObject())
        if let given = request.input["Input"] {
            // Step Functions takes the input as text; a JSON value is accepted too, as the console does.
            if case .string(let text) = given {
                do { input = try JSONValue(parsing: text) } catch {
                    throw StatesError(.taskFailed, cause: "The child execution's Input is not valid JSON: \(error)")
                }
            } else {
                input = given
            }
        }
        let executor = Executor(registry: registry.withLock { $0 }, clock: request.clock, limits: limits)
        var child = machine
        child.name = name
        let execution = try await executor.start(child, input: input, name: request.input["Name"]?.stringValue)
        let pattern = request.resource.integrationPattern
        guard pattern == .sync || pattern == .syncJSON else {
            return ["ExecutionArn": .string(execution.executionARN), "StartDate": .string(Timestamp.format(request.clock.now))]
        }
        let result = await withTaskCancellationHandler {
            await execution.result
        } onCancel: {
            execution.stop(error: "States.Aborted", cause: "The parent execution stopped waiting.")
        }
        let described = result.describeExecutionJSON.objectValue ?? JSONObject()
        var output: JSONObject = [
            "ExecutionArn": described["executionArn"] ?? .null,
            "StateMachineArn": .string(arn),
            "Name": described["name"] ?? .null,
            "Status": described["status"] ?? .null,
            "StartDate": described["startDate"] ?? .null,
            "StopDate": described["stopDate"] ?? .null,
            "Input": described["input"] ?? .null,
        ]
        if let text = described["output"]?.stringValue {
            output["Output"] = pattern == .syncJSON ? ((try? JSONValue(parsing: text)) ?? .string(text)) : .string(text)
        }
        if let error = described["error"] { output["Error"] = error }
        if let cause = described["cause"] { output["Cause"] = cause }
        guard result.succeeded else {
            // As Step Functions does: the task fails with the child's description as the cause.
            throw StatesError(.taskFailed, cause: JSONValue.object(output).jsonString())
        }
        return .object(output)
    }
}

extension TaskRegistry {
    /// Runs `states:startExecution` tasks locally for the named state machines (see the type
    /// `LocalStateMachines`): children use this registry's handlers and the parent's clock.
    ///
    /// Other state machine ARNs go to the `startExecution` handler registered before this call.
    /// Children see the handlers registered up to this call; register local machines last.
    ///
    /// - Parameters:
    ///   - machines: the local state machines, by name (the name in `StateMachineArn`).
    ///   - limits: the quotas children enforce.
    public mutating func registerLocalStateMachines(_ machines: [String: StateMachine], limits: ExecutionLimits = .aws) {
        let arn = "arn:aws:states:::states:startExecution"
        let handler = LocalStateMachines(
            machines: machines, fallback: handler(for: try! ResourceARN(arn)), limits: limits)
        register(handler, for: arn)
        handler.use(self)
    }
}
