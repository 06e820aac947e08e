/// An error raised while an execution runs: a name matched by `Retry`/`Catch`, and a cause.
///
/// Task handlers throw it to fail with a specific name; any other error a
/// handler throws becomes `States.TaskFailed` with the error's description as
/// the cause. A failed execution reports the error that ended it.
///
/// ```swift
/// throw StatesError("InstanceNotYetStartedException", cause: "i-0abc is still booting")
/// ```
public struct StatesError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The error name, as matched by `ErrorEquals`.
    public var name: ErrorName
    /// A human-readable explanation, if any.
    public var cause: String?
    /// Extra facts for people, kept out of `cause` where that must stay AWS's exact text
    /// (`States.DataLimitExceeded` gives the size and the limit here). Not part of equality, the
    /// error output or the history.
    public var detail: String?

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - name: the error name (`States.TaskFailed` or any custom name).
    ///   - cause: a human-readable explanation.
    public init(_ name: ErrorName, cause: String? = nil) {
        self.name = name
        self.cause = cause
    }

    /// Equal when the name and cause are; ``detail`` is ignored.
    public static func == (lhs: StatesError, rhs: StatesError) -> Bool {
        lhs.name == rhs.name && lhs.cause == rhs.cause
    }

    /// Hashes the name and cause.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(cause)
    }

    /// `Name: cause`.
    public var description: String {
        if let cause { return "\(name.rawValue): \(cause)" }
        return name.rawValue
    }

    /// The `{"Error": …, "Cause": …}` object that `Catch` passes on.
    public var errorOutput: JSONValue {
        // A Fail state without Error or Cause leaves the field out, as AWS does.
        var object = JSONObject()
        if !name.rawValue.isEmpty { object["Error"] = .string(name.rawValue) }
        if let cause { object["Cause"] = .string(cause) }
        return .object(object)
    }

    /// A `States.Runtime` error with the given cause.
    public static func runtime(_ cause: String) -> StatesError { StatesError(.runtime, cause: cause) }
}
