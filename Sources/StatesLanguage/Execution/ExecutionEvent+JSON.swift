import Foundation

extension ExecutionEvent {
    /// The event as `aws stepfunctions get-execution-history` prints it:
    /// `timestamp`, `type`, `id`, `previousEventId` and a `…EventDetails` object.
    ///
    /// Payloads (`input`, `output`, `parameters`) are JSON text, as in AWS's API.
    public var jsonValue: JSONValue { jsonValue(forStore: false) }

    /// The event as `get-execution-history` prints it, or, `forStore`, as an execution store keeps it:
    /// payloads that are not strings stay JSON values instead of JSON text (reading them back is the
    /// same, writing them costs less), and failed Map iterations, Map and Parallel states keep their
    /// error and cause.
    public func jsonValue(forStore: Bool) -> JSONValue {
        if forStore {
            // Seconds since 1970, exact and cheaper to write than text.
            var object: JSONObject = [
                "id": .integer(id), "previousEventId": .integer(previousEventID),
                "timestamp": .double(timestamp.timeIntervalSince1970), "type": .string(kind.name),
            ]
            if let (key, details) = kind.details(forStore: true) { object.appendUnchecked(.object(details), forKey: key) }
            return .object(object)
        }
        var object = JSONObject()
        object["timestamp"] = .string(Timestamp.format(timestamp))
        object["type"] = .string(kind.name)
        object["id"] = .integer(id)
        object["previousEventId"] = .integer(previousEventID)
        if let (key, details) = kind.details(forStore: forStore) { object[key] = .object(details) }
        return .object(object)
    }
}

