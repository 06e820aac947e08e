import StatesLanguage

/// Runs `arn:aws:states:::aws-sdk:SERVICE:ACTION` tasks: the action in PascalCase is the operation, the effective
/// input its parameters, and the result the SDK-shaped output.
struct AWSSDKTaskHandler: TaskHandler {
    let clients: AWSClientSource

    func invoke(_ request: TaskRequest) async throws -> JSONValue {
        let client = try await clients.client(for: request)
        guard let service = request.resource.service, let action = request.resource.action else {
            throw StatesError(.taskFailed, cause: "'\(request.resource)' does not name a service and an action.")
        }
        if request.resource.kind == .awsSDK,
            request.resource.integrationPattern == .sync
                || request.resource.integrationPattern == .syncJSON
        {
            throw StatesError(
                .taskFailed, cause: "AWS SDK integrations do not support the .sync pattern ('\(request.resource)').")
        }
        return try await client.call(service: service, action: action, parameters: request.input)
    }
}
