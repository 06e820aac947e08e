import Foundation
import StatesLanguageTesting
import Synchronization
import Testing

@testable import StatesLanguage

/// Counts calls per state and answers from a closure.
final class CallCounter: Sendable {
    private let calls = Mutex<[String: Int]>([:])

    func count(_ state: String) -> Int { calls.withLock { $0[state, default: 0] } }

    func registry(_ answer: @escaping @Sendable (TaskRequest, Int) throws -> JSONValue) -> TaskRegistry {
        var registry = TaskRegistry()
        registry.register(for: "*") { request in
            let n = self.calls.withLock { calls -> Int in
                calls[request.stateName, default: 0] += 1
                return calls[request.stateName]!
            }
            return try answer(request, n)
        }
        return registry
    }
}

/// A workflow with every kind of state a journal must replay: generated values, a Wait, a retried
/// Task, a Map with concurrency and a Parallel.
let durableWorkflow = #"""
    {"StartAt": "Make", "States": {
      "Make": {"Type": "Pass", "Parameters": {"id.$": "States.UUID()", "n.$": "States.MathRandom(1, 1000)", "items": [1, 2, 3, 4], "at.$": "$$.State.EnteredTime"}, "Next": "Pause"},
      "Pause": {"Type": "Wait", "Seconds": 30, "Next": "Flaky"},
      "Flaky": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:flaky", "ResultPath": "$.flaky",
        "Retry": [{"ErrorEquals": ["Boom"], "IntervalSeconds": 5, "MaxAttempts": 3}], "Next": "Each"},
      "Each": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 2, "ResultPath": "$.each",
        "ItemProcessor": {"StartAt": "Work", "States": {
          "Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"x.$": "$"}, "Next": "Rest"},
          "Rest": {"Type": "Wait", "Seconds": 2, "End": true}}}, "Next": "Both"},
      "Both": {"Type": "Parallel", "ResultPath": "$.both", "End": true, "Branches": [
        {"StartAt": "Left", "States": {"Left": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}},
        {"StartAt": "Right", "States": {"Right": {"Type": "Pass", "Result": "r", "End": true}}}]}
    }}
    """#

@Suite("Durable executions")
struct DurableExecutionTests {
    static func executor(_ counter: CallCounter = CallCounter()) -> Executor {
        Executor(
            registry: counter.registry { request, n in
                if request.stateName == "Flaky", n < 3 { throw StatesError("Boom", cause: "attempt \(n)") }
                return ["state": .string(request.stateName), "input": request.input]
            }, clock: VirtualClock(start: testEpoch))
    }

    @Test("A crash after any journal record resumes to the uninterrupted run's end")
    func crashAnywhere() async throws {
        let report = await CrashSimulation.run(
            try machine(durableWorkflow), input: [:], makeExecutor: { Self.executor() })
        #expect(report.journalRecords > 20)
        #expect(report.crashes == report.journalRecords - 1)
        #expect(report.mismatches == [])
    }

    @Test("Without generated values, the resumed history has exactly the uninterrupted run's events")
    func crashAnywhereDeterministic() async throws {
        let definition = durableWorkflow.replacingOccurrences(of: #""id.$": "States.UUID()", "n.$": "States.MathRandom(1, 1000)", "#, with: "")
        #expect(definition != durableWorkflow)
        let report = await CrashSimulation.run(try machine(definition), input: [:], makeExecutor: { Self.executor() })
        #expect(report.crashes > 20)
        #expect(report.mismatches == [])
    }

    @Test("A distributed Map whose reader fails, caught, resumes after any record without a second MapRunFailed")
    func caughtReaderFailure() async throws {
        let definition = #"""
            {"StartAt": "Each", "States": {
              "Each": {"Type": "Map", "Next": "Done", "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.failure", "Next": "Report"}],
                "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "CSV"}, "Parameters": {"Bucket": "fleet", "Key": "missing.csv"}},
                "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED"}, "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}},
              "Report": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "ResultPath": null, "Next": "Done"},
              "Done": {"Type": "Pass", "End": true}}}
            """#
        let report = await CrashSimulation.run(
            try machine(definition), input: [:],
            makeExecutor: {
                var executor = Self.executor()
                executor.objectStorage = MemoryObjectStorage(objects: ["fleet": [:]])
                return executor
            })
        #expect(report.crashes >= 3)
        #expect(report.mismatches == [])
    }

    @Test("Generated values ($shuffle too) and context times are the first run's on resume; a task with an outcome is not called again")
    func generatedValues() async throws {
        let definition = #"""
            {"StartAt": "Make", "States": {
              "Make": {"Type": "Pass", "Parameters": {"uuid.$": "States.UUID()", "n.$": "States.MathRandom(1, 1000000)", "entered.$": "$$.State.EnteredTime", "start.$": "$$.Execution.StartTime"}, "ResultPath": "$.path", "Next": "More"},
              "More": {"Type": "Pass", "QueryLanguage": "JSONata", "Output": "{% $merge([$states.input, {'jsonata': {'uuid': $uuid(), 'random': $random(), 'now': $now(), 'shuffled': $shuffle([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20])}}]) %}", "Next": "Call"},
              "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "ResultPath": "$.call", "Next": "Again"},
              "Again": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "ResultPath": "$.again", "End": true}}}
            """#
        let store = InMemoryExecutionStore()
        let clock = VirtualClock(start: testEpoch)
        let counter = CallCounter()
        let crashed = Mutex<Execution?>(nil)
        var executor = Executor(
            registry: counter.registry { request, n in
                if request.stateName == "Again", n == 1 {
                    // The process dies while this task runs: nothing more is written.
                    store.crash(afterRecords: 0)
                    crashed.withLock { $0 }?.stop()
                    throw CancellationError()
                }
                return .string("\(request.stateName) \(n)")
            }, clock: clock)
        executor.store = store
        let first = try await executor.start(try machine(definition), name: "gen")
        crashed.withLock { $0 = first }
        #expect(await first.result.status.name == "ABORTED")
        store.crash(afterRecords: nil)
        let before = try store.read("gen")
        #expect(before.closing == nil)
        let made = try #require(before.history.last { $0.kind.name == "PassStateExited" })
        guard case .stateExited(_, "More", let generated, _) = made.kind else {
            Issue.record("no output of More: \(made)")
            return
        }
        clock.advance(by: 3600)
        let result = try await executor.resume("gen").result
        #expect(result.status.name == "SUCCEEDED")
        guard case .object(var expected) = generated else { return }
        expected["call"] = "Call 1"
        expected["again"] = "Again 2"
        #expect(result.output == .object(expected))
        #expect(counter.count("Call") == 1)
        #expect(counter.count("Again") == 2)
        #expect(result.history.filter { $0.kind.name == "TaskSucceeded" }.count == 2)
        #expect(result.history.map(\.id) == Array(1...result.history.count))
    }

    @Test("Mocks answering by invocation number go on counting after a resume")
    func mocksCountReplayedInvocations() async throws {
        let definition = #"""
            {"StartAt": "S", "States": {"S": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
              "Retry": [{"ErrorEquals": ["Busy"], "MaxAttempts": 1, "IntervalSeconds": 10}], "End": true}}}
            """#
        let responses = MockedResponse(name: "BusyOnce", entries: [
            .init(invocations: 0...0, outcome: .throwing(StatesError("Busy", cause: "first"))),
            .init(invocations: 1...1, outcome: .returning(["ok": true])),
        ])
        let store = InMemoryExecutionStore()
        func executor(crashing: Bool) -> Executor {
            var registry = TaskRegistry()
            let mock = MockTaskHandler(mocks: ["S": .response(responses)])
            registry.register(CrashingHandler(inner: mock, crashes: crashing, store: store), for: "*")
            var executor = Executor(registry: registry, clock: VirtualClock(start: testEpoch))
            executor.store = store
            return executor
        }
        // The process dies when the retry starts, after the first attempt's failure was recorded.
        _ = try await executor(crashing: true).start(try machine(definition), name: "mocked").result
        store.crash(afterRecords: nil)
        #expect(try store.read("mocked").closing == nil)
        let resumed = try await executor(crashing: false).resume("mocked").result
        #expect(resumed.status.name == "SUCCEEDED")
        #expect(resumed.output == ["ok": true])
    }
}

extension DurableExecutionTests {
    @Test("A 300-second Wait interrupted after 200 seconds waits 100 seconds more on resume")
    func waitKeepsItsDeadline() async throws {
        let definition = #"{"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 300, "Next": "P"}, "P": {"Type": "Pass", "End": true}}}"#
        let store = InMemoryExecutionStore()
        // The first process waits in real time (so the Wait cannot end before the test stops it), and is
        // gone long before the Wait ends.
        var executor = Executor(clock: SystemClock())
        executor.store = store
        let first = try await executor.start(try machine(definition), name: "waiting")
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, !(try store.read("waiting").records.contains { if case .value(let key, _) = $0 { return key.hasPrefix("/W@1#1") }; return false }) {
            try await Task.sleep(nanoseconds: 1_000_000)
        }
        store.crash(afterRecords: 0)
        first.stop()
        _ = await first.result
        store.crash(afterRecords: nil)
        // 200 seconds after the start, a new process resumes it.
        let started = try store.read("waiting").start.startDate
        executor.clock = VirtualClock(start: started.addingTimeInterval(200))
        let result = try await executor.resume("waiting").result
        #expect(result.status.name == "SUCCEEDED")
        let entered = try #require(result.history.first { $0.kind.name == "WaitStateEntered" })
        let exited = try #require(result.history.first { $0.kind.name == "WaitStateExited" })
        #expect(abs(exited.timestamp.timeIntervalSince(entered.timestamp) - 300) < 0.001)
    }
}

/// Hands calls to a mock; with `crashes`, the retry (attempt 1) "kills the process" instead: nothing
/// more reaches the store.
final class CrashingHandler: TaskHandler {
    let inner: MockTaskHandler
    let crashes: Bool
    let store: InMemoryExecutionStore

    init(inner: MockTaskHandler, crashes: Bool, store: InMemoryExecutionStore) {
        self.inner = inner
        self.crashes = crashes
        self.store = store
    }

    var returnsCallbackResult: Bool { true }

    func replayed(_ request: TaskRequest) { inner.replayed(request) }

    func invoke(_ request: TaskRequest) async throws -> JSONValue {
        if crashes, request.retryCount == 1 {
            store.crash(afterRecords: 0)
            throw StatesError("Killed", cause: "the process died")
        }
        return try await inner.invoke(request)
    }
}
