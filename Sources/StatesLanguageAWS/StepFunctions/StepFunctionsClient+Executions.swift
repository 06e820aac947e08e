import Foundation
import StatesLanguage

extension StepFunctionsClient {
    /// `StartExecution`: starts an execution of a `STANDARD` state machine (or of a version or alias).
    ///
    /// - Parameters:
    ///   - stateMachineARN: the state machine, version or alias ARN.
    ///   - name: the execution's name; by default the service picks a UUID.
    ///   - input: the input, sent as JSON text.
    /// - Returns: the execution's ARN and start date.
    public func startExecution(
        stateMachineARN: String, name: String? = nil, input: JSONValue = .object(JSONObject())
    ) async throws(StepFunctionsError) -> (executionARN: String, startDate: Date) {
        var body: JSONObject = ["stateMachineArn": .string(stateMachineARN), "input": .string(input.jsonString())]
        if let name { body["name"] = .string(name) }
        let started = try await call("StartExecution", body)
        guard let arn = started["executionArn"]?.stringValue else {
            throw StepFunctionsError(
                code: StepFunctionsError.invalidRequestCode,
                message: "StartExecution answered without an executionArn: \(started.jsonString())")
        }
        return (arn, started["startDate"].flatMap(RemoteExecution.date(from:)) ?? Date(timeIntervalSince1970: 0))
    }

    /// `StartSyncExecution`: runs an execution of an `EXPRESS` state machine and returns how it ended.
    ///
    /// Express executions keep no history for `GetExecutionHistory`; the result carries the status,
    /// output or error and cause. Sent to `sync-states.<region>.amazonaws.com`, the operation's host
    /// prefix, unless an endpoint is configured.
    public func startSyncExecution(
        stateMachineARN: String, name: String? = nil, input: JSONValue = .object(JSONObject())
    ) async throws(StepFunctionsError) -> RemoteExecution {
        var body: JSONObject = ["stateMachineArn": .string(stateMachineARN), "input": .string(input.jsonString())]
        if let name { body["name"] = .string(name) }
        return try RemoteExecution(output: try await call("StartSyncExecution", body, hostPrefix: "sync-"))
    }

    /// `DescribeExecution`.
    public func describeExecution(arn: String) async throws(StepFunctionsError) -> RemoteExecution {
        try RemoteExecution(output: try await call("DescribeExecution", ["executionArn": .string(arn)]))
    }

    /// `StopExecution`: aborts a running execution with an optional error and cause.
    public func stopExecution(arn: String, error: String? = nil, cause: String? = nil) async throws(StepFunctionsError) {
        var body: JSONObject = ["executionArn": .string(arn)]
        if let error { body["error"] = .string(error) }
        if let cause { body["cause"] = .string(cause) }
        _ = try await call("StopExecution", body)
    }

    /// The events of an execution's history after the event `lastID`, oldest first, in the form
    /// `aws stepfunctions get-execution-history` prints (timestamps as RFC 3339 text).
    ///
    /// Pages newest first (`reverseOrder`) and stops at the first page that reaches `lastID`, so a
    /// poll reads only what is new however long the history has grown.
    public func historyEvents(
        of executionARN: String, after lastID: Int = 0, pageSize: Int = 100
    ) async throws(StepFunctionsError) -> [JSONValue] {
        var fresh: [(id: Int, event: JSONValue)] = []
        var seenIDs: Set<Int> = []
        var token: String?
        var reachedKnown = false
        repeat {
            var body: JSONObject = [
                "executionArn": .string(executionARN), "reverseOrder": true, "maxResults": .integer(pageSize),
                "includeExecutionData": true,
            ]
            if let token { body["nextToken"] = .string(token) }
            let page = try await call("GetExecutionHistory", body)
            for event in page["events"]?.arrayValue ?? [] {
                guard let id = event["id"]?.intValue else { continue }
                if id <= lastID {
                    reachedKnown = true
                } else if seenIDs.insert(id).inserted {
                    fresh.append((id, Self.normalized(event)))
                }
            }
            token = page["nextToken"]?.stringValue
        } while token != nil && !reachedKnown
        return fresh.sorted { $0.id < $1.id }.map(\.event)
    }

    /// Polls an execution's history on `clock` until the execution ends, handing each batch of new
    /// events to `onEvents`, then describes it.
    ///
    /// - Returns: the final `DescribeExecution` and every event, oldest first.
    /// - Throws: `Cancelled` when the calling task is cancelled (the execution keeps running: stop
    ///   it with ``stopExecution(arn:error:cause:)``); the last error after
    ///   ``HistoryPolling/maximumFailedPolls`` retryable failures in a row; any other error at once.
    public func follow(
        executionARN: String, clock: any ExecutionClock, polling: HistoryPolling = HistoryPolling(),
        onEvents: @Sendable ([JSONValue]) -> Void = { _ in }
    ) async throws(StepFunctionsError) -> (execution: RemoteExecution, history: [JSONValue]) {
        var history: [JSONValue] = []
        var lastID = 0
        var interval = polling.initialInterval
        var failures = 0
        while true {
            do throws(StepFunctionsError) {
                let fresh = try await historyEvents(of: executionARN, after: lastID, pageSize: polling.pageSize)
                failures = 0
                if let last = fresh.last?["id"]?.intValue {
                    lastID = last
                    history += fresh
                    onEvents(fresh)
                    interval = polling.initialInterval
                    if fresh.contains(where: Self.isClosing) {
                        return (try await describeExecution(arn: executionARN), history)
                    }
                } else {
                    interval = polling.interval(after: interval)
                }
            } catch where error.isRetryable && failures + 1 < polling.maximumFailedPolls {
                failures += 1
                interval = polling.maximumInterval
            }
            do {
                try await clock.sleep(seconds: interval)
            } catch {
                throw StepFunctionsError.cancelled
            }
        }
    }

    /// Whether an event ends the execution.
    static func isClosing(_ event: JSONValue) -> Bool {
        ["ExecutionSucceeded", "ExecutionFailed", "ExecutionTimedOut", "ExecutionAborted"]
            .contains(event["type"]?.stringValue ?? "")
    }

    /// The event with its timestamp as RFC 3339 text, as the local engine writes it.
    static func normalized(_ event: JSONValue) -> JSONValue {
        guard case .object(var object) = event, let value = object["timestamp"],
            let date = RemoteExecution.date(from: value)
        else { return event }
        object["timestamp"] = .string(Timestamp.format(date))
        return .object(object)
    }
}
