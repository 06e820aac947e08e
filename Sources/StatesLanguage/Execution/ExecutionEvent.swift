import Foundation

/// One entry of an execution's history, as `GetExecutionHistory` returns it.
public struct ExecutionEvent: Sendable, Hashable {
    /// The event's number, starting at 1.
    public var id: Int
    /// The id of the event this one follows (0 for the first).
    public var previousEventID: Int
    /// When the event happened, by the execution's clock.
    public var timestamp: Date
    /// What happened, with its details.
    public var kind: Kind

    /// Creates an event.
    public init(id: Int, previousEventID: Int, timestamp: Date, kind: Kind) {
        self.id = id
        self.previousEventID = previousEventID
        self.timestamp = timestamp
        self.kind = kind
    }

    /// What happened.
    public enum Kind: Sendable, Hashable {
        /// `ExecutionStarted`.
        case executionStarted(input: JSONValue, roleARN: String, stateMachineARN: String)
        /// `ExecutionSucceeded`.
        case executionSucceeded(output: JSONValue)
        /// `ExecutionFailed`.
        case executionFailed(error: String, cause: String?)
        /// `ExecutionTimedOut`.
        case executionTimedOut(error: String, cause: String?)
        /// `ExecutionAborted`.
        case executionAborted(error: String?, cause: String?)
        /// `ExecutionRedriven`: the execution was redriven for the `redriveCount`th time.
        case executionRedriven(redriveCount: Int)
        /// `<Type>StateEntered`, for example `PassStateEntered`.
        case stateEntered(stateType: String, name: String, input: JSONValue)
        /// `<Type>StateExited`, for example `TaskStateExited`, with the variables the state assigned
        /// (`nil` when it assigned none).
        case stateExited(stateType: String, name: String, output: JSONValue, assignedVariables: JSONObject? = nil)
        /// `EvaluationFailed`: a JSONata expression of a state failed (`location` is the field).
        case evaluationFailed(error: String, cause: String?, location: String?, state: String)
        /// `TaskScheduled`.
        case taskScheduled(
            resourceType: String, resource: String, region: String, parameters: JSONValue,
            timeoutInSeconds: Int?, heartbeatInSeconds: Int?)
        /// `TaskStarted`.
        case taskStarted(resourceType: String, resource: String)
        /// `TaskSubmitted` (a `.waitForTaskToken` or `.sync` task was accepted by the service).
        case taskSubmitted(resourceType: String, resource: String, output: JSONValue)
        /// `TaskSucceeded`.
        case taskSucceeded(resourceType: String, resource: String, output: JSONValue)
        /// `TaskFailed`.
        case taskFailed(resourceType: String, resource: String, error: String, cause: String?)
        /// `TaskTimedOut`.
        case taskTimedOut(resourceType: String, resource: String, error: String, cause: String?)
        /// `LambdaFunctionScheduled` (a Task whose `Resource` is a Lambda function ARN).
        case lambdaFunctionScheduled(resource: String, input: JSONValue, timeoutInSeconds: Int?)
        /// `LambdaFunctionStarted`.
        case lambdaFunctionStarted
        /// `LambdaFunctionSucceeded`.
        case lambdaFunctionSucceeded(output: JSONValue)
        /// `LambdaFunctionFailed`.
        case lambdaFunctionFailed(error: String, cause: String?)
        /// `LambdaFunctionTimedOut`.
        case lambdaFunctionTimedOut(error: String, cause: String?)
        /// `MapStateStarted`, with the number of items.
        case mapStateStarted(length: Int)
        /// `MapStateSucceeded`.
        case mapStateSucceeded
        /// `MapStateFailed`.
        case mapStateFailed(error: String?, cause: String?)
        /// `MapStateAborted`.
        case mapStateAborted
        /// `MapRunStarted` (distributed Map), with the Map Run's ARN.
        case mapRunStarted(mapRunARN: String)
        /// `MapRunSucceeded`.
        case mapRunSucceeded
        /// `MapRunFailed`.
        case mapRunFailed(error: String?, cause: String?)
        /// `MapRunAborted`.
        case mapRunAborted(error: String?, cause: String?)
        /// `MapRunRedriven`, with the Map Run's ARN and how many times it has been redriven.
        case mapRunRedriven(mapRunARN: String, redriveCount: Int)
        /// `MapIterationStarted`.
        case mapIterationStarted(name: String, index: Int)
        /// `MapIterationSucceeded`.
        case mapIterationSucceeded(name: String, index: Int)
        /// `MapIterationFailed`.
        case mapIterationFailed(name: String, index: Int, error: String?, cause: String?)
        /// `MapIterationAborted`.
        case mapIterationAborted(name: String, index: Int)
        /// `ParallelStateStarted`.
        case parallelStateStarted
        /// `ParallelStateSucceeded`.
        case parallelStateSucceeded
        /// `ParallelStateFailed`.
        case parallelStateFailed(error: String?, cause: String?)
        /// `ParallelStateAborted`.
        case parallelStateAborted

        /// AWS's event type name, such as `TaskStateEntered` or `MapIterationStarted`.
        public var name: String {
            switch self {
            case .executionStarted: return "ExecutionStarted"
            case .executionSucceeded: return "ExecutionSucceeded"
            case .executionFailed: return "ExecutionFailed"
            case .executionTimedOut: return "ExecutionTimedOut"
            case .executionAborted: return "ExecutionAborted"
            case .executionRedriven: return "ExecutionRedriven"
            case .stateEntered(let type, _, _): return "\(type)StateEntered"
            case .stateExited(let type, _, _, _): return "\(type)StateExited"
            case .evaluationFailed: return "EvaluationFailed"
            case .taskScheduled: return "TaskScheduled"
            case .taskStarted: return "TaskStarted"
            case .taskSubmitted: return "TaskSubmitted"
            case .taskSucceeded: return "TaskSucceeded"
            case .taskFailed: return "TaskFailed"
            case .taskTimedOut: return "TaskTimedOut"
            case .lambdaFunctionScheduled: return "LambdaFunctionScheduled"
            case .lambdaFunctionStarted: return "LambdaFunctionStarted"
            case .lambdaFunctionSucceeded: return "LambdaFunctionSucceeded"
            case .lambdaFunctionFailed: return "LambdaFunctionFailed"
            case .lambdaFunctionTimedOut: return "LambdaFunctionTimedOut"
            case .mapStateStarted: return "MapStateStarted"
            case .mapStateSucceeded: return "MapStateSucceeded"
            case .mapStateFailed: return "MapStateFailed"
            case .mapStateAborted: return "MapStateAborted"
            case .mapRunStarted: return "MapRunStarted"
            case .mapRunSucceeded: return "MapRunSucceeded"
            case .mapRunFailed: return "MapRunFailed"
            case .mapRunAborted: return "MapRunAborted"
            case .mapRunRedriven: return "MapRunRedriven"
            case .mapIterationStarted: return "MapIterationStarted"
            case .mapIterationSucceeded: return "MapIterationSucceeded"
            case .mapIterationFailed: return "MapIterationFailed"
            case .mapIterationAborted: return "MapIterationAborted"
            case .parallelStateStarted: return "ParallelStateStarted"
            case .parallelStateSucceeded: return "ParallelStateSucceeded"
            case .parallelStateFailed: return "ParallelStateFailed"
            case .parallelStateAborted: return "ParallelStateAborted"
            }
        }
    }
}
