/// The name of a Step Functions error, as matched by `ErrorEquals` in `Retry` and `Catch`.
///
/// Names are open: a task may fail with any name (`Lambda.ServiceException`,
/// `InstanceNotYetStartedException`), so this is a string wrapper with the
/// predefined `States.*` names as static members.
///
/// ```swift
/// throw StatesError(.taskFailed, cause: "boom")
/// throw StatesError("InstanceNotYetStartedException", cause: "i-123 still booting")
/// ```
public struct ErrorName: RawRepresentable, Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The name as written in definitions and history.
    public var rawValue: String

    /// Creates a name.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Creates a name from a string literal.
    public init(stringLiteral value: String) { self.rawValue = value }

    /// The name itself.
    public var description: String { rawValue }

    /// `States.ALL`: matches any error name except `States.DataLimitExceeded` and `States.Runtime`.
    public static let all: ErrorName = "States.ALL"
    /// `States.DataLimitExceeded`: a payload or history over the service limits.
    public static let dataLimitExceeded: ErrorName = "States.DataLimitExceeded"
    /// `States.ExceedToleratedFailureThreshold`: a Map run had more failed items than tolerated.
    public static let exceedToleratedFailureThreshold: ErrorName = "States.ExceedToleratedFailureThreshold"
    /// `States.HeartbeatTimeout`: a task sent no heartbeat within `HeartbeatSeconds`.
    public static let heartbeatTimeout: ErrorName = "States.HeartbeatTimeout"
    /// `States.IntrinsicFailure`: reserved by AWS; intrinsic failures are reported as `States.Runtime`.
    public static let intrinsicFailure: ErrorName = "States.IntrinsicFailure"
    /// `States.ItemReaderFailed`: a Map's ItemReader could not read its source.
    public static let itemReaderFailed: ErrorName = "States.ItemReaderFailed"
    /// `States.NoChoiceMatched`: reserved by AWS; a Choice with no match fails with `States.Runtime`.
    public static let noChoiceMatched: ErrorName = "States.NoChoiceMatched"
    /// `States.ParameterPathFailure`: reserved by AWS; unmatched `.$` paths fail with `States.Runtime`.
    public static let parameterPathFailure: ErrorName = "States.ParameterPathFailure"
    /// `States.Permissions`: the execution lacks the rights to run a task.
    public static let permissions: ErrorName = "States.Permissions"
    /// `States.QueryEvaluationError`: a JSONata expression failed.
    public static let queryEvaluationError: ErrorName = "States.QueryEvaluationError"
    /// `States.ReferencePathConflict`: a `ResultPath` cannot be applied to the state input. Like
    /// `States.Runtime`, it ends the execution whatever `Retry` and `Catch` say.
    public static let referencePathConflict: ErrorName = "States.ReferencePathConflict"
    /// `States.ResultPathMatchFailure`: reserved by AWS; such failures are reported as `States.Runtime`.
    public static let resultPathMatchFailure: ErrorName = "States.ResultPathMatchFailure"
    /// `States.ResultWriterFailed`: a Map's ResultWriter could not write.
    public static let resultWriterFailed: ErrorName = "States.ResultWriterFailed"
    /// `States.Runtime`: an error in the execution itself, such as a path that selects nothing.
    /// `States.ALL` does not catch it.
    public static let runtime: ErrorName = "States.Runtime"
    /// `States.TaskFailed`: a task failed; also matches any task error except `States.Timeout`.
    public static let taskFailed: ErrorName = "States.TaskFailed"
    /// `States.Timeout`: a task or execution ran longer than `TimeoutSeconds`.
    public static let timeout: ErrorName = "States.Timeout"
    /// `States.BranchFailed`: a Parallel branch failed.
    public static let branchFailed: ErrorName = "States.BranchFailed"
}
