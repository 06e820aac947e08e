import Foundation
import StatesLanguage
import Synchronization
import Testing

@testable import StatesLanguageAWS

@Suite("GetExecutionHistory events as ExecutionEvent")
struct HistoryEventTests {
    /// A run that produces every modelled family of events: Pass, Choice, Wait, a Task that fails once
    /// and is retried, a Task caught by a Catch, Map and Parallel, Succeed.
    static let definition = #"""
        {"StartAt": "P", "States": {
          "P": {"Type": "Pass", "Result": [1, 2], "ResultPath": "$.items", "Assign": {"seen": true}, "Next": "C"},
          "C": {"Type": "Choice", "Choices": [{"Variable": "$.go", "BooleanEquals": true, "Next": "W"}], "Default": "W"},
          "W": {"Type": "Wait", "Seconds": 5, "Next": "T"},
          "T": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:sns:listTopics", "Parameters": {},
                "Retry": [{"ErrorEquals": ["Boom"], "IntervalSeconds": 1}], "ResultPath": "$.topics", "Next": "Bad"},
          "Bad": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "Parameters": {"Message": "x"},
                  "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "M"}], "Next": "M"},
          "M": {"Type": "Map", "ItemsPath": "$.items", "ItemProcessor": {"StartAt": "I", "States": {
                  "I": {"Type": "Pass", "End": true}}}, "ResultPath": "$.mapped", "Next": "Par"},
          "Par": {"Type": "Parallel", "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Pass", "End": true}}}],
                  "ResultPath": "$.parallel", "Next": "Done"},
          "Done": {"Type": "Succeed"}}}
        """#

    @Test("Every event of a local run reads back from its get-execution-history form")
    func roundTrip() async throws {
        var registry = TaskRegistry()
        let attempts = AttemptCounter()
        registry.register(for: "arn:aws:states:::aws-sdk:sns:listTopics") { _ in
            if attempts.next() == 1 { throw StatesError("Boom", cause: "first try") }
            return ["Topics": []]
        }
        registry.register(for: "arn:aws:states:::sns:publish") { _ in throw StatesError("SNS.NotFoundException") }
        let clock = VirtualClock(start: Date(timeIntervalSince1970: 1_700_000_000))
        let result = await Executor(registry: registry, clock: clock).run(
            try StateMachine(parsing: Self.definition), input: ["go": true])
        #expect(result.succeeded, "\(result.status)")
        let kinds = Set(result.history.map(\.kind.name))
        #expect(kinds.isSuperset(of: ["TaskFailed", "MapIterationStarted", "ParallelStateStarted", "WaitStateExited"]))
        for event in result.history {
            let read = try #require(ExecutionEvent(historyEvent: event.jsonValue), "\(event.kind.name)")
            #expect(read.id == event.id)
            #expect(read.previousEventID == event.previousEventID)
            #expect(read.timestamp == event.timestamp)
            switch event.kind {
            case .mapStateFailed, .mapIterationFailed, .parallelStateFailed:
                // Their error and cause are not part of the API's event details.
                #expect(read.kind.name == event.kind.name)
            default:
                #expect(read.kind == event.kind)
            }
        }
    }

    @Test("Event types the engine does not model give nil; truncated payloads stay text")
    func unmodelled() throws {
        for type in ["ActivityScheduled", "TaskStartFailed", "WaitStateAborted"] {
            #expect(ExecutionEvent(historyEvent: ["type": .string(type), "id": 4, "timestamp": 1_700_000_000]) == nil)
        }
        // Map Runs are modelled (distributed Maps record them).
        let mapRun = ExecutionEvent(historyEvent: [
            "type": "MapRunStarted", "id": 5, "previousEventId": 4, "timestamp": 1_700_000_000,
            "mapRunStartedEventDetails": ["mapRunArn": "arn:aws:states:us-east-1:1:mapRun:m/L:1"],
        ])
        #expect(mapRun?.kind == .mapRunStarted(mapRunARN: "arn:aws:states:us-east-1:1:mapRun:m/L:1"))
        // Redrives are modelled: the execution store keeps them.
        let redriven = ExecutionEvent(historyEvent: [
            "type": "ExecutionRedriven", "id": 9, "previousEventId": 8, "timestamp": 1_700_000_000,
            "executionRedrivenEventDetails": ["redriveCount": 2],
        ])
        #expect(redriven?.kind == .executionRedriven(redriveCount: 2))
        let entered = try #require(
            ExecutionEvent(historyEvent: [
                "type": "TaskStateEntered", "id": 2, "previousEventId": 0, "timestamp": "2026-01-31T12:00:00.250Z",
                "stateEnteredEventDetails": ["name": "Big", "input": #"{"cut": "#, "inputDetails": ["truncated": true]],
            ]))
        #expect(entered.kind == .stateEntered(stateType: "Task", name: "Big", input: #"{"cut": "#))
        #expect(entered.timestamp == Date(timeIntervalSince1970: 1_769_860_800.25))
    }
}

/// Counts a handler's attempts across its invocations.
final class AttemptCounter: Sendable {
    private let count = Mutex(0)
    func next() -> Int {
        count.withLock {
            $0 += 1
            return $0
        }
    }
}
