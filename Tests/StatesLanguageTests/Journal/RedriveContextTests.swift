import Foundation
import Synchronization
import Testing

@testable import StatesLanguage

/// Whether tasks given `"item": 2` fail, and every task's parameters, in call order.
final class TaskLog: Sendable {
    let broken = Mutex(true)
    let calls = Mutex<[String]>([])
    /// The execution to stop when the simulated crash happens.
    let running = Mutex<Execution?>(nil)
}

/// What a replay serves keeps the context it ran with: a redrive changes `$$.Execution.RedriveCount`
/// and `RedriveTime` only for what runs again, and a resume changes no context value.
@Suite("Redrive and resume keep the context of what they do not run again")
struct RedriveContextTests {
    let store = InMemoryExecutionStore()
    let clock = VirtualClock(start: testEpoch)
    let log = TaskLog()

    var executor: Executor {
        var registry = TaskRegistry()
        registry.register(for: "*") { [log] request in
            log.calls.withLock { $0.append("\(request.stateName) \(request.input.jsonString())") }
            if request.input["item"] == 2, log.broken.withLock({ $0 }) { throw StatesError("Broken", cause: "item 2") }
            return request.input
        }
        var executor = Executor(registry: registry, clock: clock)
        executor.store = store
        return executor
    }

    /// Runs `definition` (failing), repairs the tasks and redrives it; returns the redrive's result.
    func failThenRedrive(_ definition: String, input: JSONValue) async throws -> ExecutionResult {
        let machine = try StateMachine(parsing: definition, name: "machine")
        let failed = try await executor.start(machine, input: input, name: "run").result
        #expect(failed.status.name == "FAILED")
        log.broken.withLock { $0 = false }
        clock.advance(by: 60)
        return try await executor.redrive("run").result
    }

    /// The names of the history's events after the last `ExecutionRedriven`, with the entered states' names.
    func eventsAfterRedrive(_ result: ExecutionResult) -> [String] {
        let redriven = result.history.lastIndex { $0.kind.name == "ExecutionRedriven" } ?? result.history.endIndex
        return result.history[redriven...].dropFirst().map { event in
            switch event.kind {
            case .mapIterationSucceeded(_, let index), .mapIterationStarted(_, let index): "\(event.kind.name) \(index)"
            case .stateEntered(_, let name, _), .stateExited(_, let name, _, _): "\(event.kind.name) \(name)"
            default: event.kind.name
            }
        }
    }

    /// Checks that after the last redrive one task ran again, and `untouched` (an event and a state or
    /// iteration) was not recorded again.
    func expectOneTaskRunAgain(_ result: ExecutionResult, untouched: String) {
        let after = eventsAfterRedrive(result)
        #expect(!after.contains(untouched))
        #expect(after.filter { $0 == "TaskScheduled" }.count == 1)
    }

