import Foundation
import StatesLanguage
import StatesLanguageTesting
import Testing

@Suite("Mock task handler")
struct MockTaskHandlerTests {
    static let retried = """
        {"StartAt": "Call", "States": {
          "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
                   "Retry": [{"ErrorEquals": ["Flaky"], "IntervalSeconds": 5, "MaxAttempts": 3}],
                   "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}]},
          "Caught": {"Type": "Pass", "End": true}}}
        """

    func flaky(_ failures: Int, then result: JSONValue = ["ok": true]) -> MockedResponse {
        MockedResponse(name: "Flaky", entries: [
            .init(invocations: 0...(failures - 1), outcome: .throwing(StatesError("Flaky"))),
            .init(invocations: failures...failures, outcome: .returning(result)),
        ])
    }

    @Test("Every attempt takes the next invocation number, retries included")
    func retries() async throws {
        let harness = try WorkflowHarness(definition: Self.retried)
        harness.mock("Call", responses: flaky(2))
        let result = await harness.run()
        #expect(result.output == ["ok": true])
        #expect(harness.invocations(of: "Call").count == 3)
        let retryTimes = result.history.filter { $0.kind.name == "TaskScheduled" }.map(\.timestamp)
        #expect(retryTimes.count == 3)
        #expect(retryTimes[1].timeIntervalSince(retryTimes[0]) == 5)  // virtual time, IntervalSeconds 5
    }

    @Test("A missing response for an invocation fails the execution with States.Runtime, which Catch does not intercept")
    func runsOut() async throws {
        let harness = try WorkflowHarness(definition: Self.retried)
        harness.mock("Call", responses: MockedResponse(name: "Once", entries: [.init(invocations: 0...0, outcome: .throwing(StatesError("Flaky")))]))
        let result = await harness.run()
        #expect(result.status.name == "FAILED")
        #expect(result.error?.name == .runtime)
        #expect(result.error?.cause?.contains("The mocked response 'Once' for state 'Call' has no entry for invocation 1") == true)
        #expect(!result.statesEntered.contains("Caught"))
    }

    @Test("Counting is per state and shared by loops and Map iterations")
    func mapIterations() async throws {
        let harness = try WorkflowHarness(definition: """
            {"StartAt": "Each", "States": {"Each": {"Type": "Map", "MaxConcurrency": 1, "End": true,
              "ItemProcessor": {"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "End": true}}}}}}
            """)
        harness.mock("Work", responses: MockedResponse(name: "TwoOnly", entries: [.init(invocations: 0...1, outcome: .returning("done"))]))
        let two = await harness.run(input: [1, 2])
        #expect(two.output == ["done", "done"])
        let three = await harness.run(input: [1, 2, 3])
        #expect(three.error?.name == .runtime)
        #expect(three.error?.cause?.contains("no entry for invocation 2") == true)
    }

    @Test("Counters start again for each execution")
    func perExecution() async throws {
        let handler = MockTaskHandler(mocks: ["Call": .response(flaky(1))])
        var registry = TaskRegistry()
        registry.register(handler, for: "*")
        let executor = Executor(registry: registry, clock: VirtualClock())
        let machine = try StateMachine(parsing: Self.retried)
        let first = await executor.run(machine)
        let second = await executor.run(machine)
        #expect(first.output == ["ok": true] && second.output == ["ok": true])
        #expect(handler.invocations.map(\.number) == [0, 1, 0, 1])
    }

    @Test("A state the test case does not mock fails with a message naming it")
    func unmocked() async throws {
        let harness = try WorkflowHarness(definition: Self.retried)
        let result = await harness.run()
        #expect(result.error == StatesError(
            .runtime, cause: "The Task state 'Call' is not mocked; mock it, or allow unmocked states to use real task handlers."))
    }

    @Test("With unmocked states allowed, registered handlers run them")
    func fallback() async throws {
        let harness = try WorkflowHarness(definition: Self.retried)
        harness.allowsUnmocked = true
        let missing = await harness.run()
        #expect(missing.error?.cause?.contains("no task handler is registered for the resource 'arn:aws:states:::lambda:invoke'") == true)
        harness.register(ClosureTaskHandler { request in ["echo": request.input] }, for: "arn:aws:states:::lambda:*")
        let result = await harness.run(input: ["n": 1])
        #expect(result.output == ["echo": ["n": 1]])
    }

    @Test("Mocked .waitForTaskToken tasks complete with the mocked response, without a callback")
    func waitForTaskToken() async throws {
        let harness = try WorkflowHarness(definition: """
            {"StartAt": "Approve", "States": {"Approve": {"Type": "Task", "End": true,
              "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
              "Parameters": {"QueueUrl": "q", "MessageBody": {"Token.$": "$$.Task.Token"}}}}}
            """)
        harness.mock("Approve", returning: ["Approved": true])
        let result = await harness.run()
        #expect(result.output == ["Approved": true])
        let token = harness.invocations(of: "Approve").first?["MessageBody"]?["Token"]?.stringValue
        #expect(token?.isEmpty == false)
        #expect(result.history.map(\.kind.name).contains("TaskSubmitted"))
    }

    @Test("A mocked .waitForTaskToken failure records TaskSubmitted, then TaskFailed (recording test_sqs_failure_in_wait_for_task_tok)")
    func waitForTaskTokenFailure() async throws {
        let harness = try WorkflowHarness(definition: """
            {"StartAt": "Approve", "States": {"Approve": {"Type": "Task", "End": true,
              "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
              "Parameters": {"QueueUrl": "q", "MessageBody": {"Token.$": "$$.Task.Token"}}}}}
            """)
        harness.mock("Approve", throwing: StatesError("Failure error", cause: "Failure cause"))
        let result = await harness.run()
        #expect(
            result.history.map(\.kind.name) == [
                "ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSubmitted", "TaskFailed",
                "ExecutionFailed",
            ])
    }
}

