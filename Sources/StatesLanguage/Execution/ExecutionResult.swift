import Foundation

/// How an execution ended.
public enum ExecutionStatus: Sendable, Hashable {
    /// `SUCCEEDED`, with the execution's output.
    case succeeded(JSONValue)
    /// `FAILED`, with the error that ended it.
    case failed(StatesError)
    /// `TIMED_OUT`: the state machine's `TimeoutSeconds` passed.
    case timedOut(StatesError)
    /// `ABORTED`: the execution was stopped.
    case aborted(StatesError?)

    /// AWS's status string: `SUCCEEDED`, `FAILED`, `TIMED_OUT` or `ABORTED`.
    public var name: String {
        switch self {
        case .succeeded: return "SUCCEEDED"
        case .failed: return "FAILED"
        case .timedOut: return "TIMED_OUT"
        case .aborted: return "ABORTED"
        }
    }
}

/// The outcome of an execution: status, output or error, and the full history.
///
/// A failed execution is a result, not a thrown error.
public struct ExecutionResult: Sendable {
    /// How the execution ended.
    public var status: ExecutionStatus
    /// Every history event, in order.
    public var history: [ExecutionEvent]
    /// The execution's ARN.
    public var executionARN: String
    /// The execution's name.
    public var name: String
    /// The input the execution started with.
    public var input: JSONValue
    /// When the execution started, by its clock.
    public var startDate: Date
    /// When the execution ended, by its clock.
    public var stopDate: Date
    /// The Map Runs of the execution's distributed Maps (DescribeMapRun's data), in start order.
    public var mapRuns: [MapRun]

    /// Creates a result; the engine makes them, and so do readers of recorded or remote executions.
    public init(
        status: ExecutionStatus, history: [ExecutionEvent], executionARN: String, name: String, input: JSONValue,
        startDate: Date, stopDate: Date, mapRuns: [MapRun] = []
    ) {
        self.mapRuns = mapRuns
        self.status = status
        self.history = history
        self.executionARN = executionARN
        self.name = name
        self.input = input
        self.startDate = startDate
        self.stopDate = stopDate
    }

    /// The output when the execution succeeded.
    public var output: JSONValue? {
        if case .succeeded(let output) = status { return output }
        return nil
    }

    /// The error that ended the execution, when it did not succeed.
    public var error: StatesError? {
        switch status {
        case .succeeded: return nil
        case .failed(let e), .timedOut(let e): return e
        case .aborted(let e): return e
        }
    }

    /// Whether the execution succeeded.
    public var succeeded: Bool {
        if case .succeeded = status { return true }
        return false
    }

    /// The names of the states entered, in order (a state entered twice appears twice).
    public var statesEntered: [String] {
        history.compactMap { event in
            if case .stateEntered(_, let name, _) = event.kind { return name }
            return nil
        }
    }

    /// The result as `aws stepfunctions describe-execution` prints it.
    public var describeExecutionJSON: JSONValue {
        var object = JSONObject()
        object["executionArn"] = .string(executionARN)
        object["name"] = .string(name)
        object["status"] = .string(status.name)
        object["startDate"] = .string(Timestamp.format(startDate))
        object["stopDate"] = .string(Timestamp.format(stopDate))
        object["input"] = .string(input.jsonString())
        if let output { object["output"] = .string(output.jsonString()) }
        if let error {
            if !error.name.rawValue.isEmpty { object["error"] = .string(error.name.rawValue) }
            if let cause = error.cause { object["cause"] = .string(cause) }
        }
        return .object(object)
    }
}
