import Foundation
import StatesLanguage
import Synchronization
import Testing

@testable import StatesLanguageAWS

/// fleet-patching against moto: EC2 instances, an inventory in S3, SSM commands, and the approval
/// request delivered by SNS to an SQS queue, from which the test reads the task token and answers
/// as an approver would (SendTaskSuccess / SendTaskFailure).
@Suite("fleet-patching against moto", .enabled(if: MotoServer.isAvailable, MotoServer.skipMessage))
struct FleetPatchingMotoTests {
    let unique = UUID().uuidString.prefix(8).lowercased()

    /// The SendCommand requests of a run.
    final class SentCommands: Sendable {
        let requests = Mutex<[JSONValue]>([])
    }

    /// What one test sets up in moto.
    struct Fleet {
        var input: JSONValue
        var staging: [String]
        var production: [String]
        var approvalQueue: JSONValue
        var summaryQueue: JSONValue
    }

    /// A queue subscribed to a new topic; returns the topic's ARN and the queue's URL.
    func subscribedQueue(_ client: AWSClient, _ name: String) async throws -> (topic: JSONValue, queue: JSONValue) {
        let topic = try #require(
            try await client.call(service: "sns", action: "createTopic", parameters: ["Name": .string(name)])["TopicArn"])
        let queue = try #require(
            try await client.call(service: "sqs", action: "createQueue", parameters: ["QueueName": .string(name)])["QueueUrl"])
        let attributes = try await client.call(
            service: "sqs", action: "getQueueAttributes", parameters: ["QueueUrl": queue, "AttributeNames": ["QueueArn"]])
        let queueARN = try #require(attributes["Attributes"]?["QueueArn"])
        _ = try await client.call(
            service: "sns", action: "subscribe", parameters: ["TopicArn": topic, "Protocol": "sqs", "Endpoint": queueARN])
        return (topic, queue)
    }

    /// Five instances (two staging, three production; three tagged web) listed in a CSV inventory in
    /// S3, with the approval and summary topics each delivering to a queue.
    func makeFleet(_ client: AWSClient) async throws -> Fleet {
        let run = try await client.call(
            service: "ec2", action: "runInstances",
            parameters: ["ImageId": "ami-12c6146b", "InstanceType": "t3.micro", "MinCount": 5, "MaxCount": 5])
        let ids = (run["Instances"]?.arrayValue ?? []).compactMap { $0["InstanceId"]?.stringValue }
        #expect(ids.count == 5)
        let group = "web-\(unique)"
        let rows = [
            (ids[0], "staging", group), (ids[1], "staging", "db"), (ids[2], "production", group),
            (ids[3], "production", group), (ids[4], "production", "db"),
        ]
        let csv = "InstanceId,Environment,PatchGroup\n" + rows.map { "\($0.0),\($0.1),\($0.2)\n" }.joined()
        let bucket = "inventory-\(unique)"
        _ = try await client.call(service: "s3", action: "createBucket", parameters: ["Bucket": .string(bucket)])
        _ = try await client.call(
            service: "s3", action: "putObject",
            parameters: ["Bucket": .string(bucket), "Key": "fleet/instances.csv", "Body": .string(csv)])
        let approvals = try await subscribedQueue(client, "approvals-\(unique)")
        let summary = try await subscribedQueue(client, "patching-\(unique)")
        let input: JSONValue = [
            "InventoryBucket": .string(bucket), "InventoryKey": "fleet/instances.csv", "TagValue": .string(group),
            "TopicArn": summary.topic, "ApprovalTopicArn": approvals.topic, "PollIntervalSeconds": 0,
        ]
        return Fleet(
            input: input, staging: [ids[0]], production: [ids[2], ids[3]], approvalQueue: approvals.queue,
            summaryQueue: summary.queue)
    }

    /// The SNS messages (`Message`, and the envelope's `MessageAttributes`) that reached `queue`,
    /// waiting up to a minute for the first.
    func messages(_ client: AWSClient, in queue: JSONValue) async throws -> [JSONValue] {
        for _ in 0..<60 {
            let received = try await client.call(
                service: "sqs", action: "receiveMessage",
                parameters: ["QueueUrl": queue, "MaxNumberOfMessages": 10, "WaitTimeSeconds": 1])
            let bodies = (received["Messages"]?.arrayValue ?? []).compactMap { $0["Body"]?.stringValue }
            if !bodies.isEmpty { return try bodies.map { try JSONValue(parsing: $0) } }
        }
        return []
    }

    /// The AWS integrations against moto, with the SendCommand requests recorded on the way (moto's
    /// command lists every instance of the region, so its answer cannot say which were asked for).
    func registry(_ configuration: AWSConfiguration, recording sent: SentCommands) -> TaskRegistry {
        var registry = TaskRegistry()
        registry.registerAWSIntegrations(configuration)
        let client = AWSClient(configuration: configuration)
        registry.register(for: "arn:aws:states:::aws-sdk:ssm:sendCommand") { request in
            sent.requests.withLock { $0.append(request.input) }
            return try await client.call(service: "ssm", action: "sendCommand", parameters: request.input)
        }
        return registry
    }

    /// Starts the runbook, reads the approval request from its queue and answers it with `answer`.
    func run(answer: @escaping (Execution, String) throws -> Void) async throws
        -> (ExecutionResult, Fleet, [JSONValue], AWSClient)
    {
        let configuration = try await MotoServer.configuration()
        let client = AWSClient(configuration: configuration)
        let fleet = try await makeFleet(client)
        let sent = SentCommands()
        let execution = try await Executor(registry: registry(configuration, recording: sent)).start(
            try MotoServer.runbook("fleet-patching"), input: fleet.input, name: "patch-\(unique)")
        let request = try #require(try await messages(client, in: fleet.approvalQueue).first)
        let message = try #require(request["Message"]?.stringValue)
        #expect(message.hasPrefix("Staging is patched (Install): 1 instance(s) with PatchGroup=web-\(unique) in 1 batch(es)"))
        let token = String(try #require(message.components(separatedBy: "\nTask token: ").last))
        #expect(request["MessageAttributes"]?["TaskToken"]?["Value"]?.stringValue == token)
        try answer(execution, token)
        return (await execution.result, fleet, sent.requests.withLock { $0 }, client)
    }

    @Test("approved through the SNS message's token, staging and then production instances with the tag are patched")
    func approved() async throws {
        let (result, fleet, sent, client) = try await run { execution, token in
            try execution.sendTaskSuccess(taskToken: token, output: ["Approved": true, "Approver": "alice"])
        }
        #expect(result.succeeded, "\(result.status)")
        #expect(sent.map { Set(($0["InstanceIds"]?.arrayValue ?? []).compactMap(\.stringValue)) } == [
            Set(fleet.staging), Set(fleet.production),
        ])
        #expect(sent.allSatisfy { $0["DocumentName"] == "AWS-RunPatchBaseline" })
        #expect(result.output?["Stages"]?[0]?["Instances"] == 1 && result.output?["Stages"]?[1]?["Instances"] == 2)
        // The commands exist in SSM, and each instance's invocation was found there.
        for id in (result.output?["Stages"]?.arrayValue ?? []).compactMap({ $0["CommandIds"]?[0] }) {
            let listed = try await client.call(service: "ssm", action: "listCommands", parameters: ["CommandId": id])
            #expect(listed["Commands"]?[0]?["DocumentName"] == "AWS-RunPatchBaseline")
            #expect(listed["Commands"]?[0]?["Parameters"]?["Operation"] == ["Install"])
        }
        let summary = try #require(try await messages(client, in: fleet.summaryQueue).first)
        #expect(summary["Subject"] == .string("Fleet patching finished: PatchGroup=web-\(unique)"))
        #expect(summary["Message"]?.stringValue?.hasSuffix(
            "\n- staging: 1 instance(s) in 1 batch(es)\n- production: 2 instance(s) in 1 batch(es)") == true)
    }

    @Test("rejected with SendTaskFailure, production is left alone and the stop is published")
    func rejected() async throws {
        let (result, fleet, sent, client) = try await run { execution, token in
            try execution.sendTaskFailure(taskToken: token, error: "Rejected", cause: "Change freeze.")
        }
        #expect(result.error?.name == "ApprovalRejected", "\(result.status)")
        #expect(sent.count == 1)
        let notice = try #require(try await messages(client, in: fleet.summaryQueue).first)
        #expect(notice["Subject"] == "Fleet patching stopped: ApprovalRejected")
        #expect(notice["Message"]?.stringValue?.contains("Patching production was rejected (Rejected: Change freeze.)") == true)
    }

    @Test("a missing inventory object stops the run as StagingFailed, naming the object")
    func inventoryMissing() async throws {
        let configuration = try await MotoServer.configuration()
        let client = AWSClient(configuration: configuration)
        let summary = try await subscribedQueue(client, "missing-\(unique)")
        _ = try await client.call(service: "s3", action: "createBucket", parameters: ["Bucket": .string("empty-\(unique)")])
        let result = try await MotoServer.run(
            "fleet-patching",
            input: [
                "InventoryBucket": .string("empty-\(unique)"), "InventoryKey": "fleet/instances.csv", "TagValue": "web",
                "TopicArn": summary.topic, "ApprovalTopicArn": summary.topic,
            ])
        #expect(result.error?.name == "StagingFailed", "\(result.status)")
        #expect(result.error?.cause?.hasPrefix("States.ItemReaderFailed: s3://empty-\(unique)/fleet/instances.csv") == true)
        #expect(try await messages(client, in: summary.queue).first?["Subject"] == "Fleet patching stopped: StagingFailed")
    }
}
