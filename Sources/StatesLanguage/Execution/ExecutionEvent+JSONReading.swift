import Foundation

extension ExecutionEvent {
    /// Reads an event in the form `aws stepfunctions get-execution-history` prints (and
    /// ``jsonValue`` writes): `timestamp`, `type`, `id`, `previousEventId` and a
    /// `…EventDetails` object whose payloads are JSON text.
    ///
    /// ```swift
    /// let events = history["events"]!.arrayValue!.compactMap(ExecutionEvent.init(jsonValue:))
    /// ```
    ///
    /// Timestamps may be RFC 3339 text or seconds since 1970 (as some SDKs print them); a
    /// payload that is not valid JSON text is kept as a string.
    ///
    /// - Parameter jsonValue: one element of the history's `events` array.
    /// - Returns: `nil` when the value is not an event of a type this engine records
    ///   (activities, Map runs, redrives), or lacks `type`, `id` or `timestamp`.
    public init?(jsonValue: JSONValue) {
        guard let object = jsonValue.objectValue, let type = object["type"]?.stringValue,
            let id = object["id"]?.intValue, let timestamp = object["timestamp"].flatMap(Self.date)
        else { return nil }
        let details = object.first { $0.key.hasSuffix("EventDetails") }?.value.objectValue ?? JSONObject()
        guard let kind = Kind(type: type, details: details) else { return nil }
        self.init(id: id, previousEventID: object["previousEventId"]?.intValue ?? 0, timestamp: timestamp, kind: kind)
    }

    private static func date(_ value: JSONValue) -> Date? {
        if let seconds = value.doubleValue { return Date(timeIntervalSince1970: seconds) }
        return value.stringValue.flatMap { Timestamp.parse($0.replacingOccurrences(of: " ", with: "T")) }
    }
}

extension ExecutionEvent.Kind {
    fileprivate init?(type: String, details: JSONObject) {
        func text(_ key: String) -> String? { details[key]?.stringValue }
        func payload(_ key: String) -> JSONValue {
            guard let raw = text(key) else { return .null }
            return (try? JSONValue(parsing: raw)) ?? .string(raw)
        }
        func integer(_ key: String) -> Int? { details[key]?.intValue }
        let resourceType = text("resourceType") ?? ""
        let resource = text("resource") ?? ""
        let name = text("name") ?? ""
        let index = integer("index") ?? 0
        if type.hasSuffix("StateEntered") {
            self = .stateEntered(stateType: String(type.dropLast("StateEntered".count)), name: name, input: payload("input"))
            return
        }
        if type.hasSuffix("StateExited") {
            var assigned: JSONObject?
            if let variables = details["assignedVariables"]?.objectValue {
                var values = JSONObject()
                for (key, value) in variables { values[key] = value.stringValue.map { (try? JSONValue(parsing: $0)) ?? .string($0) } ?? value }
                assigned = values
            }
            self = .stateExited(
                stateType: String(type.dropLast("StateExited".count)), name: name, output: payload("output"),
                assignedVariables: assigned)
            return
        }
        switch type {
        case "ExecutionStarted":
            self = .executionStarted(
                input: payload("input"), roleARN: text("roleArn") ?? "", stateMachineARN: text("stateMachineArn") ?? "")
        case "ExecutionSucceeded": self = .executionSucceeded(output: payload("output"))
        case "ExecutionFailed": self = .executionFailed(error: text("error") ?? "", cause: text("cause"))
        case "ExecutionTimedOut": self = .executionTimedOut(error: text("error") ?? "States.Timeout", cause: text("cause"))
        case "ExecutionAborted": self = .executionAborted(error: text("error"), cause: text("cause"))
        case "EvaluationFailed":
            self = .evaluationFailed(
                error: text("error") ?? "", cause: text("cause"), location: text("location"), state: text("state") ?? "")
        case "TaskScheduled":
            self = .taskScheduled(
                resourceType: resourceType, resource: resource, region: text("region") ?? "",
                parameters: payload("parameters"), timeoutInSeconds: integer("timeoutInSeconds"),
                heartbeatInSeconds: integer("heartbeatInSeconds"))
        case "TaskStarted": self = .taskStarted(resourceType: resourceType, resource: resource)
        case "TaskSubmitted": self = .taskSubmitted(resourceType: resourceType, resource: resource, output: payload("output"))
        case "TaskSucceeded": self = .taskSucceeded(resourceType: resourceType, resource: resource, output: payload("output"))
        case "TaskFailed":
            self = .taskFailed(resourceType: resourceType, resource: resource, error: text("error") ?? "", cause: text("cause"))
        case "TaskTimedOut":
            self = .taskTimedOut(
                resourceType: resourceType, resource: resource, error: text("error") ?? "States.Timeout", cause: text("cause"))
        case "LambdaFunctionScheduled":
            self = .lambdaFunctionScheduled(
                resource: resource, input: payload("input"), timeoutInSeconds: integer("timeoutInSeconds"))
        case "LambdaFunctionStarted": self = .lambdaFunctionStarted
        case "LambdaFunctionSucceeded": self = .lambdaFunctionSucceeded(output: payload("output"))
        case "LambdaFunctionFailed": self = .lambdaFunctionFailed(error: text("error") ?? "", cause: text("cause"))
        case "LambdaFunctionTimedOut":
            self = .lambdaFunctionTimedOut(error: text("error") ?? "States.Timeout", cause: text("cause"))
        case "MapStateStarted": self = .mapStateStarted(length: integer("length") ?? 0)
        case "MapStateSucceeded": self = .mapStateSucceeded
        case "MapStateFailed": self = .mapStateFailed(error: text("error"), cause: text("cause"))
        case "MapStateAborted": self = .mapStateAborted
        case "MapIterationStarted": self = .mapIterationStarted(name: name, index: index)
        case "MapIterationSucceeded": self = .mapIterationSucceeded(name: name, index: index)
        case "MapIterationFailed":
            self = .mapIterationFailed(name: name, index: index, error: text("error"), cause: text("cause"))
        case "MapIterationAborted": self = .mapIterationAborted(name: name, index: index)
        case "ParallelStateStarted": self = .parallelStateStarted
        case "ParallelStateSucceeded": self = .parallelStateSucceeded
        case "ParallelStateFailed": self = .parallelStateFailed(error: text("error"), cause: text("cause"))
        case "ParallelStateAborted": self = .parallelStateAborted
        default: return nil
        }
    }
}
