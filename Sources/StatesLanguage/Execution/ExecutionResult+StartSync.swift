import Foundation

extension ExecutionResult {
    /// The result as `StartSyncExecution` returns it for an Express state machine: `executionArn`,
    /// `stateMachineArn`, `name`, `startDate`, `stopDate`, `status` (`SUCCEEDED`, `FAILED` or
    /// `TIMED_OUT`), `error` and `cause` or `output`, `input`, `inputDetails`, `outputDetails` and
    /// `billingDetails`.
    ///
    /// `billingDetails` is what AWS would bill: the duration rounded up to the next 100 ms (at least
    /// 100 ms) and the 64 MB minimum memory chunk (this engine does not measure memory as AWS does).
    ///
    /// See <https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartSyncExecution.html>.
    public var startSyncExecutionJSON: JSONValue {
        var object = JSONObject()
        object["executionArn"] = .string(executionARN)
        object["stateMachineArn"] = .string(stateMachineARN)
        object["name"] = .string(name)
        object["startDate"] = .string(Timestamp.format(startDate))
        object["stopDate"] = .string(Timestamp.format(stopDate))
        object["status"] = .string(status.name)
        if let error {
            if !error.name.rawValue.isEmpty { object["error"] = .string(error.name.rawValue) }
            if let cause = error.cause { object["cause"] = .string(cause) }
        }
        object["input"] = .string(input.jsonString())
        object["inputDetails"] = ["included": true]
        if let output {
            object["output"] = .string(output.jsonString())
            object["outputDetails"] = ["included": true]
        }
        let tenths = Int((max(stopDate.timeIntervalSince(startDate), 0) * 10).rounded(.up))
        object["billingDetails"] = [
            "billedMemoryUsedInMB": 64, "billedDurationInMilliseconds": .integer(max(tenths, 1) * 100),
        ]
        return .object(object)
    }

    /// The state machine's ARN, read from the execution's:
    /// `…:execution:MACHINE:NAME` or `…:express:MACHINE:NAME:ID` → `…:stateMachine:MACHINE`.
    var stateMachineARN: String {
        let parts = executionARN.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 7 else { return executionARN }
        return (parts[0..<5] + ["stateMachine", parts[6]]).joined(separator: ":")
    }
}
