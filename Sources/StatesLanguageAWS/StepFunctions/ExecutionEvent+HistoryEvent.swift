import Foundation
import StatesLanguage

extension ExecutionEvent {
    /// The event of one `GetExecutionHistory` entry, in the API's form (`timestamp`, `type`,
    /// `id`, `previousEventId` and a `…EventDetails` object whose payloads are JSON text), or
    /// `nil` for the event types the engine does not model (activities, `TaskStartFailed`,
    /// `TaskSubmitFailed`, `…StateAborted`, Map runs).
    ///
    /// ```swift
    /// let events = page["events"]?.arrayValue?.compactMap(ExecutionEvent.init(historyEvent:)) ?? []
    /// ```
    ///
    /// Payloads that are not JSON (AWS truncates large ones) are kept as strings. The timestamp may
    /// be epoch seconds (the wire form) or RFC 3339 text (`aws stepfunctions get-execution-history`).
    public init?(historyEvent event: JSONValue) {
        guard let type = event["type"]?.stringValue, let id = event["id"]?.intValue,
            let timestamp = event["timestamp"].flatMap(RemoteExecution.date(from:)),
            let kind = Kind(historyType: type, event: event)
        else { return nil }
        self.init(id: id, previousEventID: event["previousEventId"]?.intValue ?? 0, timestamp: timestamp, kind: kind)
    }
}

extension ExecutionEvent.Kind {
    fileprivate init?(historyType type: String, event: JSONValue) {
        func details(_ key: String) -> JSONValue { event[key] ?? .object(JSONObject()) }
        func payload(_ value: JSONValue?) -> JSONValue {
            guard let text = value?.stringValue else { return value ?? .null }
            return (try? JSONValue(parsing: text)) ?? .string(text)
        }
        func text(_ value: JSONValue?) -> String { value?.stringValue ?? "" }
        if type.hasSuffix("StateEntered") {
            let d = details("stateEnteredEventDetails")
            self = .stateEntered(
                stateType: String(type.dropLast("StateEntered".count)), name: text(d["name"]), input: payload(d["input"]))
            return
        }
        if type.hasSuffix("StateExited") {
            let d = details("stateExitedEventDetails")
            var assigned: JSONObject?
            if let variables = d["assignedVariables"]?.objectValue {
                assigned = JSONObject()
                for (name, value) in variables { assigned?[name] = payload(value) }
            }
            self = .stateExited(
                stateType: String(type.dropLast("StateExited".count)), name: text(d["name"]),
                output: payload(d["output"]), assignedVariables: assigned)
            return
        }
        // The other details objects are named after their type: `TaskFailed` → `taskFailedEventDetails`.
        let d = details(type.prefix(1).lowercased() + type.dropFirst() + "EventDetails")
        let error = text(d["error"])
        let cause = d["cause"]?.stringValue
        let resourceType = text(d["resourceType"])
        let resource = text(d["resource"])
        let name = text(d["name"])
        let index = d["index"]?.intValue ?? 0
        switch type {
        case "ExecutionStarted":
            self = .executionStarted(
                input: payload(d["input"]), roleARN: text(d["roleArn"]), stateMachineARN: text(d["stateMachineArn"]))
        case "ExecutionSucceeded": self = .executionSucceeded(output: payload(d["output"]))
        case "ExecutionFailed": self = .executionFailed(error: error, cause: cause)
        case "ExecutionTimedOut": self = .executionTimedOut(error: error, cause: cause)
        case "ExecutionAborted": self = .executionAborted(error: d["error"]?.stringValue, cause: cause)
        case "ExecutionRedriven": self = .executionRedriven(redriveCount: d["redriveCount"]?.intValue ?? 0)
        case "EvaluationFailed":
            self = .evaluationFailed(
                error: error, cause: cause, location: d["location"]?.stringValue, state: text(d["state"]))
        case "TaskScheduled":
            self = .taskScheduled(
                resourceType: resourceType, resource: resource, region: text(d["region"]),
                parameters: payload(d["parameters"]), timeoutInSeconds: d["timeoutInSeconds"]?.intValue,
                heartbeatInSeconds: d["heartbeatInSeconds"]?.intValue)
        case "TaskStarted": self = .taskStarted(resourceType: resourceType, resource: resource)
        case "TaskSubmitted":
            self = .taskSubmitted(resourceType: resourceType, resource: resource, output: payload(d["output"]))
        case "TaskSucceeded":
            self = .taskSucceeded(resourceType: resourceType, resource: resource, output: payload(d["output"]))
        case "TaskFailed": self = .taskFailed(resourceType: resourceType, resource: resource, error: error, cause: cause)
        case "TaskTimedOut":
            self = .taskTimedOut(resourceType: resourceType, resource: resource, error: error, cause: cause)
        case "LambdaFunctionScheduled":
            self = .lambdaFunctionScheduled(
                resource: resource, input: payload(d["input"]), timeoutInSeconds: d["timeoutInSeconds"]?.intValue)
        case "LambdaFunctionStarted": self = .lambdaFunctionStarted
        case "LambdaFunctionSucceeded": self = .lambdaFunctionSucceeded(output: payload(d["output"]))
        case "LambdaFunctionFailed": self = .lambdaFunctionFailed(error: error, cause: cause)
        case "LambdaFunctionTimedOut": self = .lambdaFunctionTimedOut(error: error, cause: cause)
        case "MapStateStarted": self = .mapStateStarted(length: d["length"]?.intValue ?? 0)
        case "MapStateSucceeded": self = .mapStateSucceeded
        // AWS's events carry no error for these; sfnrun's execution store keeps it.
        case "MapStateFailed": self = .mapStateFailed(error: d["error"]?.stringValue, cause: cause)
        case "MapStateAborted": self = .mapStateAborted
        case "MapRunStarted": self = .mapRunStarted(mapRunARN: d["mapRunArn"]?.stringValue ?? "")
        case "MapRunSucceeded": self = .mapRunSucceeded
        case "MapRunFailed": self = .mapRunFailed(error: error, cause: cause)
        case "MapRunAborted": self = .mapRunAborted(error: error, cause: cause)
        case "MapRunRedriven":
            self = .mapRunRedriven(mapRunARN: d["mapRunArn"]?.stringValue ?? "", redriveCount: d["redriveCount"]?.intValue ?? 0)
        case "MapIterationStarted": self = .mapIterationStarted(name: name, index: index)
        case "MapIterationSucceeded": self = .mapIterationSucceeded(name: name, index: index)
        case "MapIterationFailed":
            self = .mapIterationFailed(name: name, index: index, error: d["error"]?.stringValue, cause: cause)
        case "MapIterationAborted": self = .mapIterationAborted(name: name, index: index)
        case "ParallelStateStarted": self = .parallelStateStarted
        case "ParallelStateSucceeded": self = .parallelStateSucceeded
        case "ParallelStateFailed": self = .parallelStateFailed(error: d["error"]?.stringValue, cause: cause)
        case "ParallelStateAborted": self = .parallelStateAborted
        default: return nil
        }
    }
}
