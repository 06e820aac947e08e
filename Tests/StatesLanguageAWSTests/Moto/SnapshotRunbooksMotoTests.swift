import Foundation
import StatesLanguage
import Testing

@testable import StatesLanguageAWS

/// auto-snapshot then nightly-cleanup against moto with nothing mocked: a stopped, tagged
/// instance gets a tagged snapshot per volume, and the cleanup deletes them once they are
/// older than the cutoff.
@Suite("auto-snapshot and nightly-cleanup against moto", .enabled(if: MotoServer.isAvailable, MotoServer.skipMessage))
struct SnapshotRunbooksMotoTests {
    static func machine(_ name: String) throws -> StateMachine {
        let file = MotoServer.repositoryRoot.appendingPathComponent("StateMachines/\(name).json")
        return try StateMachine(parsing: try String(contentsOf: file, encoding: .utf8))
    }

    @Test("snapshots every volume of a stopped tagged instance, then expires them")
    func snapshotAndExpire() async throws {
        let configuration = try await MotoServer.configuration()
        let client = AWSClient(configuration: configuration)
        // The runbook notifies a fixed topic in moto's default account.
        _ = try await client.call(service: "sns", action: "createTopic", parameters: ["Name": "ops-notifications"])
        let run = try await client.call(
            service: "ec2", action: "runInstances",
            parameters: [
                "ImageId": "ami-12c6146b", "InstanceType": "t3.micro", "MinCount": 1, "MaxCount": 1,
                "TagSpecifications": [
                    ["ResourceType": "instance", "Tags": [["Key": "AutoSnapshot", "Value": "true"]]]
                ],
            ])
        let instance = try #require(run["Instances"]?[0])
        let instanceID = try #require(instance["InstanceId"]?.stringValue)
        let zone = try #require(instance["Placement"]?["AvailabilityZone"])
        let volume = try await client.call(
            service: "ec2", action: "createVolume", parameters: ["AvailabilityZone": zone, "Size": 20])
        _ = try await client.call(
            service: "ec2", action: "attachVolume",
            parameters: [
                "VolumeId": volume["VolumeId"] ?? .null, "InstanceId": .string(instanceID), "Device": "/dev/sdf",
            ])
        _ = try await client.call(
            service: "ec2", action: "stopInstances", parameters: ["InstanceIds": [.string(instanceID)]])
        let attached = try await client.call(
            service: "ec2", action: "describeVolumes",
            parameters: ["Filters": [["Name": "attachment.instance-id", "Values": [.string(instanceID)]]]])
        let volumeCount = attached["Volumes"]?.arrayValue?.count ?? 0
        #expect(volumeCount >= 1)

        var registry = TaskRegistry()
        registry.registerAWSIntegrations(configuration)
        let executor = Executor(registry: registry)
        let snapshot = await executor.run(
            try Self.machine("auto-snapshot"),
            input: [
                "detail": ["instance-id": .string(instanceID), "state": "stopped"], "time": "2026-11-23T18:00:00Z",
            ])
        guard case .succeeded(let output) = snapshot.status else {
            Issue.record("auto-snapshot did not succeed: \(snapshot.status)")
            return
        }
        #expect(output["Snapshots"]?.arrayValue?.count == volumeCount)
        let byInstance: JSONValue = ["Filters": [["Name": "tag:SourceInstance", "Values": [.string(instanceID)]]]]
        let taken = try await client.call(service: "ec2", action: "describeSnapshots", parameters: byInstance)
        let snapshots = taken["Snapshots"]?.arrayValue ?? []
        #expect(snapshots.count == volumeCount)
        #expect(
            snapshots.allSatisfy { $0["Tags"]?.arrayValue?.contains(["Key": "AutoSnapshot", "Value": "true"]) == true })

        let keep = await executor.run(try Self.machine("nightly-cleanup"), input: ["Cutoff": "2000-01-01T00:00:00Z"])
        #expect(keep.output?["DeletedCount"] == 0, "\(keep.status)")
        let cleanup = await executor.run(try Self.machine("nightly-cleanup"), input: ["Cutoff": "2100-01-01T00:00:00Z"])
        let deleted = Set(cleanup.output?["Deleted"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        #expect(deleted.isSuperset(of: snapshots.compactMap { $0["SnapshotId"]?.stringValue }), "\(cleanup.status)")
        let left = try await client.call(service: "ec2", action: "describeSnapshots", parameters: byInstance)
        #expect(left["Snapshots"] == [])
    }
}
