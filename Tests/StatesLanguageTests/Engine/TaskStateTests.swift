import Foundation
import Testing

@testable import StatesLanguage

@Suite("Task state, retries and catchers")
struct TaskStateTests {
    static let sns = "arn:aws:states:::sns:publish"

    /// A registry whose `sns:publish` handler fails with `errors` in turn, then returns `{"ok": true}`.
    static func flaky(_ errors: [StatesError], log: CallLog<(Date, Int)>, clock: VirtualClock) -> TaskRegistry {
        var registry = TaskRegistry()
        let remaining = CallLog<Int>()
        registry.register(for: sns) { request in
            log.append((clock.now, request.retryCount))
            let attempt = remaining.all.count
            remaining.append(attempt)
            if attempt < errors.count { throw errors[attempt] }
            return ["ok": true]
        }
        return registry
    }

    @Test("Handlers receive the effective input and their result goes through ResultSelector and ResultPath")
    func resultProcessing() async throws {
        var registry = TaskRegistry()
        registry.register(for: Self.sns) { request in
            #expect(request.input == ["Message": "hi", "TopicArn": "t"])
            #expect(request.stateName == "Notify")
            return ["MessageId": "m-1", "Noise": 1]
        }
        let result = try await run(
            #"""
            {"StartAt": "Notify", "States": {"Notify": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
              "Parameters": {"Message.$": "$.text", "TopicArn": "t"},
              "ResultSelector": {"id.$": "$.MessageId"}, "ResultPath": "$.sent", "End": true}}}
            """#, input: ["text": "hi"], registry: registry)
        #expect(result.output == ["text": "hi", "sent": ["id": "m-1"]])
        #expect(
            eventNames(result) == [
                "ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited",
                "ExecutionSucceeded",
            ])
    }

    @Test("An unregistered resource fails with a cause naming it")
    func unregistered() async throws {
        let result = try await run(
            #"{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage", "End": true}}}"#)
        #expect(result.error?.name == .runtime)
        #expect(result.error?.cause?.contains("'arn:aws:states:::sqs:sendMessage'") == true)
    }

    @Test("Errors that are not StatesError become States.TaskFailed with their description")
    func foreignErrors() async throws {
        struct Boom: Error, CustomStringConvertible { var description: String { "boom" } }
        var registry = TaskRegistry()
        registry.register(for: Self.sns) { _ in throw Boom() }
        let result = try await run(
            #"{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "End": true}}}"#,
            registry: registry)
        #expect(result.error == StatesError(.taskFailed, cause: "boom"))
        #expect(eventNames(result).suffix(2) == ["TaskFailed", "ExecutionFailed"])
    }

    @Test("Retry waits IntervalSeconds × BackoffRate^n on the clock and counts retries")
    func backoff() async throws {
        let clock = VirtualClock(start: testEpoch)
        let log = CallLog<(Date, Int)>()
        let registry = Self.flaky(
            [StatesError("Busy"), StatesError("Busy"), StatesError("Busy")], log: log, clock: clock)
        let result = try await run(
            #"""
            {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
              "Retry": [{"ErrorEquals": ["Busy"], "IntervalSeconds": 3, "BackoffRate": 1.5, "MaxAttempts": 3}], "End": true}}}
            """#, registry: registry, clock: clock)
        #expect(result.succeeded)
        let offsets = log.all.map { $0.0.timeIntervalSince(testEpoch) }
        #expect(offsets == [0, 3, 7.5, 14.25])
        #expect(log.all.map(\.1) == [0, 1, 2, 3])
    }

    @Test("MaxDelaySeconds caps the interval")
    func maxDelay() async throws {
        let clock = VirtualClock(start: testEpoch)
        let log = CallLog<(Date, Int)>()
        let registry = Self.flaky([StatesError("E"), StatesError("E"), StatesError("E")], log: log, clock: clock)
        _ = try await run(
            #"""
            {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
              "Retry": [{"ErrorEquals": ["E"], "IntervalSeconds": 3, "MaxDelaySeconds": 4}], "End": true}}}
            """#, registry: registry, clock: clock)
        #expect(log.all.map { $0.0.timeIntervalSince(testEpoch) } == [0, 3, 7, 11])
    }

    @Test("JitterStrategy FULL waits somewhere between 0 and the computed interval")
    func jitter() async throws {
        let clock = VirtualClock(start: testEpoch)
        let log = CallLog<(Date, Int)>()
        let registry = Self.flaky([StatesError("E")], log: log, clock: clock)
        _ = try await run(
            #"""
            {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
              "Retry": [{"ErrorEquals": ["E"], "IntervalSeconds": 100, "JitterStrategy": "FULL"}], "End": true}}}
            """#, registry: registry, clock: clock)
        let wait = log.all[1].0.timeIntervalSince(log.all[0].0)
        #expect(wait >= 0 && wait <= 100)
    }

    @Test("MaxAttempts 0 never retries")
    func noRetry() async throws {
        let clock = VirtualClock(start: testEpoch)
        let log = CallLog<(Date, Int)>()
        let result = try await run(
            #"""
            {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
              "Retry": [{"ErrorEquals": ["E"], "MaxAttempts": 0}], "End": true}}}
            """#, registry: Self.flaky([StatesError("E")], log: log, clock: clock), clock: clock)
        #expect(log.all.count == 1)
        #expect(result.error?.name == "E")
    }

    @Test("Retriers count separately; an exhausted retrier hands over to Catch")
    func retrierCounters() async throws {
        let clock = VirtualClock(start: testEpoch)
        let log = CallLog<(Date, Int)>()
        let errors: [StatesError] = [StatesError("A"), StatesError("B"), StatesError("C"), StatesError("B")]
        let result = try await run(
            #"""
            {"StartAt": "T", "States": {
              "T": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
                "Retry": [{"ErrorEquals": ["A", "B"], "IntervalSeconds": 1, "MaxAttempts": 2},
                          {"ErrorEquals": ["C"], "IntervalSeconds": 5}],
                "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Handled"}], "End": true},
              "Handled": {"Type": "Pass", "End": true}}}
            """#, input: ["in": 1], registry: Self.flaky(errors, log: log, clock: clock), clock: clock)
        // Spec example: waits 1, 2, 5; the fourth error is the third match of the first retrier.
        #expect(log.all.map { $0.0.timeIntervalSince(testEpoch) } == [0, 1, 3, 8])
        #expect(result.output == ["in": 1, "error": ["Error": "B"]])
        #expect(result.statesEntered == ["T", "Handled"])
        #expect(eventNames(result).contains("TaskStateExited"))
    }

    @Test(
        "Which names ErrorEquals entries match",
        arguments: [
            ("States.ALL", "Custom.Error", true), ("States.ALL", "States.Timeout", true),
            ("States.ALL", "States.Runtime", false), ("States.ALL", "States.DataLimitExceeded", true),
            ("States.TaskFailed", "Custom.Error", true), ("States.TaskFailed", "States.Timeout", false),
            ("States.TaskFailed", "States.HeartbeatTimeout", true), ("States.Runtime", "States.Runtime", false),
            ("States.DataLimitExceeded", "States.DataLimitExceeded", true), ("Custom.Error", "Custom.Error", true),
            ("Custom.Error", "custom.error", false),
        ] as [(String, String, Bool)])
    func matching(pattern: String, name: String, expected: Bool) {
        #expect(ErrorName(rawValue: name).isMatched(by: [ErrorName(rawValue: pattern)]) == expected)
    }

    @Test("Catch passes {Error, Cause} through ResultPath to the catcher's Next")
    func catchOutput() async throws {
        var registry = TaskRegistry()
        registry.register(for: Self.sns) { _ in throw StatesError("SNS.NotFound", cause: "no topic") }
        let result = try await run(
            #"""
            {"StartAt": "T", "States": {
              "T": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
                "Catch": [{"ErrorEquals": ["SNS.NotFound"], "Next": "Handled"}], "End": true},
              "Handled": {"Type": "Pass", "End": true}}}
            """#, input: ["in": 1], registry: registry)
        #expect(result.output == ["Error": "SNS.NotFound", "Cause": "no topic"])
    }

    @Test("TimeoutSeconds fails a slow task with States.Timeout and a TaskTimedOut event")
    func timeout() async throws {
        var registry = TaskRegistry()
        registry.register(for: Self.sns) { request in
            try await request.clock.sleep(seconds: 100)
            return ["late": true]
        }
        let result = try await run(
            #"{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "TimeoutSeconds": 30, "End": true}}}"#,
            registry: registry)
        #expect(result.error?.name == .timeout)
        #expect(eventNames(result).suffix(2) == ["TaskTimedOut", "ExecutionFailed"])
        #expect(result.stopDate.timeIntervalSince(testEpoch) == 30)
    }

    @Test("TimeoutSecondsPath reads the timeout from the input")
    func timeoutPath() async throws {
        var registry = TaskRegistry()
        registry.register(for: Self.sns) { request in
            #expect(request.timeoutSeconds == 7)
            try await request.clock.sleep(seconds: 10)
            return [:]
        }
        let result = try await run(
            #"{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "TimeoutSecondsPath": "$.t", "End": true}}}"#,
            input: ["t": 7], registry: registry)
        #expect(result.error?.name == .timeout)
    }

    @Test("A task that sends heartbeats survives; one that stops sending them gets States.HeartbeatTimeout")
    func heartbeats() async throws {
        var registry = TaskRegistry()
        registry.register(for: Self.sns) { request in
            for _ in 0..<5 {
                try await request.clock.sleep(seconds: 8)
                request.sendHeartbeat()
            }
            if request.input["stall"] == true { try await request.clock.sleep(seconds: 60) }
            return ["done": true]
        }
        let definition = #"{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "HeartbeatSeconds": 10, "End": true}}}"#
        let alive = try await run(definition, input: ["stall": false], registry: registry)
        #expect(alive.output == ["done": true])
        let stalled = try await run(definition, input: ["stall": true], registry: registry)
        #expect(stalled.error?.name == .heartbeatTimeout)
    }

    @Test("States.Runtime is never retried or caught")
    func runtimeNotCaught() async throws {
        let result = try await run(
            #"""
            {"StartAt": "T", "States": {
              "T": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "Parameters": {"x.$": "$.missing"},
                "Retry": [{"ErrorEquals": ["States.ALL"]}],
                "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "H"}], "End": true},
              "H": {"Type": "Succeed"}}}
            """#, registry: { var r = TaskRegistry(); r.register(for: Self.sns) { _ in [:] }; return r }())
        #expect(result.error?.name == .runtime)
        #expect(!result.statesEntered.contains("H"))
    }

    @Test(".waitForTaskToken waits for SendTaskSuccess with the token from $$.Task.Token")
    func callback() async throws {
        let tokens = CallLog<String>()
        var registry = TaskRegistry()
        registry.register(for: "arn:aws:states:::sqs:sendMessage") { request in
            tokens.append(request.input["Token"]?.stringValue ?? "")
            return ["MessageId": "1"]
        }
        let m = try machine(
            #"""
            {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
              "Parameters": {"Token.$": "$$.Task.Token"}, "End": true}}}
            """#)
        let execution = try await Executor(registry: registry, clock: VirtualClock(start: testEpoch)).start(m)
        while tokens.all.isEmpty { await Task.yield() }
        try execution.sendTaskSuccess(taskToken: tokens.all[0], output: ["approved": true])
        #expect(await execution.result.output == ["approved": true])
        #expect(throws: StatesError.self) { try execution.sendTaskSuccess(taskToken: "unknown", output: [:]) }
    }

    @Test("A bare Lambda function ARN records the LambdaFunction event family")
    func lambdaEvents() async throws {
        var registry = TaskRegistry()
        registry.register(for: "arn:aws:lambda:*:*:function:*") { request in request.input }
        let result = try await run(
            #"{"StartAt": "L", "States": {"L": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:echo", "End": true}}}"#,
            input: ["a": 1], registry: registry)
        #expect(result.output == ["a": 1])
        #expect(
            eventNames(result) == [
                "ExecutionStarted", "TaskStateEntered", "LambdaFunctionScheduled", "LambdaFunctionStarted",
                "LambdaFunctionSucceeded", "TaskStateExited", "ExecutionSucceeded",
            ])
    }
}

@Suite("Task timeouts with uncooperative handlers")
struct UncooperativeHandlerTests {
    @Test("TimeoutSeconds fires even when the handler ignores cancellation")
    func ignoresCancellation() async throws {
        var registry = TaskRegistry()
        registry.register(for: "arn:aws:states:::sns:publish") { request in
            // Waits on the clock past the timeout, then for something that never comes, without
            // checking for cancellation.
            try? await request.clock.sleep(seconds: 100)
            await withCheckedContinuation { (_: CheckedContinuation<Void, Never>) in }
            return ["late": true]
        }
        let result = try await run(
            #"{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "TimeoutSeconds": 1, "End": true}}}"#,
            registry: registry)
        #expect(result.error?.name == .timeout)
        #expect(result.stopDate.timeIntervalSince(testEpoch) == 1)
    }

    @Test("A callback task records TaskSubmitted with the handler's response, then waits")
    func submitted() async throws {
        let tokens = CallLog<String>()
        var registry = TaskRegistry()
        registry.register(for: "arn:aws:states:::sqs:sendMessage") { request in
            tokens.append(request.taskToken ?? "")
            return ["MessageId": "m-1"]
        }
        let m = try machine(
            #"{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "Parameters": {"t.$": "$$.Task.Token"}, "End": true}}}"#)
        let execution = try await Executor(registry: registry, clock: VirtualClock(start: testEpoch)).start(m)
        while tokens.all.isEmpty { await Task.yield() }
        var submittedSeen = false
        for _ in 0..<10_000 where !submittedSeen {
            await Task.yield()
            submittedSeen = execution.history.contains { $0.kind.name == "TaskSubmitted" }
        }
        try execution.sendTaskSuccess(taskToken: tokens.all[0], output: ["done": true])
        let result = await execution.result
        #expect(
            Array(eventNames(result).dropFirst(2).prefix(4)) == ["TaskScheduled", "TaskStarted", "TaskSubmitted", "TaskSucceeded"])
        #expect(result.history.first { $0.kind.name == "TaskSucceeded" }?.previousEventID == 5)
    }

    @Test(
        ".sync tasks get $$.Task.Token and record TaskSubmitted before their outcome (recordings test_sync_with_task_token, test_start_execution_sync…)",
        arguments: ["arn:aws:states:::states:startExecution.sync", "arn:aws:states:::states:startExecution.sync:2"])
    func syncTaskToken(resource: String) async throws {
        var registry = TaskRegistry()
        registry.register(for: "arn:aws:states:::states:startExecution") { request in
            ["token": .string(request.taskToken ?? "none"), "sent": request.input["TaskToken"] ?? .null]
        }
        let result = try await run(
            #"{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "\#(resource)", "Parameters": {"TaskToken.$": "$$.Task.Token"}, "End": true}}}"#,
            registry: registry)
        #expect(result.succeeded)
        let token = result.output?["token"]?.stringValue
        #expect(token != nil && token != "none")
        #expect(result.output?["sent"]?.stringValue == token)
        #expect(
            eventNames(result) == [
                "ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSubmitted", "TaskSucceeded",
                "TaskStateExited", "ExecutionSucceeded",
            ])
    }

    @Test("A request-response task has no task token")
    func requestResponseHasNoToken() async throws {
        var registry = TaskRegistry()
        registry.register(for: "arn:aws:states:::sns:publish") { request in .bool(request.taskToken == nil) }
        let result = try await run(
            #"{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "End": true}}}"#,
            registry: registry)
        #expect(result.output == true)
        #expect(!eventNames(result).contains("TaskSubmitted"))
    }

    @Test(
        "A TimeoutSecondsPath or HeartbeatSecondsPath that selects nothing fails with Jayway's words (recording INVALID_JSONPATH_IN_TIMEOUTSECONDSPATH)",
        arguments: ["TimeoutSecondsPath", "HeartbeatSecondsPath"])
    func missingSecondsPath(field: String) async throws {
        var registry = TaskRegistry()
        registry.register(for: "arn:aws:states:::sns:publish") { _ in "sent" }
        let result = try await run(
            #"{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "\#(field)": "$.NoSuch", "End": true}}}"#,
            registry: registry)
        #expect(result.error?.name == .runtime)
        #expect(result.error?.cause == "An error occurred while executing the state 'T' (entered at the event id #2). Invalid path '$.NoSuch' : No results for path: $['NoSuch']")
    }

    @Test(
        "A mocked answer always beats a HeartbeatSeconds timer on the virtual clock: the clock holds still while a handler computes",
        arguments: ["{% 1 %}", "1"])
    func heartbeatRace(heartbeat: String) async throws {
        let value = heartbeat == "1" ? "1" : "\"\(heartbeat)\""
        let definition = #"{"QueryLanguage": "JSONata", "StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": {"FunctionName": "f"}, "HeartbeatSeconds": \#(value), "TimeoutSeconds": 2, "End": true}}}"#
        let compiled = try machine(definition)
        var registry = TaskRegistry()
        registry.register(for: "arn:aws:states:::lambda:invoke") { request in
            // Busy for a while without touching the clock, as a descheduled handler would be.
            var spins = 0
            for _ in 0..<200 { await Task.yield(); spins += 1 }
            return ["Payload": .number(.integer(Int64(spins)))]
        }
        let configured = registry
        // Many runs at once, so the scheduler keeps some handlers waiting while timers are due.
        let statuses = await withTaskGroup(of: String.self) { group in
            for _ in 0..<200 {
                group.addTask {
                    let executor = Executor(registry: configured, clock: VirtualClock(start: testEpoch))
                    return await executor.run(compiled, input: [:]).status.name
                }
            }
            var all: [String] = []
            for await status in group { all.append(status) }
            return all
        }
        #expect(statuses.filter { $0 != "SUCCEEDED" }.count == 0)
        #expect(statuses.count == 200)
    }
}