@Suite("Workflow harness")
struct WorkflowHarnessTests {
    @Test("The README example: load, mock by state name, run on virtual time, assert")
    func example() async throws {
        let harness = try WorkflowHarness(definition: """
            {"StartAt": "GetPatches", "States": {
              "GetPatches": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:ssm:describeInstancePatches", "ResultPath": "$.Found", "Next": "Pause"},
              "Pause": {"Type": "Wait", "Seconds": 3600, "Next": "Publish"},
              "Publish": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "End": true}}}
            """)
        harness.mock("GetPatches", returning: ["Patches": []])
        harness.mock("Publish", throwing: StatesError("SNS.NotFoundException", cause: "no topic"))
        let result = await harness.run(input: ["InstanceId": "i-1"])
        #expect(result.status.name == "FAILED")
        #expect(result.error == StatesError("SNS.NotFoundException", cause: "no topic"))
        #expect(result.statesEntered == ["GetPatches", "Pause", "Publish"])
        #expect(result.stopDate.timeIntervalSince(result.startDate) == 3600)
        #expect(result.startDate == harness.startDate)
        #expect(harness.invocations(of: "Publish") == [["InstanceId": "i-1", "Found": ["Patches": []]]])
    }

    @Test("A closure mock sees each request")
    func closure() async throws {
        let harness = try WorkflowHarness(definition: """
            {"StartAt": "Double", "States": {"Double": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}
            """)
        harness.mock("Double") { request in .integer((request.input["n"]?.intValue ?? 0) * 2) }
        #expect(await harness.run(input: ["n": 21]).output == 42)
    }

    @Test("A definition file names the machine after the file")
    func definitionFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("night-shift.asl.json")
        try Data(#"{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}"#.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(try WorkflowHarness(definitionFile: url.path).machine.name == "night-shift")
        #expect(WorkflowHarness.machineName(forFile: "dir/a.json") == "a")
        #expect(WorkflowHarness.machineName(forFile: "b.asl.json") == "b")
        #expect(throws: DefinitionError.self) { try WorkflowHarness(definitionFile: "/nonexistent.json") }
    }

    @Test("Loading a test case from a mock configuration replaces the mocks and returns its expectation")
    func load() async throws {
        let harness = try WorkflowHarness(definition: """
            {"StartAt": "Charge", "States": {
              "Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Ship"},
              "Ship": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}
            """, name: "Orders")
        let configuration = try MockConfiguration(parsing: MockConfigurationTests.valid)
        let testCase = try harness.load(configuration, testCase: "Declined")
        let result = await harness.run(input: testCase.input ?? [:])
        #expect(testCase.expectation?.mismatches(in: result) == [])
        try harness.load(configuration, testCase: "HappyPath")
        #expect(await harness.run().error?.name.rawValue == "Courier.Busy")
    }

    @Test("A mocked ResultWriter receives PENDING_0.json with the items a failed Map Run never started, before the manifest")
    func pendingThroughMocks() async throws {
        let harness = try WorkflowHarness(definition: """
            {"StartAt": "Each", "States": {"Each": {"Type": "Map", "MaxConcurrency": 1, "End": true,
              "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSON"},
                             "Parameters": {"Bucket": "in", "Key": "hosts.json"}},
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED"}, "StartAt": "Patch",
                "States": {"Patch": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:ssm:sendCommand", "End": true}}},
              "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "out", "Prefix": "p"}}}}}
            """)
        harness.mock("Each", responses: MockedResponse(name: "Objects", entries: [
            .init(invocations: 0...0, outcome: .returning(["Body": #"["web-1", "web-2", "web-3"]"#])),
            .init(invocations: 1...9, outcome: .returning(["ETag": "\"e\""])),
        ]))
        harness.mock("Patch", throwing: StatesError("Ssm.InvalidInstanceId"))
        let result = await harness.run()
        #expect(result.error?.name == .exceedToleratedFailureThreshold)
        let puts = harness.invocations(of: "Each").dropFirst()
        let keys = puts.compactMap { $0["Key"]?.stringValue?.split(separator: "/").last.map(String.init) }
        #expect(keys == ["FAILED_0.json", "PENDING_0.json", "manifest.json"])
        let pending = try JSONValue(parsing: try #require(puts.first { $0["Key"]?.stringValue?.hasSuffix("PENDING_0.json") == true }?["Body"]?.stringValue))
        #expect(pending.arrayValue?.map { $0["Input"] } == [#""web-2""#, #""web-3""#])
        let manifest = try JSONValue(parsing: try #require(puts.last?["Body"]?.stringValue))
        #expect(manifest["ResultFiles"]?["PENDING"]?[0]?["Key"] == puts.dropLast().last?["Key"])
    }
}
