import StatesLanguage

/// What a mocked Task state does on one invocation: return a result or fail.
///
/// Mirrors the two forms of a Step Functions Local mocked response:
/// `{"Return": …}` and `{"Throw": {"Error": …, "Cause": …}}`.
///
/// ```swift
/// let ok = MockOutcome.returning(["MessageId": "m-1"])
/// let fails = MockOutcome.throwing(StatesError("SNS.NotFoundException", cause: "no topic"))
/// ```
public enum MockOutcome: Sendable, Hashable {
    /// The task succeeds with this result (before `ResultSelector` and `ResultPath`).
    case returning(JSONValue)
    /// The task fails with this error (matched by `Retry` and `Catch`).
    case throwing(StatesError)
}
