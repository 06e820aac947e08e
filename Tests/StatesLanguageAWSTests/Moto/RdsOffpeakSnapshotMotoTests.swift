import Foundation
import StatesLanguage
import Testing

@testable import StatesLanguageAWS

/// rds-offpeak-snapshot against moto with nothing mocked: a real (emulated) DB instance, its CPU
/// metric put into CloudWatch, the snapshot and the topic.
@Suite("rds-offpeak-snapshot against moto", .enabled(if: MotoServer.isAvailable, MotoServer.skipMessage))
struct RdsOffpeakSnapshotMotoTests {
    /// A DB instance whose CPUUtilization was `cpu` two minutes ago, and a topic.
    static func makeInstance(_ client: AWSClient, cpu: Double) async throws -> (instance: String, topic: JSONValue) {
        let unique = UUID().uuidString.prefix(8).lowercased()
        let instance = "orders-\(unique)"
        _ = try await client.call(
            service: "rds", action: "createDBInstance",
            parameters: [
                "DBInstanceIdentifier": .string(instance), "DBInstanceClass": "db.t3.micro", "Engine": "postgres",
                "AllocatedStorage": 20, "MasterUsername": "orders_admin", "MasterUserPassword": "not-a-secret-1",
            ])
        _ = try await client.call(
            service: "cloudwatch", action: "putMetricData",
            parameters: [
                "Namespace": "AWS/RDS",
                "MetricData": [
                    [
                        "MetricName": "CPUUtilization", "Unit": "Percent", "Value": .number(.double(cpu)),
                        "Timestamp": .string(Timestamp.format(Date().addingTimeInterval(-120))),
                        "Dimensions": [["Name": "DBInstanceIdentifier", "Value": .string(instance)]],
                    ]
                ],
            ])
        let topic = try await client.call(service: "sns", action: "createTopic", parameters: ["Name": .string("db-\(unique)")])
        return (instance, topic["TopicArn"] ?? .null)
    }

    /// An input whose peak window is empty (start = end), so the run never depends on the time of day.
    static func input(_ instance: String, topic: JSONValue) -> JSONValue {
        [
            "DBInstanceIdentifier": .string(instance), "TopicArn": topic, "PeakStart": "00:00", "PeakEnd": "00:00",
            "TimeZone": "Europe/Berlin", "CpuThreshold": 40, "MaxCpuChecks": 2, "CpuCheckIntervalSeconds": 0,
            "SnapshotPollIntervalSeconds": 0,
        ]
    }

    @Test("a quiet instance gets a manual snapshot named after the execution, tagged, and available")
    func snapshots() async throws {
        let client = AWSClient(configuration: try await MotoServer.configuration())
        let (instance, topic) = try await Self.makeInstance(client, cpu: 12.5)
        let result = try await MotoServer.run(
            "rds-offpeak-snapshot", input: Self.input(instance, topic: topic), executionName: "Nightly_2026.01.01")
        guard case .succeeded(let output) = result.status else {
            Issue.record("the runbook did not succeed: \(result.status)")
            return
        }
        let snapshotID = "\(instance)-nightly-2026-01-01"
        #expect(output["DBSnapshotIdentifier"] == .string(snapshotID))
        #expect(output["CpuUtilization"] == 12.5)
        let described = try await client.call(
            service: "rds", action: "describeDBSnapshots", parameters: ["DBSnapshotIdentifier": .string(snapshotID)])
        let snapshot = try #require(described["DBSnapshots"]?[0])
        #expect(snapshot["Status"] == "available")
        #expect(snapshot["SnapshotType"] == "manual")
        #expect(snapshot["DBInstanceIdentifier"] == .string(instance))
        #expect(output["DBSnapshotArn"] == snapshot["DBSnapshotArn"])
        #expect(snapshot["TagList"]?.arrayValue?.contains(["Key": "CreatedBy", "Value": "rds-offpeak-snapshot"]) == true)
    }

    @Test("a busy instance is checked MaxCpuChecks times and left alone")
    func busy() async throws {
        let client = AWSClient(configuration: try await MotoServer.configuration())
        let (instance, topic) = try await Self.makeInstance(client, cpu: 87)
        let result = try await MotoServer.run("rds-offpeak-snapshot", input: Self.input(instance, topic: topic))
        #expect(result.error?.name == "CpuTooHigh", "\(result.status)")
        #expect(result.error?.cause == "CPUUtilization of \(instance) stayed at or above 40% over 2 checks (last 87%).")
        let described = try await client.call(
            service: "rds", action: "describeDBSnapshots",
            parameters: ["DBInstanceIdentifier": .string(instance), "SnapshotType": "manual"])
        #expect(described["DBSnapshots"]?.arrayValue?.isEmpty ?? true)
    }
}