extension ExecutionEvent.Kind {
    fileprivate func details(forStore: Bool) -> (String, JSONObject)? {
        func payload(_ value: JSONValue) -> JSONValue {
            if forStore, value.stringValue == nil { return value }
            return .string(value.jsonString())
        }
        func notTruncated() -> JSONValue { ["truncated": false] }
        func errorFields(_ error: String?, _ cause: String?) -> JSONObject {
            var o = JSONObject()
            if let error, !error.isEmpty { o["error"] = .string(error) }
            if let cause { o["cause"] = .string(cause) }
            return o
        }
        switch self {
        case .executionStarted(let input, let role, let machine):
            return (
                "executionStartedEventDetails",
                [
                    "input": payload(input), "inputDetails": notTruncated(), "roleArn": .string(role),
                    "stateMachineArn": .string(machine),
                ]
            )
        case .executionSucceeded(let output):
            return ("executionSucceededEventDetails", ["output": payload(output), "outputDetails": notTruncated()])
        case .executionFailed(let error, let cause):
            return ("executionFailedEventDetails", errorFields(error, cause))
        case .executionTimedOut(let error, let cause):
            return ("executionTimedOutEventDetails", errorFields(error, cause))
        case .executionAborted(let error, let cause):
            return ("executionAbortedEventDetails", errorFields(error, cause))
        case .executionRedriven(let count):
            return ("executionRedrivenEventDetails", ["redriveCount": .integer(count)])
        case .stateEntered(_, let name, let input):
            return (
                "stateEnteredEventDetails",
                ["name": .string(name), "input": payload(input), "inputDetails": notTruncated()]
            )
        case .stateExited(_, let name, let output, let assigned):
            var o: JSONObject = ["name": .string(name), "output": payload(output), "outputDetails": notTruncated()]
            if let assigned {
                // Values are JSON text, as AWS's API returns them.
                var variables = JSONObject()
                for (key, value) in assigned { variables[key] = payload(value) }
                o["assignedVariables"] = .object(variables)
                o["assignedVariablesDetails"] = notTruncated()
            }
            return ("stateExitedEventDetails", o)
        case .evaluationFailed(let error, let cause, let location, let state):
            var o = errorFields(error, cause)
            if let location { o["location"] = .string(location) }
            o["state"] = .string(state)
            return ("evaluationFailedEventDetails", o)
        case .taskScheduled(let type, let resource, let region, let parameters, let timeout, let heartbeat):
            var o: JSONObject = [
                "resourceType": .string(type), "resource": .string(resource), "region": .string(region),
                "parameters": payload(parameters),
            ]
            if let timeout { o["timeoutInSeconds"] = .integer(timeout) }
            if let heartbeat { o["heartbeatInSeconds"] = .integer(heartbeat) }
            return ("taskScheduledEventDetails", o)
        case .taskStarted(let type, let resource):
            return ("taskStartedEventDetails", ["resourceType": .string(type), "resource": .string(resource)])
        case .taskSubmitted(let type, let resource, let output):
            return (
                "taskSubmittedEventDetails",
                [
                    "resourceType": .string(type), "resource": .string(resource), "output": payload(output),
                    "outputDetails": notTruncated(),
                ]
            )
        case .taskSucceeded(let type, let resource, let output):
            return (
                "taskSucceededEventDetails",
                [
                    "resourceType": .string(type), "resource": .string(resource), "output": payload(output),
                    "outputDetails": notTruncated(),
                ]
            )
        case .taskFailed(let type, let resource, let error, let cause):
            var o = errorFields(error, cause)
            o["resourceType"] = .string(type)
            o["resource"] = .string(resource)
            return ("taskFailedEventDetails", o)
        case .taskTimedOut(let type, let resource, let error, let cause):
            var o = errorFields(error, cause)
            o["resourceType"] = .string(type)
            o["resource"] = .string(resource)
            return ("taskTimedOutEventDetails", o)
        case .lambdaFunctionScheduled(let resource, let input, let timeout):
            var o: JSONObject = ["resource": .string(resource), "input": payload(input), "inputDetails": notTruncated()]
            if let timeout { o["timeoutInSeconds"] = .integer(timeout) }
            return ("lambdaFunctionScheduledEventDetails", o)
        case .lambdaFunctionStarted:
            return nil
        case .lambdaFunctionSucceeded(let output):
            return ("lambdaFunctionSucceededEventDetails", ["output": payload(output), "outputDetails": notTruncated()])
        case .lambdaFunctionFailed(let error, let cause):
            return ("lambdaFunctionFailedEventDetails", errorFields(error, cause))
        case .lambdaFunctionTimedOut(let error, let cause):
            return ("lambdaFunctionTimedOutEventDetails", errorFields(error, cause))
        case .mapStateStarted(let length):
            return ("mapStateStartedEventDetails", ["length": .integer(length)])
        case .mapRunStarted(let arn):
            return ("mapRunStartedEventDetails", ["mapRunArn": .string(arn)])
        case .mapRunFailed(let error, let cause):
            return ("mapRunFailedEventDetails", errorFields(error, cause))
        case .mapRunAborted(let error, let cause):
            return ("mapRunAbortedEventDetails", errorFields(error, cause))
        case .mapRunRedriven(let arn, let count):
            return ("mapRunRedrivenEventDetails", ["mapRunArn": .string(arn), "redriveCount": .integer(count)])
        case .mapRunSucceeded:
            return nil
        case .mapIterationStarted(let name, let index):
            return ("mapIterationStartedEventDetails", ["name": .string(name), "index": .integer(index)])
        case .mapIterationSucceeded(let name, let index):
            return ("mapIterationSucceededEventDetails", ["name": .string(name), "index": .integer(index)])
        case .mapIterationFailed(let name, let index, let error, let cause):
            var o: JSONObject = ["name": .string(name), "index": .integer(index)]
            if forStore { for (key, value) in errorFields(error, cause) { o[key] = value } }
            return ("mapIterationFailedEventDetails", o)
        case .mapIterationAborted(let name, let index):
            return ("mapIterationAbortedEventDetails", ["name": .string(name), "index": .integer(index)])
        case .mapStateFailed(let error, let cause) where forStore:
            return ("mapStateFailedEventDetails", errorFields(error, cause))
        case .parallelStateFailed(let error, let cause) where forStore:
            return ("parallelStateFailedEventDetails", errorFields(error, cause))
        case .mapStateFailed, .parallelStateFailed, .mapStateSucceeded, .mapStateAborted, .parallelStateStarted,
            .parallelStateSucceeded, .parallelStateAborted:
            return nil
        }
    }
}
