import Foundation
import StatesLanguage
import Testing

@testable import StatesLanguageAWS

/// ecs-refresh-freeze-window against moto with nothing mocked (the local time is given, so the
/// Lambda function is not needed): outside the window the service gets a new deployment, inside
/// it the runbook refuses before calling ECS.
@Suite("ecs-refresh-freeze-window against moto", .enabled(if: MotoServer.isAvailable, MotoServer.skipMessage))
struct EcsRefreshMotoTests {
    @Test("outside the freeze window the service is redeployed; inside it nothing is called")
    func refresh() async throws {
        let configuration = try await MotoServer.configuration()
        let client = AWSClient(configuration: configuration)
        let unique = UUID().uuidString.prefix(8).lowercased()
        let cluster = "cluster-\(unique)"
        _ = try await client.call(
            service: "ecs", action: "createCluster", parameters: ["ClusterName": .string(cluster)])
        let definition = try await client.call(
            service: "ecs", action: "registerTaskDefinition",
            parameters: [
                "Family": .string("web-\(unique)"),
                "ContainerDefinitions": [["Name": "web", "Image": "nginx", "Memory": 128, "Essential": true]],
            ])
        let taskDefinitionARN = try #require(definition["TaskDefinition"]?["TaskDefinitionArn"])
        _ = try await client.call(
            service: "ecs", action: "createService",
            parameters: [
                "Cluster": .string(cluster), "ServiceName": "web", "TaskDefinition": taskDefinitionARN,
                "DesiredCount": 1,
            ])

        var registry = TaskRegistry()
        registry.registerAWSIntegrations(configuration)
        let file = MotoServer.repositoryRoot.appendingPathComponent("StateMachines/ecs-refresh-freeze-window.json")
        let machine = try StateMachine(parsing: try String(contentsOf: file, encoding: .utf8))
        let executor = Executor(registry: registry)

        let outside = await executor.run(
            machine, input: ["Cluster": .string(cluster), "Service": "web", "LocalTime": "09:30"])
        #expect(outside.output?["TaskDefinition"] == taskDefinitionARN, "\(outside.status)")
        #expect(outside.output?["ServiceArn"]?.stringValue?.hasSuffix("/web") == true)

        let inside = await executor.run(
            machine, input: ["Cluster": .string(cluster), "Service": "web", "LocalTime": "13:00"])
        guard case .failed = inside.status else {
            Issue.record("expected the freeze window to stop the run, got \(inside.status)")
            return
        }
        let calledECS = inside.history.contains { event in
            if case .taskScheduled(let type, _, _, _, _, _) = event.kind { return type == "aws-sdk:ecs" }
            return false
        }
        #expect(!calledECS)
    }
}
