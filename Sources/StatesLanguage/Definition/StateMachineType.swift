/// Whether a state machine is a Standard or an Express workflow.
///
/// The type changes what a definition may use and how executions are bounded:
///
/// | | Standard | Express |
/// |---|---|---|
/// | `.sync`, `.waitForTaskToken`, activities | allowed | refused when the definition is compiled |
/// | longest execution | one year | five minutes (then `TIMED_OUT`) |
/// | history | at most 25,000 events | no event quota |
///
/// On AWS a Standard execution runs exactly once and keeps its history 90 days; an Express one runs
/// at least once, has no `GetExecutionHistory`, and `StartSyncExecution` returns its result.
///
/// ```swift
/// let machine = try StateMachine(parsing: text, type: .express)
/// ```
///
/// See <https://docs.aws.amazon.com/step-functions/latest/dg/choosing-workflow-type.html>.
public enum StateMachineType: String, Sendable, Hashable, CaseIterable {
    /// A Standard workflow (the default).
    case standard = "STANDARD"
    /// An Express workflow.
    case express = "EXPRESS"

    /// The longest an execution may run, in seconds: one year (Standard) or five minutes (Express).
    public var maximumDurationSeconds: Double {
        switch self {
        case .standard: return Retrier.longestDelay
        case .express: return 300
        }
    }

    /// The cause of the `States.Timeout` that ends an execution at ``maximumDurationSeconds``.
    var maximumDurationCause: String {
        switch self {
        case .standard: return "The execution reached the maximum duration of a standard workflow (one year)."
        case .express: return "The execution reached the maximum duration of an Express workflow (five minutes)."
        }
    }
}
