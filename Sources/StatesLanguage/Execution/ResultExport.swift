import Foundation

/// Where and how a distributed Map's ResultWriter puts the child executions' results.
///
/// Exported results go to `PREFIX/RUN-ID/`: `SUCCEEDED_n.json`, `FAILED_n.json` and
/// `PENDING_n.json` parts (children never started because the Map Run failed or was aborted), then
/// `manifest.json` listing them. The manifest is written last, so a prefix without one was not finished.
struct ResultExport: Sendable {
    let writer: ResultWriter
    /// nil when the writer only reshapes the output (`WriterConfig` without `Resource`).
    let storage: (any ObjectStorage)?
    let bucket: String
    let prefix: String
    let mapRunARN: String
    let runID: String

    /// The folder of this Map Run's files.
    var folder: String {
        let base = prefix.isEmpty ? "" : (prefix.hasSuffix("/") ? prefix : prefix + "/")
        return base + runID + "/"
    }

    /// One child's entry as `Transformation` says (a failed child keeps the full form, as AWS does).
    func entry(_ outcome: ChildOutcome) -> [JSONValue] {
        switch (writer.transformation, outcome.status) {
        case (.compact, "SUCCEEDED"): return [outcome.output ?? .null]
        case (.flatten, "SUCCEEDED"):
            if case .array(let values)? = outcome.output { return values }
            return [outcome.output ?? .null]
        default: return [outcome.detail]
        }
    }

    /// The entry of a child never started (`PENDING_n.json`): its input, whatever `Transformation`
    /// says, as there is no execution to describe.
    func pendingEntry(_ input: JSONValue) -> JSONValue {
        ["Input": .string(input.jsonString()), "InputDetails": ["Included": true], "Status": "PENDING"]
    }
}

/// One child execution's end, as the Map Run keeps it.
struct ChildOutcome: Sendable {
    var index: Int
    var status: String
    var name: String
    var executionARN: String
    var stateMachineARN: String
    var input: JSONValue
    var output: JSONValue?
    var error: String?
    var cause: String?
    var startDate: Date
    var stopDate: Date

    /// The NONE transformation's record of the child.
    var detail: JSONValue {
        var o: JSONObject = [
            "ExecutionArn": .string(executionARN), "Name": .string(name), "Input": .string(input.jsonString()),
            "InputDetails": ["Included": true], "StateMachineArn": .string(stateMachineARN),
            "Status": .string(status), "StartDate": .string(Timestamp.format(startDate)),
            "StopDate": .string(Timestamp.format(stopDate)), "RedriveCount": 0,
            "RedriveStatus": .string(status == "SUCCEEDED" ? "NOT_REDRIVABLE" : "REDRIVABLE"),
        ]
        if status == "SUCCEEDED" {
            o["Output"] = .string((output ?? .null).jsonString())
            o["OutputDetails"] = ["Included": true]
            o["RedriveStatusReason"] = "Execution is SUCCEEDED and cannot be redriven"
        } else {
            if let error { o["Error"] = .string(error) }
            if let cause { o["Cause"] = .string(cause) }
        }
        return .object(o)
    }
}
