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
}
