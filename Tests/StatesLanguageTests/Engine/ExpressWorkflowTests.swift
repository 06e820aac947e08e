import Foundation
import Testing

@testable import StatesLanguage

@Suite("Express workflows")
struct ExpressWorkflowTests {
    static func task(_ resource: String) -> String {
        #"{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "\#(resource)", "End": true}}}"#
    }

    static func express(_ definition: String) throws -> StateMachine {
        try StateMachine(parsing: definition, name: "fast", type: .express)
    }

    static func runExpress(_ definition: String, limits: ExecutionLimits = .aws) async throws -> ExecutionResult {
        let executor = Executor(clock: VirtualClock(start: testEpoch), limits: limits)
        return await executor.run(try express(definition), name: "e1")
    }

    @Test(
        "Express definitions refuse .sync, .waitForTaskToken and activities in AWS's words; Standard accepts them",
        arguments: [
            ("arn:aws:states:::states:startExecution.sync", "Express state machine does not support '.sync' service integration"),
            ("arn:aws:states:::states:startExecution.sync:2", "Express state machine does not support '.sync' service integration"),
            ("arn:aws:states:::sqs:sendMessage.waitForTaskToken", "Express state machine does not support '.waitForTaskToken' service integration"),
            ("arn:aws:states:us-east-1:123456789012:activity:review", "Express state machine does not support Activity ARN"),
        ] as [(String, String)])
    func refusals(resource: String, message: String) throws {
        let definition = Self.task(resource)
        _ = try StateMachine(parsing: definition)
        let error = try #require(throws: DefinitionError.self) { try Self.express(definition) }
        #expect(error.diagnostics.map(\.message) == [message])
        #expect(error.diagnostics.map(\.code) == [.schemaValidationFailed])
        #expect(error.diagnostics.map(\.pointer) == ["/States/T/Resource"])
    }

    @Test("A request-response integration is fine in an Express definition")
    func requestResponse() throws {
        #expect(try Self.express(Self.task("arn:aws:states:::sqs:sendMessage")).type == .express)
    }

    @Test("An Express execution stops TIMED_OUT (States.Timeout) at five minutes")
    func fiveMinutes() async throws {
        let result = try await Self.runExpress(#"{"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 301, "End": true}}}"#)
        #expect(result.status.name == "TIMED_OUT")
        #expect(result.error == StatesError(.timeout, cause: "The execution reached the maximum duration of an Express workflow (five minutes)."))
        #expect(result.stopDate.timeIntervalSince(testEpoch) == 300)
        #expect(result.history.last?.kind.name == "ExecutionTimedOut")
        let fits = try await Self.runExpress(#"{"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 299, "End": true}}}"#)
        #expect(fits.status.name == "SUCCEEDED")
    }

    @Test("A state machine TimeoutSeconds below five minutes still applies to Express")
    func machineTimeout() async throws {
        let result = try await Self.runExpress(
            #"{"TimeoutSeconds": 60, "StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 120, "End": true}}}"#)
        #expect(result.status.name == "TIMED_OUT")
        #expect(result.error?.cause == "The execution ran longer than the state machine's TimeoutSeconds.")
        #expect(result.stopDate.timeIntervalSince(testEpoch) == 60)
    }

    @Test("A retry interval that would run past five minutes ends the execution at five minutes")
    func retryPastFiveMinutes() async throws {
        var registry = TaskRegistry()
        registry.register(for: "arn:aws:states:::lambda:invoke") { _ in throw StatesError("Busy") }
        let executor = Executor(registry: registry, clock: VirtualClock(start: testEpoch))
        let definition = #"""
            {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
              "Retry": [{"ErrorEquals": ["Busy"], "IntervalSeconds": 200, "MaxAttempts": 3}]}}}
            """#
        let result = await executor.run(try Self.express(definition))
        #expect(result.status.name == "TIMED_OUT")
        #expect(result.stopDate.timeIntervalSince(testEpoch) == 300)
        #expect(result.history.filter { $0.kind.name == "TaskScheduled" }.count == 2)
    }

    @Test("Express executions have no 25,000-event quota; Standard ones do")
    func noHistoryQuota() async throws {
        let loop = """
            {"StartAt": "A", "States": {
              "A": {"Type": "Pass", "Result": 1, "ResultPath": "$.n", "Next": "B"},
              "B": {"Type": "Choice", "Choices": [{"Variable": "$.stop", "IsPresent": true, "Next": "Done"}], "Default": "W"},
              "W": {"Type": "Wait", "Seconds": 1, "Next": "A"},
              "Done": {"Type": "Succeed"}}}
            """
        let limits = ExecutionLimits(maximumHistoryEvents: 50)
        let standard = try await run(loop, limits: limits)
        #expect(standard.error?.cause == "The execution reached the maximum number of history events (50).")
        // The same loop as Express runs until the five minutes are up, far past 50 events.
        let express = try await Self.runExpress(loop, limits: limits)
        #expect(express.status.name == "TIMED_OUT")
        #expect(express.history.count > 1_000)
    }

    @Test("A loop that takes no simulated time ends at the local safety net instead of running forever")
    func safetyNet() async throws {
        let loop = """
            {"StartAt": "A", "States": {
              "A": {"Type": "Pass", "Next": "B"},
              "B": {"Type": "Choice", "Choices": [{"Variable": "$.stop", "IsPresent": true, "Next": "Done"}], "Default": "A"},
              "Done": {"Type": "Succeed"}}}
            """
        let result = try await Self.runExpress(loop, limits: ExecutionLimits(maximumExpressHistoryEvents: 200))
        #expect(result.error?.cause == "The execution reached the maximum number of history events (200).")
    }

    @Test("Express executions have express ARNs; the StartSyncExecution document carries the result")
    func startSyncShape() async throws {
        let result = try await Self.runExpress(#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": {"ok": true}, "End": true}}}"#)
        #expect(result.executionARN.hasPrefix("arn:aws:states:us-east-1:123456789012:express:fast:e1:"))
        let document = result.startSyncExecutionJSON
        #expect(document["stateMachineArn"] == "arn:aws:states:us-east-1:123456789012:stateMachine:fast")
        #expect(document["status"] == "SUCCEEDED")
        #expect(document["output"] == #"{"ok":true}"#)
        #expect(document["outputDetails"] == ["included": true])
        #expect(document["inputDetails"] == ["included": true])
        #expect(document["billingDetails"] == ["billedMemoryUsedInMB": 64, "billedDurationInMilliseconds": 100])
        #expect(document["error"] == nil)
        #expect(document.objectValue?.keys.sorted() == [
            "billingDetails", "executionArn", "input", "inputDetails", "name", "output", "outputDetails", "startDate",
            "stateMachineArn", "status", "stopDate",
        ])
    }
}
