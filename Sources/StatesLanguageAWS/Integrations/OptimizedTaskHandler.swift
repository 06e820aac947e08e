import StatesLanguage

/// Runs an optimized integration whose request and result are the SDK operation's
/// (`sns:publish`, `sqs:sendMessage`, `dynamodb:getItem`, `events:putEvents`…), reporting
/// service errors the way those integrations do.
struct OptimizedTaskHandler: TaskHandler {
    let clients: AWSClientSource

    /// Error prefixes and SDK v1 service names of the optimized integrations.
    static func style(forService service: String) -> IntegrationStyle {
        switch service {
        case "dynamodb": return .optimized(prefix: "DynamoDB", serviceName: "AmazonDynamoDBv2")
        case "sns": return .optimized(prefix: "SNS", serviceName: "AmazonSNS")
        case "sqs": return .optimized(prefix: "SQS", serviceName: "AmazonSQS")
        case "lambda": return .optimized(prefix: "Lambda", serviceName: "AWSLambda")
        case "events": return .optimized(prefix: "EventBridge", serviceName: "AmazonEventBridge")
        case "ecs": return .optimized(prefix: "ECS", serviceName: "AmazonECS")
        case "states": return .optimized(prefix: "StepFunctions", serviceName: "AWSStepFunctions")
        default: return .sdk
        }
    }

    func invoke(_ request: TaskRequest) async throws -> JSONValue {
        let client = try await clients.client(for: request)
        guard let service = request.resource.service, let action = request.resource.action else {
            throw StatesError(.taskFailed, cause: "'\(request.resource)' does not name a service and an action.")
        }
        let (output, response) = try await client.perform(
            service: service, action: action, parameters: request.input, style: Self.style(forService: service))
        return SDKResponseMetadata.adding(to: output, from: response)
    }
}
