import Foundation
import Testing

@testable import StatesLanguage

@Suite("Executions: waits, history, clocks, stopping")
struct ExecutionTests {
    @Test("Wait 300 and three 120-second retries run instantly on the virtual clock, with simulated times")
    func virtualTime() async throws {
        var registry = TaskRegistry()
        let attempts = CallLog<Int>()
        registry.register(for: "arn:aws:states:::aws-sdk:ec2:describeInstanceStatus") { request in
            attempts.append(request.retryCount)
            if request.retryCount < 3 { throw StatesError("InstanceNotYetStartedException") }
            return ["healthy": true]
        }
        let started = ContinuousClock.now
        let result = try await run(
            #"""
            {"StartAt": "Pause", "States": {
              "Pause": {"Type": "Wait", "Seconds": 300, "Next": "Check"},
              "Check": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:ec2:describeInstanceStatus",
                "Retry": [{"ErrorEquals": ["InstanceNotYetStartedException"], "IntervalSeconds": 120, "MaxAttempts": 3, "BackoffRate": 1}],
                "End": true}}}
            """#, registry: registry)
        #expect(result.succeeded)
        #expect(result.stopDate.timeIntervalSince(result.startDate) == 300 + 3 * 120)
        // A real wait would take the whole 660 s; the bound is far from it, so a busy machine passes.
        #expect(ContinuousClock.now - started < .seconds(300))
        let entered = result.history.first { $0.kind.name == "TaskStateEntered" }
        #expect(entered?.timestamp == testEpoch.addingTimeInterval(300))
    }

    @Test(
        "Wait fields: Seconds, SecondsPath, Timestamp, TimestampPath",
        arguments: [
            (#""Seconds": 42"#, [:], 42.0),
            (#""SecondsPath": "$.s""#, ["s": 7], 7.0),
            (#""Timestamp": "2026-01-01T01:00:00Z""#, [:], 3600.0),
            (#""TimestampPath": "$.t""#, ["t": "2026-01-01T00:00:30.5Z"], 30.5),
            (#""TimestampPath": "$.t""#, ["t": "2020-01-01T00:00:00Z"], 0.0),
        ] as [(String, JSONValue, Double)])
    func waits(field: String, input: JSONValue, seconds: Double) async throws {
        let result = try await run(#"{"StartAt": "W", "States": {"W": {"Type": "Wait", \#(field), "End": true}}}"#, input: input)
        #expect(result.succeeded)
        #expect(result.stopDate.timeIntervalSince(testEpoch) == seconds)
    }

    @Test(
        "Bad Wait inputs fail with AWS's causes",
        arguments: [
            (#""SecondsPath": "$.s""#, ["s": -1], "The SecondsPath parameter references a negative value: $.s == -1"),
            (#""SecondsPath": "$.s""#, ["s": "x"], "The SecondsPath parameter cannot be parsed as a long value: $.s == \"x\""),
            (#""SecondsPath": "$.s""#, [:], "The SecondsPath parameter does not reference an input value: $.s"),
            (
                #""TimestampPath": "$.t""#, ["t": "2026-01-01T00:00:00"],
                "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: $.t == 2026-01-01T00:00:00"
            ),
        ] as [(String, JSONValue, String)])
    func badWaits(field: String, input: JSONValue, cause: String) async throws {
        let result = try await run(#"{"StartAt": "W", "States": {"W": {"Type": "Wait", \#(field), "End": true}}}"#, input: input)
        #expect(result.error?.name == .runtime)
        #expect(result.error?.cause == "An error occurred while executing the state 'W' (entered at the event id #2). \(cause)")
    }

    @Test("History ids, previous ids and JSON shape follow GetExecutionHistory")
    func historyShape() async throws {
        let result = try await run(
            #"{"StartAt": "Hello", "States": {"Hello": {"Type": "Pass", "Result": "Hello World!", "End": true}}}"#)
        #expect(result.history.map(\.id) == [1, 2, 3, 4])
        #expect(result.history.map(\.previousEventID) == [0, 0, 2, 3])
        let exited = result.history[2].jsonValue
        #expect(exited["type"] == "PassStateExited")
        #expect(exited["stateExitedEventDetails"]?["output"] == "\"Hello World!\"")
        #expect(exited["timestamp"] == "2026-01-01T00:00:00.000Z")
        #expect(result.describeExecutionJSON["status"] == "SUCCEEDED")
        #expect(result.describeExecutionJSON["output"] == "\"Hello World!\"")
    }

    @Test("A Fail state ends the execution with its error and cause; without them the fields are absent")
    func failState() async throws {
        let result = try await run(
            #"{"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "Deploy.Frozen", "Cause": "freeze window"}}}"#)
        #expect(result.error == StatesError("Deploy.Frozen", cause: "freeze window"))
        #expect(eventNames(result) == ["ExecutionStarted", "FailStateEntered", "ExecutionFailed"])
        let bare = try await run(#"{"StartAt": "F", "States": {"F": {"Type": "Fail"}}}"#)
        #expect(bare.history.last?.jsonValue["executionFailedEventDetails"] == [:])
        #expect(bare.describeExecutionJSON["error"] == nil)
        let fromPath = try await run(
            #"{"StartAt": "F", "States": {"F": {"Type": "Fail", "ErrorPath": "$.e", "CausePath": "$.c"}}}"#,
            input: ["e": "E1", "c": "C1"])
        #expect(fromPath.error == StatesError("E1", cause: "C1"))
    }

    @Test("The history limit ends the execution with States.Runtime as event 25,000; the limit can be lifted")
    func historyLimit() async throws {
        let loop = """
            {"StartAt": "A", "States": {
              "A": {"Type": "Pass", "Next": "B"},
              "B": {"Type": "Choice", "Choices": [{"Variable": "$.stop", "IsPresent": true, "Next": "Done"}], "Default": "A"},
              "Done": {"Type": "Succeed"}}}
            """
        let result = try await run(loop)
        #expect(result.error == StatesError(.runtime, cause: "The execution reached the maximum number of history events (25000)."))
        #expect(result.history.count == 25_000)
        #expect(result.history.last?.kind.name == "ExecutionFailed")
        let small = try await run(loop, limits: ExecutionLimits(maximumHistoryEvents: 100, maximumPayloadBytes: nil))
        #expect(small.history.count == 100)
    }

    @Test("The state machine's TimeoutSeconds times the execution out")
    func machineTimeout() async throws {
        let result = try await run(
            #"{"TimeoutSeconds": 60, "StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 3600, "End": true}}}"#)
        #expect(result.status.name == "TIMED_OUT")
        #expect(result.history.last?.kind.name == "ExecutionTimedOut")
        #expect(result.stopDate.timeIntervalSince(testEpoch) == 60)
    }

    @Test("Stopping an execution aborts it and closes the history")
    func stop() async throws {
        var registry = TaskRegistry()
        let started = CallLog<Bool>()
        registry.register(for: "arn:aws:states:::sns:publish") { request in
            started.append(true)
            try await Task.sleep(for: .seconds(60))
            return [:]
        }
        let m = try machine(#"{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "End": true}}}"#)
        let execution = try await Executor(registry: registry).start(m, name: "to-stop")
        while started.all.isEmpty { await Task.yield() }
        execution.stop(error: "Operator", cause: "maintenance")
        let result = await execution.result
        #expect(result.status.name == "ABORTED")
        #expect(result.history.last?.kind == .executionAborted(error: "Operator", cause: "maintenance"))
    }

    @Test("Live events arrive as an async stream ending with the closing event")
    func liveEvents() async throws {
        let m = try machine(#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Succeed"}}}"#)
        let execution = try await Executor(clock: VirtualClock(start: testEpoch)).start(m)
        var names: [String] = []
        for await event in execution.events { names.append(event.kind.name) }
        #expect(names.first == "ExecutionStarted")
        #expect(names.last == "ExecutionSucceeded")
        #expect(names.count == 6)
    }

    @Test("Execution names follow AWS's rules")
    func executionNames() async throws {
        let m = try machine(#"{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}"#)
        await #expect(throws: StatesError.self) { try await Executor().start(m, name: "has space") }
        await #expect(throws: StatesError.self) { try await Executor().start(m, name: String(repeating: "a", count: 81)) }
        _ = try await Executor().start(m, name: "nightly-2026-01-01_run")
    }
}

@Suite("Task registry and resource ARNs")
struct TaskRegistryTests {
    @Test(
        "Resource ARNs are parsed into kind, service, action and pattern",
        arguments: [
            ("arn:aws:states:::aws-sdk:ec2:rebootInstances", "aws-sdk:ec2", "rebootInstances", ""),
            ("arn:aws:states:::sns:publish", "sns", "publish", ""),
            ("arn:aws:states:::sqs:sendMessage.waitForTaskToken", "sqs", "sendMessage.waitForTaskToken", ".waitForTaskToken"),
            ("arn:aws:states:::states:startExecution.sync:2", "states", "startExecution.sync:2", ".sync:2"),
            ("arn:aws:states:::ecs:runTask.sync", "ecs", "runTask.sync", ".sync"),
        ] as [(String, String, String, String)])
    func arns(text: String, resourceType: String, resource: String, pattern: String) throws {
        let arn = try ResourceARN(text)
        #expect(arn.resourceType == resourceType)
        #expect(arn.resourceName == resource)
        #expect(arn.integrationPattern.rawValue == pattern)
    }

    @Test("Exact registrations win over patterns; longer patterns over shorter ones")
    func lookup() throws {
        var registry = TaskRegistry()
        registry.register(for: "arn:aws:states:::aws-sdk:*") { _ in "any" }
        registry.register(for: "arn:aws:states:::aws-sdk:ec2:*") { _ in "ec2" }
        registry.register(for: "arn:aws:states:::aws-sdk:ec2:rebootInstances") { _ in "reboot" }
        #expect(registry.handler(for: try ResourceARN("arn:aws:states:::aws-sdk:ec2:rebootInstances")) is ClosureTaskHandler)
        #expect(TaskRegistry.matches("arn:aws:lambda:us-east-1:1:function:f", "arn:aws:lambda:*:*:function:*"))
        #expect(!TaskRegistry.matches("arn:aws:states:::sns:publish", "arn:aws:states:::sqs:*"))
        #expect(registry.handler(for: try ResourceARN("arn:aws:states:::sns:publish")) == nil)
    }

    @Test("The most specific handler runs")
    func specificity() async throws {
        var registry = TaskRegistry()
        registry.register(for: "arn:aws:states:::aws-sdk:*") { _ in "any" }
        registry.register(for: "arn:aws:states:::aws-sdk:ec2:*") { _ in "ec2" }
        registry.register(for: "arn:aws:states:::aws-sdk:ec2:rebootInstances") { _ in "reboot" }
        func call(_ resource: String) async throws -> JSONValue? {
            try await run(
                #"{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "\#(resource)", "End": true}}}"#,
                registry: registry
            ).output
        }
        #expect(try await call("arn:aws:states:::aws-sdk:ec2:rebootInstances") == "reboot")
        #expect(try await call("arn:aws:states:::aws-sdk:ec2:stopInstances") == "ec2")
        #expect(try await call("arn:aws:states:::aws-sdk:s3:listBuckets") == "any")
    }
}
