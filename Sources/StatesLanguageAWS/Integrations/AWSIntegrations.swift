import StatesLanguage

/// The AWS service integrations: every `arn:aws:states:::aws-sdk:SERVICE:ACTION` of the
/// botocore services, the optimized integrations and Lambda function ARNs.
///
/// ```swift
/// let configuration = try AWSConfiguration.load()
/// var registry = TaskRegistry()
/// registry.registerAWSIntegrations(configuration)
/// let result = await Executor(registry: registry).run(machine, input: input)
/// ```
///
/// Services: every one in botocore's models (423), by Step Functions' names (`ec2`,
/// `elasticloadbalancingv2`, `cloudwatchlogs`, `securityhub`…); each service's model is read the
/// first time a task calls it.
/// Optimized integrations: `lambda:invoke`, `sns:publish`, `sqs:sendMessage`,
/// `dynamodb:getItem/putItem/updateItem/deleteItem`, `events:putEvents`,
/// `states:startExecution` (with `.sync` and `.sync:2`) and `ecs:runTask` (with `.sync`).
public struct AWSIntegrations: Sendable {
    let clients: AWSClientSource

    /// Creates the integrations.
    ///
    /// - Parameters:
    ///   - configuration: region, credentials and endpoints.
    ///   - httpClient: the transport; `URLSession` by default.
    public init(configuration: AWSConfiguration, httpClient: any HTTPClient = URLSessionHTTPClient()) {
        clients = AWSClientSource(configuration: configuration, httpClient: httpClient)
    }

    /// Creates the integrations with a configuration loaded when the first AWS task runs.
    ///
    /// A command-line tool can register the integrations before it knows whether a run needs
    /// them: an execution whose AWS tasks are all mocked never loads credentials. When loading
    /// fails, each AWS task fails with `States.Runtime` and the reason (`No AWS region: …`).
    ///
    /// ```swift
    /// let integrations = AWSIntegrations { try AWSConfiguration.load(profile: profile, region: region) }
    /// ```
    ///
    /// - Parameters:
    ///   - httpClient: the transport; `URLSession` by default.
    ///   - load: loads the configuration; called once.
    public init(
        httpClient: any HTTPClient = URLSessionHTTPClient(),
        loadingConfiguration load: @escaping @Sendable () throws -> AWSConfiguration
    ) {
        clients = AWSClientSource(httpClient: httpClient, load: load)
    }

    /// The resources handled, with their handlers.
    var handlers: [(pattern: String, handler: any TaskHandler)] {
        var handlers: [(pattern: String, handler: any TaskHandler)] = []
        let optimized = [
            "sns:publish", "sqs:sendMessage", "dynamodb:getItem", "dynamodb:putItem", "dynamodb:updateItem",
            "dynamodb:deleteItem", "events:putEvents",
        ]
        // The commercial, China and GovCloud partitions spell ARNs with their own prefix.
        for partition in ["aws", "aws-cn", "aws-us-gov"] {
            handlers += [
                ("arn:\(partition):states:::aws-sdk:*", AWSSDKTaskHandler(clients: clients)),
                ("arn:\(partition):states:::lambda:invoke", LambdaInvokeTaskHandler(clients: clients)),
                ("arn:\(partition):lambda:*:*:function:*", LambdaInvokeTaskHandler(clients: clients)),
                ("arn:\(partition):states:::states:startExecution", StartExecutionTaskHandler(clients: clients)),
                ("arn:\(partition):states:::ecs:runTask", RunTaskTaskHandler(clients: clients)),
            ]
            for resource in optimized {
                handlers.append(("arn:\(partition):states:::\(resource)", OptimizedTaskHandler(clients: clients)))
            }
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

    /// Registers the AWS service integrations with a configuration loaded when the first AWS
    /// task runs (see ``AWSIntegrations/init(httpClient:loadingConfiguration:)``).
    ///
    /// ```swift
    /// registry.registerAWSIntegrations { try AWSConfiguration.load(profile: "ops") }
    /// ```
    ///
    /// - Parameters:
    ///   - httpClient: the transport; `URLSession` by default.
    ///   - load: loads the configuration; called once.
    public mutating func registerAWSIntegrations(
        httpClient: any HTTPClient = URLSessionHTTPClient(),
        loadingConfiguration load: @escaping @Sendable () throws -> AWSConfiguration
    ) {
        AWSIntegrations(httpClient: httpClient, loadingConfiguration: load).register(into: &self)
    }
}
