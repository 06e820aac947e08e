/// What testing one state gave (AWS's `TestState` response).
public struct StateTestResult: Sendable, Hashable {
    /// How the state ended.
    public enum Status: String, Sendable, Hashable {
        /// It completed; ``StateTestResult/nextState`` names where it goes (none for an end state).
        case succeeded = "SUCCEEDED"
        /// It failed and no `Retry` or `Catch` handles the error.
        case failed = "FAILED"
        /// It failed and a `Retry` rule would try it again.
        case retriable = "RETRIABLE"
        /// It failed and a `Catch` rule handled the error.
        case caughtError = "CAUGHT_ERROR"
    }

    /// The status.
    public var status: Status
    /// The state's output (also after a caught error).
    public var output: JSONValue?
    /// The error, when it failed.
    public var error: StatesError?
    /// The next state, when it has one.
    public var nextState: String?
    /// The data after each processing step, at DEBUG and TRACE (the API's `inspectionData`).
    public var inspectionData: JSONObject?

    /// The API's response document: `status`, `output`, `error`, `cause`, `nextState` and
    /// `inspectionData`, payloads as JSON text.
    public var jsonValue: JSONValue {
        var object = JSONObject()
        if let output { object["output"] = .string(output.jsonString()) }
        if let error {
            object["error"] = .string(error.name.rawValue)
            if let cause = error.cause { object["cause"] = .string(cause) }
        }
        if let inspectionData { object["inspectionData"] = .object(inspectionData) }
        if let nextState { object["nextState"] = .string(nextState) }
        object["status"] = .string(status.rawValue)
        return .object(object)
    }
}
