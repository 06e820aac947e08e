import Foundation
import StatesLanguage
import Testing

@testable import StatesLanguageAWS

/// Service errors from moto surface as `<Service>.<Exception>` errors that Retry and Catch match.
@Suite("AWS error mapping against moto", .enabled(if: MotoServer.isAvailable, MotoServer.skipMessage))
struct MotoErrorMappingTests {
    func run(_ definition: String, input: JSONValue = [:]) async throws -> ExecutionResult {
        var registry = TaskRegistry()
        registry.registerAWSIntegrations(try await MotoServer.configuration())
        let machine = try StateMachine(parsing: definition)
        return await Executor(registry: registry).run(machine, input: input)
    }

    static func catching(_ resource: String, parameters: String, error: String) -> String {
        """
        {"StartAt": "Call", "States": {
          "Call": {"Type": "Task", "Resource": "\(resource)", "Parameters": \(parameters),
                   "Catch": [{"ErrorEquals": ["\(error)"], "ResultPath": "$.Caught", "Next": "Caught"}], "End": true},
          "Caught": {"Type": "Pass", "End": true}}}
        """
    }

    @Test("a missing target group is ElasticLoadBalancingV2.TargetGroupNotFoundException, caught by name")
    func missingTargetGroup() async throws {
        let arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/missing/0123456789abcdef"
        let result = try await run(
            Self.catching(
                "arn:aws:states:::aws-sdk:elasticloadbalancingv2:describeTargetHealth",
                parameters: #"{"TargetGroupArn": "\#(arn)"}"#,
                error: "ElasticLoadBalancingV2.TargetGroupNotFoundException"))
        let output = try #require(result.output)
        #expect(output["Caught"]?["Error"] == "ElasticLoadBalancingV2.TargetGroupNotFoundException")
        let cause = try #require(output["Caught"]?["Cause"]?.stringValue)
        #expect(cause.contains("(Service: ElasticLoadBalancingV2, Status Code: 400, Request ID: "), "\(cause)")
    }

    @Test("an uncaught service error fails the execution with the mapped name")
    func uncaught() async throws {
        let result = try await run(
            #"{"StartAt": "Get", "States": {"Get": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:s3:getObject", "Parameters": {"Bucket": "no-such-bucket-here", "Key": "k"}, "End": true}}}"#
        )
        guard case .failed(let error) = result.status else {
            Issue.record("expected a failure, got \(result.status)")
            return
        }
        #expect(error.name.rawValue == "S3.NoSuchBucketException")
        #expect(error.cause?.contains("(Service: S3, Status Code: 404, Request ID: ") == true)
    }

    @Test(
        "errors are mapped per service",
        arguments: [
            (
                "arn:aws:states:::aws-sdk:dynamodb:getItem", #"{"TableName": "missing", "Key": {"id": {"S": "1"}}}"#,
                "DynamoDb.ResourceNotFoundException"
            ),
            (
                "arn:aws:states:::dynamodb:getItem", #"{"TableName": "missing", "Key": {"id": {"S": "1"}}}"#,
                "DynamoDB.ResourceNotFoundException"
            ),
            (
                "arn:aws:states:::aws-sdk:ec2:describeInstances", #"{"InstanceIds": ["i-00000000000000000"]}"#,
                "Ec2.Ec2Exception"
            ),
            (
                "arn:aws:states:::aws-sdk:sqs:getQueueUrl", #"{"QueueName": "missing"}"#,
                "Sqs.QueueDoesNotExistException"
            ),
            ("arn:aws:states:::aws-sdk:ssm:getParameter", #"{"Name": "/missing"}"#, "Ssm.ParameterNotFoundException"),
            // Services with models since every botocore service is bundled, one per protocol.
            (
                "arn:aws:states:::aws-sdk:cloudwatchlogs:deleteLogGroup", #"{"LogGroupName": "missing"}"#,
                "CloudWatchLogs.ResourceNotFoundException"
            ),
            (
                "arn:aws:states:::aws-sdk:secretsmanager:describeSecret", #"{"SecretId": "missing"}"#,
                "SecretsManager.ResourceNotFoundException"
            ),
            (
                "arn:aws:states:::aws-sdk:resourcegroups:getGroup", #"{"Group": "missing"}"#,
                "ResourceGroups.NotFoundException"
            ),
            ("arn:aws:states:::aws-sdk:iam:getRole", #"{"RoleName": "missing"}"#, "Iam.NoSuchEntityException"),
            (
                "arn:aws:states:::aws-sdk:route53:getHostedZone", #"{"Id": "ZMISSING"}"#,
                "Route53.NoSuchHostedZoneException"
            ),
        ] as [(String, String, String)])
    func perService(resource: String, parameters: String, error: String) async throws {
        let result = try await run(Self.catching(resource, parameters: parameters, error: error))
        #expect(result.output?["Caught"]?["Error"] == .string(error), "\(result.status)")
    }

    @Test("States.TaskFailed matches service errors in Retry and Catch")
    func taskFailedMatches() async throws {
        let result = try await run(
            Self.catching(
                "arn:aws:states:::aws-sdk:ssm:getParameter", parameters: #"{"Name": "/missing"}"#,
                error: "States.TaskFailed"))
        #expect(result.output?["Caught"]?["Error"] == "Ssm.ParameterNotFoundException")
    }
}