    @Test("A succeeded Map iteration that read RedriveCount is not replayed into new events; the redriven one sees 1")
    func mapIteration() async throws {
        let definition = #"""
            {"StartAt": "Each", "States": {"Each": {"Type": "Map", "MaxConcurrency": 1, "ItemsPath": "$.items", "End": true,
              "ItemSelector": {"item.$": "$$.Map.Item.Value", "selected.$": "$$.Execution.RedriveCount"},
              "ItemProcessor": {"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"item.$": "$.item", "selected.$": "$.selected", "rc.$": "$$.Execution.RedriveCount"}, "End": true}}}}}}
            """#
        let redriven = try await failThenRedrive(definition, input: ["items": [1, 2]])
        #expect(redriven.status.name == "SUCCEEDED")
        #expect(
            log.calls.withLock { $0 } == [
                #"Work {"item":1,"selected":0,"rc":0}"#, #"Work {"item":2,"selected":0,"rc":0}"#,
                #"Work {"item":2,"selected":1,"rc":1}"#,
            ])
        #expect(redriven.output == [["item": 1, "selected": 0, "rc": 0], ["item": 2, "selected": 1, "rc": 1]])
        expectOneTaskRunAgain(redriven, untouched: "MapIterationSucceeded 0")
    }

    @Test("A succeeded Map iteration of Choice and Pass states alone, whose ItemSelector read RedriveCount, writes no new events")
    func pureMapIteration() async throws {
        let definition = #"""
            {"StartAt": "Each", "States": {"Each": {"Type": "Map", "MaxConcurrency": 1, "ItemsPath": "$.items", "End": true,
              "ItemSelector": {"item.$": "$$.Map.Item.Value", "rc.$": "$$.Execution.RedriveCount"},
              "ItemProcessor": {"StartAt": "Route", "States": {
                "Route": {"Type": "Choice", "Choices": [{"Variable": "$.item", "NumericEquals": 1, "Next": "Skip"}], "Default": "Work"},
                "Skip": {"Type": "Pass", "End": true},
                "Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}}}}
            """#
        let redriven = try await failThenRedrive(definition, input: ["items": [1, 2]])
        #expect(redriven.status.name == "SUCCEEDED")
        #expect(redriven.output == [["item": 1, "rc": 0], ["item": 2, "rc": 1]])
        let after = eventsAfterRedrive(redriven)
        #expect(!after.contains("PassStateEntered Skip"))
        #expect(!after.contains("MapIterationSucceeded 0"))
        #expect(after.filter { $0 == "ChoiceStateEntered Route" }.count == 1)
    }

    @Test("A succeeded Parallel branch that read RedriveCount and RedriveTime keeps its events and result")
    func parallelBranch() async throws {
        let definition = #"""
            {"StartAt": "Both", "States": {"Both": {"Type": "Parallel", "End": true, "Branches": [
              {"StartAt": "Left", "States": {"Left": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"rc.$": "$$.Execution.RedriveCount", "at.$": "$$.State.EnteredTime"}, "End": true}}},
              {"StartAt": "Note", "States": {
                "Note": {"Type": "Pass", "Parameters": {"rc.$": "$$.Execution.RedriveCount"}, "Next": "Right"},
                "Right": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                  "Parameters": {"item": 2, "rc.$": "$$.Execution.RedriveCount", "time.$": "$$.Execution.RedriveTime"}, "End": true}}}]}}}
            """#
        let redriven = try await failThenRedrive(definition, input: [:])
        #expect(redriven.status.name == "SUCCEEDED")
        let leftCalls = log.calls.withLock { $0.filter { $0.hasPrefix("Left") } }
        #expect(leftCalls.count == 1)
        #expect(redriven.output?[0]?["rc"] == 0)
        #expect(redriven.output?[1] == ["item": 2, "rc": 1, "time": "2026-01-01T00:01:00.000Z"])
        expectOneTaskRunAgain(redriven, untouched: "TaskStateExited Left")
    }

    @Test("A succeeded Task before the failed state keeps the RedriveCount it saw")
    func taskBeforeFailure() async throws {
        let definition = #"""
            {"StartAt": "First", "States": {
              "First": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"rc.$": "$$.Execution.RedriveCount"}, "ResultPath": "$.first", "Next": "Second"},
              "Second": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"item": 2, "rc.$": "$$.Execution.RedriveCount"}, "ResultPath": "$.second", "End": true}}}
            """#
        let redriven = try await failThenRedrive(definition, input: [:])
        #expect(redriven.status.name == "SUCCEEDED")
        #expect(redriven.output == ["first": ["rc": 0], "second": ["item": 2, "rc": 1]])
        expectOneTaskRunAgain(redriven, untouched: "TaskStateExited First")
    }

    @Test("A second redrive replays what the first one ran with the first one's RedriveCount")
    func secondRedrive() async throws {
        let definition = #"""
            {"StartAt": "Each", "States": {"Each": {"Type": "Map", "MaxConcurrency": 1, "ItemsPath": "$.items", "End": true,
              "ItemProcessor": {"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"item.$": "$", "rc.$": "$$.Execution.RedriveCount"}, "End": true}}}}}}
            """#
        // Item 2 fails in the first run; item 3 in the first redrive.
        let machine = try StateMachine(parsing: definition, name: "machine")
        var registry = TaskRegistry()
        registry.register(for: "*") { request in
            if request.input["item"]?.intValue == 2 + (request.input["rc"]?.intValue ?? 0) {
                throw StatesError("Broken", cause: "later")
            }
            return request.input
        }
        var executor = Executor(registry: registry, clock: clock)
        executor.store = store
        #expect(try await executor.start(machine, input: ["items": [1, 2, 3]], name: "run").result.status.name == "FAILED")
        #expect(try await executor.redrive("run").result.status.name == "FAILED")
        let second = try await executor.redrive("run").result
        #expect(second.status.name == "SUCCEEDED")
        #expect(second.output == [["item": 1, "rc": 0], ["item": 2, "rc": 1], ["item": 3, "rc": 2]])
        #expect(eventsAfterRedrive(second).filter { $0 == "TaskScheduled" }.count == 1)
    }

    @Test("A resume later than the crash keeps the entered times a Map iteration's task read")
    func resumeKeepsEnteredTime() async throws {
        let definition = #"""
            {"StartAt": "Each", "States": {"Each": {"Type": "Map", "MaxConcurrency": 1, "ItemsPath": "$.items", "End": true,
              "ItemProcessor": {"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"item.$": "$", "at.$": "$$.State.EnteredTime"}, "Next": "Rest"},
                "Rest": {"Type": "Wait", "Seconds": 10, "End": true}}}}}}
            """#
        log.broken.withLock { $0 = false }
        let machine = try StateMachine(parsing: definition, name: "machine")
        // An uninterrupted run says after which record the second iteration's Wait begins.
        let rehearsal = InMemoryExecutionStore()
        var uninterrupted = executor
        uninterrupted.store = rehearsal
        uninterrupted.clock = VirtualClock(start: testEpoch)
        _ = try await uninterrupted.start(machine, input: ["items": [1, 2]], name: "run").result
        let records = try rehearsal.read("run").records
        let waiting = try #require(records.firstIndex { $0.key?.contains("[1]/Rest@1#") == true })
        log.calls.withLock { $0 = [] }
        // The process dies there, an hour before the resume.
        store.crash(afterRecords: waiting + 1) { [log] in log.running.withLock { $0?.stop() } }
        let first = try await executor.start(machine, input: ["items": [1, 2]], name: "run")
        log.running.withLock { $0 = first }
        if store.hasCrashed { first.stop() }
        _ = await first.result
        store.crash(afterRecords: nil)
        #expect(try store.read("run").closing == nil)
        clock.advance(by: 3600)
        let resumed = try await executor.resume("run").result
        #expect(resumed.status.name == "SUCCEEDED")
        #expect(log.calls.withLock { $0.count } == 2)
        #expect(resumed.history.filter { $0.kind.name == "TaskScheduled" }.count == 2)
        #expect(resumed.output?[1]?["at"] == "2026-01-01T00:00:10.000Z")
    }
}
