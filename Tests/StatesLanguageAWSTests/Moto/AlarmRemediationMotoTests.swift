import Foundation
import StatesLanguage
import Testing

@testable import StatesLanguageAWS

/// alarm-remediation against moto with nothing mocked: a high-CPU alarm event scales a real
/// (emulated) Auto Scaling group out by 2 and notifies the ops topic.
@Suite("alarm-remediation against moto", .enabled(if: MotoServer.isAvailable, MotoServer.skipMessage))
struct AlarmRemediationMotoTests {
    /// The HighCpuScalesOut event from the runbook's mock file, pointed at `group`.
    static func highCPUEvent(group: String) throws -> JSONValue {
        let file = MotoServer.repositoryRoot.appendingPathComponent("StateMachines/mocks/alarm-remediation.mock.json")
        let mock = try JSONValue(parsing: try String(contentsOf: file, encoding: .utf8))
        let event = try #require(mock["Expectations"]?["alarm-remediation"]?["HighCpuScalesOut"]?["Input"])
        let text = event.jsonString().replacingOccurrences(
            of: #""AutoScalingGroupName":"web-asg""#, with: #""AutoScalingGroupName":"\#(group)""#)
        return try JSONValue(parsing: text)
    }

    @Test("a high-CPU alarm raises the group's desired capacity by 2")
    func scalesOut() async throws {
        let configuration = try await MotoServer.configuration()
        let client = AWSClient(configuration: configuration)
        let unique = UUID().uuidString.prefix(8).lowercased()
        let group = "web-asg-\(unique)"
        _ = try await client.call(service: "sns", action: "createTopic", parameters: ["Name": "ops-notifications"])
        _ = try await client.call(
            service: "autoscaling", action: "createLaunchConfiguration",
            parameters: [
                "LaunchConfigurationName": .string("lc-\(unique)"), "ImageId": "ami-12c6146b",
                "InstanceType": "t3.micro",
            ])
        _ = try await client.call(
            service: "autoscaling", action: "createAutoScalingGroup",
            parameters: [
                "AutoScalingGroupName": .string(group), "LaunchConfigurationName": .string("lc-\(unique)"),
                "MinSize": 1,
                "MaxSize": 10, "DesiredCapacity": 2, "AvailabilityZones": ["us-east-1a"],
            ])

        var registry = TaskRegistry()
        registry.registerAWSIntegrations(configuration)
        let file = MotoServer.repositoryRoot.appendingPathComponent("StateMachines/alarm-remediation.json")
        let machine = try StateMachine(parsing: try String(contentsOf: file, encoding: .utf8))
        let result = await Executor(registry: registry).run(machine, input: try Self.highCPUEvent(group: group))
        #expect(result.output?["Action"] == "scaled-out", "\(result.status)")
        #expect(result.output?["From"] == 2)
        #expect(result.output?["To"] == 4)

        let described = try await client.call(
            service: "autoscaling", action: "describeAutoScalingGroups",
            parameters: ["AutoScalingGroupNames": [.string(group)]])
        #expect(described["AutoScalingGroups"]?[0]?["DesiredCapacity"] == 4)
    }
}
