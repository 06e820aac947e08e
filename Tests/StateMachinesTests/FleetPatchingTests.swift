import Foundation
import StatesLanguage
import StatesLanguageTesting
import Synchronization
import Testing

@Suite("Runbook: fleet-patching (Distributed Map, SSM, approval gate)")
struct FleetPatchingTests {
    static let runbook = Runbook(name: "fleet-patching")
    static let approvalARN = "arn:aws:states:::sns:publish.waitForTaskToken"

    @Test("The definition is valid")
    func valid() { Self.runbook.expectValid() }

    @Test("Mock configuration test case", arguments: runbook.testCaseNames)
    func testCase(name: String) async throws {
        let (result, problems) = try await Self.runbook.run(testCase: name)
        #expect(problems == [], "states entered: \(result.statesEntered)")
    }

    /// The inventory rows of the mock file's CSV, as column → value.
    static func inventory() throws -> [[String: String]] {
        let text = try String(contentsOfFile: runbook.mockConfigPath, encoding: .utf8)
        let body = try #require(try JSONValue(parsing: text)["MockedResponses"]?["Inventory"]?["0-1"]?["Return"]?["Body"]?.stringValue)
        let lines = body.split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
        let header = try #require(lines.first)
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    /// The IDs of the inventory's instances with `PatchGroup=web` in `environment`.
    static func webInstances(in environment: String) throws -> Set<String> {
        Set(try inventory().filter { $0["PatchGroup"] == "web" && $0["Environment"] == environment }.compactMap { $0["InstanceId"] })
    }

    @Test("Only the instances tagged PatchGroup=web are patched, staging first, at most 50 per SSM command")
    func tagAndStages() async throws {
        let harness = try Self.runbook.harness()
        let testCase = try harness.load(try Self.runbook.configuration(), testCase: "AllPatched")
        let result = await harness.run(input: testCase.input ?? [:])
        #expect(result.succeeded, "\(result.status)")
        let commands = harness.invocations(of: "SendCommand")
        #expect(commands.count == 6)
        #expect(commands.allSatisfy {
            $0["DocumentName"] == "AWS-RunPatchBaseline" && $0["Parameters"] == ["Operation": ["Install"]]
                && ($0["InstanceIds"]?.arrayValue?.count ?? 0) <= 50
        })
        let ids = commands.map { Set(($0["InstanceIds"]?.arrayValue ?? []).compactMap(\.stringValue)) }
        let staging = try Self.webInstances(in: "staging")
        let production = try Self.webInstances(in: "production")
        #expect(staging.count == 20 && production.count == 60)
        #expect(ids[..<3].reduce(into: Set()) { $0.formUnion($1) } == staging)
        #expect(ids[3...].reduce(into: Set()) { $0.formUnion($1) } == production)
        #expect(commands[..<3].allSatisfy { $0["Comment"] == "fleet-patching staging PatchGroup=web" })
        // Each instance of each command is polled: one GetCommandInvocation apiece.
        let polled = harness.invocations(of: "GetCommandInvocation").compactMap { $0["InstanceId"]?.stringValue }
        #expect(polled.count == 80 && Set(polled) == staging.union(production))
        #expect(result.mapRuns.count == 2)
        #expect(result.mapRuns.allSatisfy { $0.maxConcurrency == 10 && $0.executionCounts.succeeded == 3 && $0.itemCounts.succeeded == 120 })
        #expect(
            harness.invocations(of: "PublishSummary").first?["Message"]?.stringValue?.hasSuffix(
                "\n- staging: 20 instance(s) in 3 batch(es)\n- production: 60 instance(s) in 3 batch(es)") == true)
    }

    @Test("MaxConcurrentBatches bounds the child executions of each stage; TagKey chooses the column")
    func concurrencyAndTagKey() async throws {
        let harness = try Self.runbook.harness()
        let testCase = try harness.load(try Self.runbook.configuration(), testCase: "AllPatched")
        var input = try #require(testCase.input?.objectValue)
        input["MaxConcurrentBatches"] = 2
        input["TagKey"] = "Name"
        input["TagValue"] = "db-production-5"
        let result = await harness.run(input: .object(input))
        #expect(result.succeeded, "\(result.status)")
        #expect(result.mapRuns.map(\.maxConcurrency) == [2, 2])
        let sent = harness.invocations(of: "SendCommand").flatMap { $0["InstanceIds"]?.arrayValue ?? [] }
        #expect(sent == [.string(String(format: "i-%017x", 5))])
        #expect(result.output?["Stages"]?[0]?["Instances"] == 0 && result.output?["Stages"]?[1]?["Instances"] == 1)
    }

    @Test("A command still running is polled PollIntervalSeconds apart, at most MaxPolls times, then stops the run")
    func pollBound() async throws {
        let harness = try Self.runbook.harness()
        let testCase = try harness.load(try Self.runbook.configuration(), testCase: "CommandNeverFinishes")
        harness.mock("PatchStage", returning: ["Body": "InstanceId,Environment,PatchGroup\ni-0123,staging,web\ni-0456,production,web\n"])
        var input = try #require(testCase.input?.objectValue)
        input["MaxPolls"] = 4
        input["PollIntervalSeconds"] = 30
        let result = await harness.run(input: .object(input))
        #expect(result.error?.name == "StagingFailed")
        #expect(harness.invocations(of: "GetCommandInvocation").count == 4)
        #expect(result.stopDate.timeIntervalSince(result.startDate) == 4 * 30)
        #expect(harness.invocations(of: "NotifyFailure").first?["Subject"] == "Fleet patching stopped: StagingFailed")
    }

    @Test("The approval request carries the task token in its text and as a message attribute, with staging's counts")
    func approvalRequest() async throws {
        let harness = try Self.runbook.harness()
        let testCase = try harness.load(try Self.runbook.configuration(), testCase: "AllPatched")
        let result = await harness.run(input: testCase.input ?? [:], name: "patch-web-2026-12")
        #expect(result.succeeded)
        let request = try #require(harness.invocations(of: "RequestApproval").first)
        let token = try #require(request["MessageAttributes"]?["TaskToken"]?["StringValue"]?.stringValue)
        #expect(!token.isEmpty)
        #expect(request["TopicArn"] == "arn:aws:sns:us-east-1:123456789012:patching-approvals")
        let message = try #require(request["Message"]?.stringValue)
        #expect(message.hasPrefix("Staging is patched (Install): 20 instance(s) with PatchGroup=web in 3 batch(es), execution patch-web-2026-12."))
        #expect(message.hasSuffix("\nTask token: \(token)"))
        #expect(result.output?["Approval"] == ["Approved": true, "Approver": "ops-lead"])
    }

    /// Runs the AllPatched case with the approval gate served by `approval` (the SNS publish that
    /// waits for a callback) instead of its mock, on the real clock, and hands the execution and the
    /// task token to `answer`.
    func runWithGate(
        input changes: JSONObject = [:], answer: @escaping @Sendable (Execution, String) throws -> Void
    ) async throws -> (ExecutionResult, WorkflowHarness) {
        let harness = try Self.runbook.harness()
        let testCase = try harness.load(try Self.runbook.configuration(), testCase: "AllPatched")
        var input = try #require(testCase.input?.objectValue)
        input["PollIntervalSeconds"] = 0
        for (key, value) in changes { input[key] = value }
        harness.mock("NotifyFailure", returning: ["MessageId": "m-failure"])
        let token = Mutex<String?>(nil)
        var executor = harness.makeExecutor()
        executor.clock = SystemClock()
        executor.registry.register(for: Self.approvalARN) { request in
            token.withLock { $0 = request.taskToken }
            return ["MessageId": "m-approval"]
        }
        let execution = try await executor.start(harness.machine, input: .object(input))
        var waited = 0
        while token.withLock({ $0 }) == nil, waited < 6000 {
            try await Task.sleep(for: .milliseconds(10))
            waited += 1
        }
        try answer(execution, try #require(token.withLock { $0 }))
        return (await execution.result, harness)
    }

    @Test("SendTaskSuccess with {Approved: true} (what sfnrun callback --output sends) lets production be patched")
    func callbackApproves() async throws {
        let (result, harness) = try await runWithGate { execution, token in
            try execution.sendTaskSuccess(taskToken: token, output: ["Approved": true, "Approver": "alice"])
        }
        #expect(result.succeeded, "\(result.status)")
        #expect(result.output?["Approval"] == ["Approved": true, "Approver": "alice"])
        #expect(harness.invocations(of: "SendCommand").count == 6)
    }

    @Test("SendTaskFailure (sfnrun callback --error) stops before production, saying why")
    func callbackRejects() async throws {
        let (result, harness) = try await runWithGate { execution, token in
            try execution.sendTaskFailure(taskToken: token, error: "Rejected", cause: "Not during the sale.")
        }
        #expect(result.error?.name == "ApprovalRejected")
        #expect(result.error?.cause == "Patching production was rejected (Rejected: Not during the sale.); staging is patched.")
        #expect(harness.invocations(of: "SendCommand").count == 3)
        #expect(harness.invocations(of: "NotifyFailure").first?["Subject"] == "Fleet patching stopped: ApprovalRejected")
    }

    @Test("With no callback the gate times out after ApprovalTimeoutSeconds")
    func gateTimesOut() async throws {
        let harness = try Self.runbook.harness()
        let testCase = try harness.load(try Self.runbook.configuration(), testCase: "AllPatched")
        var input = try #require(testCase.input?.objectValue)
        input["ApprovalTimeoutSeconds"] = 3600
        harness.mock("NotifyFailure", returning: ["MessageId": "m-failure"])
        var executor = harness.makeExecutor()
        executor.registry.register(for: Self.approvalARN) { _ in ["MessageId": "m-approval"] }
        let result = await executor.run(harness.machine, input: .object(input))
        #expect(result.error?.name == "ApprovalTimedOut")
        #expect(result.error?.cause == "Nobody approved patching production within 3600 seconds; staging is patched.")
        let timedOut = try #require(result.history.first { $0.kind.name == "TaskTimedOut" })
        let scheduled = try #require(result.history.first { $0.kind.name == "TaskSubmitted" })
        #expect(timedOut.timestamp.timeIntervalSince(scheduled.timestamp) >= 3600)
        #expect(!result.statesEntered.contains("StartProduction"))
    }
}
