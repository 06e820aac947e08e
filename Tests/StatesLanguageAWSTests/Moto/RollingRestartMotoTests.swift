import Foundation
import StatesLanguage
import Testing

@testable import StatesLanguageAWS

/// The rolling-restart runbook end to end against moto: our own client builds the fleet, the
/// runbook runs with only the instance health check mocked, and the server's APIs confirm the
/// outcome. moto lacks CloudWatch's alarm-action switches, which ``MotoAlarmActionsShim`` supplies.
@Suite("rolling-restart against moto", .enabled(if: MotoServer.isAvailable, MotoServer.skipMessage))
struct RollingRestartMotoTests {
    static func definition() throws -> String {
        let file = MotoServer.repositoryRoot.appendingPathComponent("StateMachines/rolling-restart.json")
        return try String(contentsOf: file, encoding: .utf8)
    }

    struct Fleet {
        var instanceIDs: [String]
        var targetGroupARN: String
        var topicARN: String
        var alarmNames: [String]
    }

    /// A VPC, a subnet, 4 instances registered in an ALB target group, an SNS topic and two alarms.
    static func makeFleet(_ client: AWSClient) async throws -> Fleet {
        let unique = UUID().uuidString.prefix(8).lowercased()
        let vpc = try await client.call(service: "ec2", action: "createVpc", parameters: ["CidrBlock": "10.20.0.0/16"])
        let vpcID = try #require(vpc["Vpc"]?["VpcId"])
        let subnet = try await client.call(
            service: "ec2", action: "createSubnet", parameters: ["VpcId": vpcID, "CidrBlock": "10.20.1.0/24"])
        let subnetID = try #require(subnet["Subnet"]?["SubnetId"])
        let run = try await client.call(
            service: "ec2", action: "runInstances",
            parameters: [
                "ImageId": "ami-12c6146b", "InstanceType": "t3.micro", "MinCount": 4, "MaxCount": 4,
                "SubnetId": subnetID,
            ])
        let instanceIDs = (run["Instances"]?.arrayValue ?? []).compactMap { $0["InstanceId"]?.stringValue }
        #expect(instanceIDs.count == 4)
        let group = try await client.call(
            service: "elasticloadbalancingv2", action: "createTargetGroup",
            parameters: [
                "Name": .string("web-\(unique)"), "Protocol": "HTTP", "Port": 80, "VpcId": vpcID,
                "TargetType": "instance",
            ])
        let groupARN = try #require(group["TargetGroups"]?[0]?["TargetGroupArn"]?.stringValue)
        _ = try await client.call(
            service: "elasticloadbalancingv2", action: "registerTargets",
            parameters: [
                "TargetGroupArn": .string(groupARN), "Targets": .array(instanceIDs.map { ["Id": .string($0)] }),
            ])
        let topic = try await client.call(
            service: "sns", action: "createTopic", parameters: ["Name": .string("alerts-\(unique)")])
        let topicARN = try #require(topic["TopicArn"]?.stringValue)
        let alarmNames = ["web-5xx-\(unique)", "web-unhealthy-\(unique)"]
        for name in alarmNames {
            _ = try await client.call(
                service: "cloudwatch", action: "putMetricAlarm",
                parameters: [
                    "AlarmName": .string(name), "MetricName": "HTTPCode_Target_5XX_Count",
                    "Namespace": "AWS/ApplicationELB",
                    "Statistic": "Sum", "Period": 60, "EvaluationPeriods": 1, "Threshold": 1,
                    "ComparisonOperator": "GreaterThanOrEqualToThreshold", "AlarmActions": [.string(topicARN)],
                ])
        }
        return Fleet(instanceIDs: instanceIDs, targetGroupARN: groupARN, topicARN: topicARN, alarmNames: alarmNames)
    }

    @Test("restarts all 4 instances: targets registered again, alarm actions enabled")
    func rollingRestart() async throws {
        let configuration = try await MotoServer.configuration()
        let client = AWSClient(configuration: configuration)
        let fleet = try await Self.makeFleet(client)

        var registry = TaskRegistry()
        registry.registerAWSIntegrations(configuration, httpClient: MotoAlarmActionsShim(configuration: configuration))
        // moto reports no instance status checks; the health check is the one mocked state.
        registry.register(for: "arn:aws:states:::aws-sdk:ec2:describeInstanceStatus") { request in
            [
                "InstanceStatuses": [
                    ["InstanceId": request.input["InstanceIds"]?[0] ?? .null, "InstanceStatus": ["Status": "ok"]]
                ]
            ]
        }
        let machine = try StateMachine(parsing: try Self.definition())
        let input: JSONValue = [
            "InstanceIds": .array(fleet.instanceIDs.map { .string($0) }),
            "TargetGroupArn": .string(fleet.targetGroupARN),
            "AlarmNames": .array(fleet.alarmNames.map { .string($0) }), "AlertTopicArn": .string(fleet.topicARN),
            "MaxConcurrency": 2, "DrainSeconds": 0, "BootSeconds": 0,
        ]
        let result = await Executor(registry: registry).run(machine, input: input)
        guard case .succeeded(let output) = result.status else {
            Issue.record("the runbook did not succeed: \(result.status)")
            return
        }
        #expect(output["AlarmActions"] == "enabled")
        #expect(Set(output["Restarted"]?.arrayValue?.compactMap(\.stringValue) ?? []) == Set(fleet.instanceIDs))
        var succeeded: [String: Int] = [:]
        for event in result.history {
            if case .taskSucceeded(let type, let resource, _) = event.kind {
                succeeded["\(type):\(resource)", default: 0] += 1
            }
        }
        #expect(succeeded["aws-sdk:elasticloadbalancingv2:deregisterTargets"] == 4)
        #expect(succeeded["aws-sdk:ec2:rebootInstances"] == 4)
        #expect(succeeded["aws-sdk:elasticloadbalancingv2:registerTargets"] == 4)
        #expect(succeeded["aws-sdk:cloudwatch:disableAlarmActions"] == 1)
        #expect(succeeded["aws-sdk:cloudwatch:enableAlarmActions"] == 1)

        let health = try await client.call(
            service: "elasticloadbalancingv2", action: "describeTargetHealth",
            parameters: ["TargetGroupArn": .string(fleet.targetGroupARN)])
        let registered = (health["TargetHealthDescriptions"]?.arrayValue ?? []).compactMap {
            $0["Target"]?["Id"]?.stringValue
        }
        #expect(Set(registered) == Set(fleet.instanceIDs))
        let alarms = try await client.call(
            service: "cloudwatch", action: "describeAlarms",
            parameters: ["AlarmNames": .array(fleet.alarmNames.map { .string($0) })])
        let enabled = (alarms["MetricAlarms"]?.arrayValue ?? []).map { $0["ActionsEnabled"] }
        #expect(enabled == [true, true])
    }
}
