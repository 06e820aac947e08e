import StatesLanguage

/// The AWS service integrations: every `arn:aws:states:::aws-sdk:SERVICE:ACTION` of the
/// supported services, the optimized integrations and Lambda function ARNs.
///
/// ```swift
/// let configuration = try AWSConfiguration.load()
/// var registry = TaskRegistry()
/// registry.registerAWSIntegrations(configuration)
/// let result = await Executor(registry: registry).run(machine, input: input)
/// ```
///
/// Supported services (Step Functions names): autoscaling, cloudfront, cloudwatch, dynamodb,
/// ec2, ecs, elasticloadbalancingv2, eventbridge, lambda, rds, s3, sfn, sns, sqs, ssm.
/// Optimized integrations: `lambda:invoke`, `sns:publish`, `sqs:sendMessage`,
/// `dynamodb:getItem/putItem/updateItem/deleteItem`, `events:putEvents`,
/// `states:startExecution` (with `.sync` and `.sync:2`) and `ecs:runTask` (with `.sync`).
public struct AWSIntegrations: Sendable {
    let client: AWSClient

    /// Creates the integrations.
    ///
    /// - Parameters:
    ///   - configuration: region, credentials and endpoints.
    ///   - httpClient: the transport; `URLSession` by default.
    public init(configuration: AWSConfiguration, httpClient: any HTTPClient = URLSessionHTTPClient()) {
        client = AWSClient(configuration: configuration, httpClient: httpClient)
    }

    /// The resources handled, with their handlers.
    var handlers: [(pattern: String, handler: any TaskHandler)] {
        var handlers: [(pattern: String, handler: any TaskHandler)] = [
            ("arn:aws:states:::aws-sdk:*", AWSSDKTaskHandler(client: client)),
            ("arn:aws:states:::lambda:invoke", LambdaInvokeTaskHandler(client: client)),
            ("arn:aws:lambda:*:*:function:*", LambdaInvokeTaskHandler(client: client)),
            ("arn:aws:states:::states:startExecution", StartExecutionTaskHandler(client: client)),
            ("arn:aws:states:::ecs:runTask", RunTaskTaskHandler(client: client)),
        ]
        let passThrough = [
            "sns:publish", "sqs:sendMessage", "dynamodb:getItem", "dynamodb:putItem", "dynamodb:updateItem",
            "dynamodb:deleteItem", "events:putEvents",
        ]
        for resource in passThrough {
            handlers.append(("arn:aws:states:::\(resource)", OptimizedTaskHandler(client: client)))
        }
        return handlers
    }

    /// Registers every handler into `registry`, replacing earlier ones for the same resources.
    public func register(into registry: inout TaskRegistry) {
        for (pattern, handler) in handlers { registry.register(handler, for: pattern) }
    }
}

extension TaskRegistry {
    /// Registers the AWS service integrations (see ``AWSIntegrations``) with `configuration`.
    ///
    /// - Parameters:
    ///   - configuration: region, credentials and endpoints.
    ///   - httpClient: the transport; `URLSession` by default.
    public mutating func registerAWSIntegrations(
        _ configuration: AWSConfiguration, httpClient: any HTTPClient = URLSessionHTTPClient()
    ) {
        AWSIntegrations(configuration: configuration, httpClient: httpClient).register(into: &self)
    }
}
