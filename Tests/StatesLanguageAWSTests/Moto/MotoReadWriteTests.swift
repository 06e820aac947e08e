import Foundation
import StatesLanguage
import Testing

@testable import StatesLanguageAWS

/// One write and one read call per supported service against moto, through our own client,
/// checking the results have Step Functions' SDK shape.
@Suite("AWS services against moto", .enabled(if: MotoServer.isAvailable, MotoServer.skipMessage))
struct MotoReadWriteTests {
    let unique = UUID().uuidString.prefix(8).lowercased()

    func client() async throws -> AWSClient {
        AWSClient(configuration: try await MotoServer.configuration())
    }

    @Test("ec2 (ec2 protocol): createVpc, then describeVpcs returns it with typed fields")
    func ec2() async throws {
        let client = try await client()
        let created = try await client.call(
            service: "ec2", action: "createVpc", parameters: ["CidrBlock": "10.10.0.0/16"])
        let vpcID = try #require(created["Vpc"]?["VpcId"]?.stringValue)
        let described = try await client.call(
            service: "ec2", action: "describeVpcs", parameters: ["VpcIds": [.string(vpcID)]])
        let vpcs = try #require(described["Vpcs"]?.arrayValue)
        #expect(vpcs.count == 1)
        #expect(vpcs.first?["CidrBlock"] == "10.10.0.0/16")
        #expect(vpcs.first?["IsDefault"] == false)
    }

    @Test(
        "ec2: describeInstanceStatus has the shape rolling-restart reads ($.InstanceStatuses[0].InstanceStatus.Status)")
    func instanceStatus() async throws {
        let client = try await client()
        let run = try await client.call(
            service: "ec2", action: "runInstances",
            parameters: ["ImageId": "ami-12c6146b", "InstanceType": "t3.micro", "MinCount": 1, "MaxCount": 1])
        let id = try #require(run["Instances"]?[0]?["InstanceId"])
        let status = try await client.call(
            service: "ec2", action: "describeInstanceStatus",
            parameters: ["InstanceIds": [id], "IncludeAllInstances": true])
        let first = try #require(status["InstanceStatuses"]?[0])
        #expect(first["InstanceId"] == id)
        #expect(first["InstanceState"]?["Name"] == "running")
        #expect(first["InstanceState"]?["Code"] == 16)
        #expect(first["InstanceStatus"]?["Status"]?.stringValue != nil)
    }

    @Test("elasticloadbalancingv2 (query): createTargetGroup, then describeTargetGroups by name")
    func elasticLoadBalancingV2() async throws {
        let client = try await client()
        let vpc = try await client.call(service: "ec2", action: "createVpc", parameters: ["CidrBlock": "10.11.0.0/16"])
        let name = "tg-\(unique)"
        let created = try await client.call(
            service: "elasticloadbalancingv2", action: "createTargetGroup",
            parameters: ["Name": .string(name), "Protocol": "HTTP", "Port": 80, "VpcId": vpc["Vpc"]?["VpcId"] ?? .null])
        #expect(created["TargetGroups"]?[0]?["Port"] == 80)
        let described = try await client.call(
            service: "elasticloadbalancingv2", action: "describeTargetGroups", parameters: ["Names": [.string(name)]])
        #expect(described["TargetGroups"]?[0]?["TargetGroupName"] == .string(name))
        #expect(described["TargetGroups"]?[0]?["TargetGroupArn"] == created["TargetGroups"]?[0]?["TargetGroupArn"])
    }

    @Test("sns (query): createTopic, then listTopics includes it")
    func sns() async throws {
        let client = try await client()
        let created = try await client.call(
            service: "sns", action: "createTopic", parameters: ["Name": .string("topic-\(unique)")])
        let arn = try #require(created["TopicArn"])
        let listed = try await client.call(service: "sns", action: "listTopics", parameters: [:])
        #expect(listed["Topics"]?.arrayValue?.contains { $0["TopicArn"] == arn } == true)
    }

    @Test("sqs (json, query-compatible): createQueue, sendMessage, receiveMessage")
    func sqs() async throws {
        let client = try await client()
        let created = try await client.call(
            service: "sqs", action: "createQueue", parameters: ["QueueName": .string("q-\(unique)")])
        let url = try #require(created["QueueUrl"])
        let sent = try await client.call(
            service: "sqs", action: "sendMessage", parameters: ["QueueUrl": url, "MessageBody": "hello"])
        #expect(sent["MessageId"]?.stringValue != nil)
        let received = try await client.call(service: "sqs", action: "receiveMessage", parameters: ["QueueUrl": url])
        #expect(received["Messages"]?[0]?["Body"] == "hello")
    }

