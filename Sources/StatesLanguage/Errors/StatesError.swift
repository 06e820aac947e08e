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

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - name: the error name (`States.TaskFailed` or any custom name).
    ///   - cause: a human-readable explanation.
    public init(_ name: ErrorName, cause: String? = nil) {
        self.name = name
        self.cause = cause
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
