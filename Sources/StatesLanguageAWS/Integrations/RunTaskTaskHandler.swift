import StatesLanguage

/// Runs `arn:aws:states:::ecs:runTask`; with `.sync` it waits until the tasks stop by polling
/// `DescribeTasks`, and fails with `States.TaskFailed` when one exits with a non-zero code.
/// https://docs.aws.amazon.com/step-functions/latest/dg/connect-ecs.html
struct RunTaskTaskHandler: TaskHandler {
    let clients: AWSClientSource
    let style = OptimizedTaskHandler.style(forService: "ecs")
    /// Seconds between polls of a `.sync` task.
    var pollInterval: Double = 6

    func invoke(_ request: TaskRequest) async throws -> JSONValue {
        let client = try await clients.client(for: request)
        let (started, response) = try await client.perform(
            service: "ecs", action: "runTask", parameters: request.input, style: style)
        guard request.resource.integrationPattern == .sync else {
            return SDKResponseMetadata.adding(to: started, from: response)
        }
        let arns = (started["Tasks"]?.arrayValue ?? []).compactMap { $0["TaskArn"] }
        guard !arns.isEmpty else { return started }
        var parameters: JSONObject = ["Tasks": .array(arns)]
        if let cluster = request.input["Cluster"] { parameters["Cluster"] = cluster }
        while true {
            try await request.clock.sleep(seconds: pollInterval)
            let described = try await client.call(
                service: "ecs", action: "describeTasks", parameters: .object(parameters), style: style)
            let tasks = described["Tasks"]?.arrayValue ?? []
            guard !tasks.isEmpty, tasks.allSatisfy({ $0["LastStatus"]?.stringValue == "STOPPED" }) else {
                request.sendHeartbeat()
                continue
            }
            let exitCodes = tasks.flatMap { $0["Containers"]?.arrayValue ?? [] }.compactMap { $0["ExitCode"]?.intValue }
            if exitCodes.contains(where: { $0 != 0 }) { throw StatesError(.taskFailed, cause: described.jsonString()) }
            return tasks.count == 1 ? tasks[0] : described
        }
    }
}
