import Foundation
import StatesLanguage

/// An execution in AWS Step Functions, as `DescribeExecution` (or `StartSyncExecution`) returns it.
public struct RemoteExecution: Sendable, Hashable {
    /// The execution's ARN.
    public var executionARN: String
    /// The state machine's ARN.
    public var stateMachineARN: String
    /// The execution's name.
    public var name: String
    /// `RUNNING`, `SUCCEEDED`, `FAILED`, `TIMED_OUT`, `ABORTED` or `PENDING_REDRIVE`.
    public var status: String
    /// When it started.
    public var startDate: Date
    /// When it ended, once it has.
    public var stopDate: Date?
    /// The input as JSON text, when the caller may see it.
    public var input: String?
    /// The output as JSON text, once it succeeded.
    public var output: String?
    /// The error name, when it did not succeed.
    public var error: String?
    /// The cause, when it did not succeed.
    public var cause: String?

    /// Creates a value.
    public init(
        executionARN: String, stateMachineARN: String, name: String, status: String, startDate: Date,
        stopDate: Date? = nil, input: String? = nil, output: String? = nil, error: String? = nil, cause: String? = nil
    ) {
        self.executionARN = executionARN
        self.stateMachineARN = stateMachineARN
        self.name = name
        self.status = status
        self.startDate = startDate
        self.stopDate = stopDate
        self.input = input
        self.output = output
        self.error = error
        self.cause = cause
    }

    /// Whether the execution is still going (`RUNNING`, or `PENDING_REDRIVE` before a redrive starts).
    public var isRunning: Bool { status == "RUNNING" || status == "PENDING_REDRIVE" }

    /// The execution as the local engine reports one, with `history` (the events of
    /// `GetExecutionHistory`, converted) and the times of the service.
    ///
    /// A `RUNNING` execution reads as `ABORTED` with no error; call this once it has ended.
    public func result(history: [ExecutionEvent]) -> ExecutionResult {
        func json(_ text: String?) -> JSONValue {
            guard let text else { return .null }
            return (try? JSONValue(parsing: text)) ?? .string(text)
        }
        let failure = StatesError(ErrorName(rawValue: error ?? ""), cause: cause)
        let status: ExecutionStatus
        switch self.status {
        case "SUCCEEDED": status = .succeeded(json(output))
        case "FAILED": status = .failed(failure)
        case "TIMED_OUT": status = .timedOut(failure)
        default: status = .aborted(error == nil && cause == nil ? nil : failure)
        }
        return ExecutionResult(
            status: status, history: history, executionARN: executionARN, name: name, input: json(input),
            startDate: startDate, stopDate: stopDate ?? startDate)
    }

    /// Reads a `DescribeExecution` or `StartSyncExecution` response (wire form).
    init(output: JSONValue) throws(StepFunctionsError) {
        guard let arn = output["executionArn"]?.stringValue, let status = output["status"]?.stringValue else {
            throw StepFunctionsError(
                code: StepFunctionsError.invalidRequestCode,
                message: "the response has no executionArn and status: \(output.jsonString())")
        }
        self.init(
            executionARN: arn, stateMachineARN: output["stateMachineArn"]?.stringValue ?? "",
            name: output["name"]?.stringValue ?? String(arn.split(separator: ":").last ?? ""), status: status,
            startDate: output["startDate"].flatMap(Self.date(from:)) ?? Date(timeIntervalSince1970: 0),
            stopDate: output["stopDate"].flatMap(Self.date(from:)), input: output["input"]?.stringValue,
            output: output["output"]?.stringValue, error: output["error"]?.stringValue,
            cause: output["cause"]?.stringValue)
    }

    /// A timestamp of the JSON protocol (epoch seconds) or of a recorded history (RFC 3339 text).
    static func date(from value: JSONValue) -> Date? {
        switch value {
        case .number(let seconds): return Date(timeIntervalSince1970: seconds.doubleValue)
        case .string(let text): return Timestamp.parse(text) ?? AWSTimestamp.date(fromText: text)
        default: return nil
        }
    }
}