    @Test("ssm (json 1.1): putParameter, then getParameter")
    func ssm() async throws {
        let client = try await client()
        let name = "/runbooks/\(unique)"
        let put = try await client.call(
            service: "ssm", action: "putParameter",
            parameters: ["Name": .string(name), "Value": "42", "Type": "String"])
        #expect(put["Version"] == 1)
        let got = try await client.call(service: "ssm", action: "getParameter", parameters: ["Name": .string(name)])
        #expect(got["Parameter"]?["Value"] == "42")
    }

    @Test("cloudwatch (query): putMetricAlarm, then describeAlarms with typed numbers and Booleans")
    func cloudWatch() async throws {
        let client = try await client()
        let name = "alarm-\(unique)"
        _ = try await client.call(
            service: "cloudwatch", action: "putMetricAlarm",
            parameters: [
                "AlarmName": .string(name), "MetricName": "CPUUtilization", "Namespace": "AWS/EC2",
                "Statistic": "Average",
                "Period": 60, "EvaluationPeriods": 2, "Threshold": 80.5, "ComparisonOperator": "GreaterThanThreshold",
            ])
        let described = try await client.call(
            service: "cloudwatch", action: "describeAlarms", parameters: ["AlarmNames": [.string(name)]])
        let alarm = try #require(described["MetricAlarms"]?[0])
        #expect(alarm["Threshold"] == 80.5)
        #expect(alarm["EvaluationPeriods"] == 2)
        #expect(alarm["ActionsEnabled"] == true)
    }

    @Test("autoscaling (query): createLaunchConfiguration, then describeLaunchConfigurations")
    func autoScaling() async throws {
        let client = try await client()
        let name = "lc-\(unique)"
        _ = try await client.call(
            service: "autoscaling", action: "createLaunchConfiguration",
            parameters: [
                "LaunchConfigurationName": .string(name), "ImageId": "ami-12c6146b", "InstanceType": "t3.micro",
            ])
        let described = try await client.call(
            service: "autoscaling", action: "describeLaunchConfigurations",
            parameters: ["LaunchConfigurationNames": [.string(name)]])
        #expect(described["LaunchConfigurations"]?[0]?["InstanceType"] == "t3.micro")
    }

    @Test("ecs (json, camelCase members): createCluster, then describeClusters with PascalCase fields")
    func ecs() async throws {
        let client = try await client()
        let name = "cluster-\(unique)"
        let created = try await client.call(
            service: "ecs", action: "createCluster", parameters: ["ClusterName": .string(name)])
        #expect(created["Cluster"]?["ClusterName"] == .string(name))
        let described = try await client.call(
            service: "ecs", action: "describeClusters", parameters: ["Clusters": [.string(name)]])
        #expect(described["Clusters"]?[0]?["Status"] == "ACTIVE")
    }

    @Test("rds (query): createDBParameterGroup, then describeDBParameterGroups")
    func rds() async throws {
        let client = try await client()
        let name = "pg-\(unique)"
        _ = try await client.call(
            service: "rds", action: "createDBParameterGroup",
            parameters: [
                "DBParameterGroupName": .string(name), "DBParameterGroupFamily": "mysql8.0", "Description": "test",
            ])
        let described = try await client.call(
            service: "rds", action: "describeDBParameterGroups", parameters: ["DBParameterGroupName": .string(name)])
        #expect(described["DBParameterGroups"]?[0]?["DBParameterGroupFamily"] == "mysql8.0")
    }

    @Test("cloudfront (rest-xml): createOriginAccessControl with an XML body, then listOriginAccessControls")
    func cloudFront() async throws {
        let client = try await client()
        let name = "oac-\(unique)"
        let created = try await client.call(
            service: "cloudfront", action: "createOriginAccessControl",
            parameters: [
                "OriginAccessControlConfig": [
                    "Name": .string(name), "SigningProtocol": "sigv4", "SigningBehavior": "always",
                    "OriginAccessControlOriginType": "s3",
                ]
            ])
        let id = try #require(created["OriginAccessControl"]?["Id"])
        let listed = try await client.call(service: "cloudfront", action: "listOriginAccessControls", parameters: [:])
        let items = listed["OriginAccessControlList"]?["Items"]?.arrayValue ?? []
        #expect(items.contains { $0["Id"] == id })
    }

