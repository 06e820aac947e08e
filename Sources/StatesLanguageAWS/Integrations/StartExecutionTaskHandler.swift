import StatesLanguage

/// Runs `arn:aws:states:::states:startExecution`, with `.sync` (output as text) and `.sync:2`
/// (output as JSON) waiting for the child execution by polling `DescribeExecution`.
///
/// `Input` may be given as JSON; it is sent as text. A failed, timed-out or aborted child fails
/// the task with `States.TaskFailed` and the describe output as the cause.
/// https://docs.aws.amazon.com/step-functions/latest/dg/connect-stepfunctions.html
struct StartExecutionTaskHandler: TaskHandler {
    let clients: AWSClientSource
    let style = OptimizedTaskHandler.style(forService: "states")
    /// Seconds between polls of a `.sync` child.
    var pollInterval: Double = 5

    func invoke(_ request: TaskRequest) async throws -> JSONValue {
        let client = try await clients.client(for: request)
        let (started, response) = try await client.perform(
            service: "sfn", action: "startExecution", parameters: request.input, style: style)
        let pattern = request.resource.integrationPattern
        guard pattern == .sync || pattern == .syncJSON, let arn = started["ExecutionArn"] else {
            return SDKResponseMetadata.adding(to: started, from: response)
        }
        while true {
            try await request.clock.sleep(seconds: pollInterval)
            var described = try await client.call(
                service: "sfn", action: "describeExecution", parameters: ["ExecutionArn": arn], style: style)
            switch described["Status"]?.stringValue {
            case "RUNNING", "PENDING_REDRIVE", nil:
                request.sendHeartbeat()
                continue
            case "SUCCEEDED":
                if pattern == .syncJSON, case .object(var object) = described, let text = object["Output"]?.stringValue
                {
                    object["Output"] = (try? JSONValue(parsing: text)) ?? .string(text)
                    described = .object(object)
                }
                return described
            default:
                throw StatesError(.taskFailed, cause: described.jsonString())
            }
        }
    }
}