    @Test("dynamodb (json 1.0): createTable, putItem, getItem")
    func dynamoDB() async throws {
        let client = try await client()
        let table = "table-\(unique)"
        _ = try await client.call(
            service: "dynamodb", action: "createTable",
            parameters: [
                "TableName": .string(table), "BillingMode": "PAY_PER_REQUEST",
                "AttributeDefinitions": [["AttributeName": "id", "AttributeType": "S"]],
                "KeySchema": [["AttributeName": "id", "KeyType": "HASH"]],
            ])
        let put = try await client.call(
            service: "dynamodb", action: "putItem",
            parameters: ["TableName": .string(table), "Item": ["id": ["S": "a"], "n": ["N": "3"]]])
        #expect(put == [:])
        let got = try await client.call(
            service: "dynamodb", action: "getItem",
            parameters: ["TableName": .string(table), "Key": ["id": ["S": "a"]]])
        #expect(got["Item"]?["n"]?["N"] == "3")
    }

    @Test("s3 (rest-xml): createBucket, putObject, getObject and listObjectsV2")
    func s3() async throws {
        let client = try await client()
        let bucket = "bucket-\(unique)"
        _ = try await client.call(service: "s3", action: "createBucket", parameters: ["Bucket": .string(bucket)])
        _ = try await client.call(
            service: "s3", action: "putObject",
            parameters: ["Bucket": .string(bucket), "Key": "dir/a b.txt", "Body": "hello", "ContentType": "text/plain"])
        let got = try await client.call(
            service: "s3", action: "getObject", parameters: ["Bucket": .string(bucket), "Key": "dir/a b.txt"])
        #expect(got["Body"] == "hello")
        #expect(got["ContentType"] == "text/plain")
        let listed = try await client.call(
            service: "s3", action: "listObjectsV2", parameters: ["Bucket": .string(bucket)])
        #expect(listed["KeyCount"] == 1)
        #expect(listed["Contents"]?[0]?["Key"] == "dir/a b.txt")
    }

    @Test("eventbridge (json 1.1): createEventBus, putEvents with a JSON Detail, listEventBuses")
    func eventBridge() async throws {
        let client = try await client()
        let name = "bus-\(unique)"
        _ = try await client.call(service: "eventbridge", action: "createEventBus", parameters: ["Name": .string(name)])
        let put = try await client.call(
            service: "eventbridge", action: "putEvents",
            parameters: [
                "Entries": [
                    ["EventBusName": .string(name), "Source": "runbook", "DetailType": "t", "Detail": ["a": 1]]
                ]
            ])
        #expect(put["FailedEntryCount"] == 0)
        let listed = try await client.call(
            service: "eventbridge", action: "listEventBuses", parameters: ["NamePrefix": .string(name)])
        #expect(listed["EventBuses"]?[0]?["Name"] == .string(name))
    }

    @Test("lambda (rest-json): createFunction with a JSON body, then getFunction by name in the URI")
    func lambda() async throws {
        let client = try await client()
        let name = "fn-\(unique)"
        // A zip archive holding nothing: moto stores it without running it.
        let emptyZip = Data([0x50, 0x4B, 0x05, 0x06] + [UInt8](repeating: 0, count: 18)).base64EncodedString()
        let created = try await client.call(
            service: "lambda", action: "createFunction",
            parameters: [
                "FunctionName": .string(name), "Runtime": "python3.12", "Handler": "index.handler",
                "Role": .string(try await MotoServer.createRole(named: "role-\(unique)")),
                "Code": ["ZipFile": .string(emptyZip)],
                "Timeout": 30,
            ])
        #expect(created["FunctionName"] == .string(name))
        let got = try await client.call(
            service: "lambda", action: "getFunction", parameters: ["FunctionName": .string(name)])
        #expect(got["Configuration"]?["Timeout"] == 30)
        #expect(got["Configuration"]?["Handler"] == "index.handler")
    }

    @Test("sfn (json, camelCase members): createStateMachine, startExecution, describeExecution")
    func sfn() async throws {
        let client = try await client()
        let created = try await client.call(
            service: "sfn", action: "createStateMachine",
            parameters: [
                "Name": .string("sm-\(unique)"), "RoleArn": "arn:aws:iam::123456789012:role/sfn",
                "Definition": #"{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}"#,
            ])
        let arn = try #require(created["StateMachineArn"])
        let started = try await client.call(
            service: "sfn", action: "startExecution", parameters: ["StateMachineArn": arn, "Input": ["x": 1]])
        let executionARN = try #require(started["ExecutionArn"])
        #expect(started["StartDate"]?.stringValue?.hasSuffix("Z") == true)
        let described = try await client.call(
            service: "sfn", action: "describeExecution", parameters: ["ExecutionArn": executionARN])
        #expect(described["StateMachineArn"] == arn)
        #expect(described["Input"] == #"{"x":1}"#)
    }
}
