import Foundation
import Synchronization
import Testing

@testable import StatesLanguage

/// Flags a test flips between the first run and the redrive, and the calls per state and input.
final class World: Sendable {
    private let state = Mutex<(broken: Set<String>, calls: [String])>(([], []))

    func breaks(_ what: String) { state.withLock { _ = $0.broken.insert(what) } }
    func repair() { state.withLock { $0.broken = [] } }
    func isBroken(_ what: String) -> Bool { state.withLock { $0.broken.contains(what) } }
    func called(_ call: String) { state.withLock { $0.calls.append(call) } }
    var calls: [String] { state.withLock { $0.calls } }

    /// Tasks that log `State input` and fail while `State` or `State input` is broken.
    func registry() -> TaskRegistry {
        var registry = TaskRegistry()
        registry.register(for: "*") { request in
            let call = "\(request.stateName) \(request.input.jsonString())"
            self.called(call)
            if self.isBroken(request.stateName) || self.isBroken(call) {
                throw StatesError("Broken", cause: "\(call) is broken")
            }
            return ["from": .string(request.stateName)]
        }
        return registry
    }
}

@Suite("Redrive (RedriveExecution)")
struct RedriveTests {
    let store = InMemoryExecutionStore()
    let world = World()
    let clock = VirtualClock(start: testEpoch)

    var executor: Executor {
        var executor = Executor(registry: world.registry(), clock: clock)
        executor.store = store
        return executor
    }

    func first(_ definition: String, input: JSONValue = [:], name: String = "run", type: StateMachineType = .standard)
        async throws -> ExecutionResult
    {
        let machine = try StateMachine(parsing: definition, name: "machine", type: type)
        return try await executor.start(machine, input: input, name: name).result
    }

    func redrive(_ name: String = "run") async throws -> ExecutionResult {
        try await executor.redrive(name).result
    }

    func refusal(_ name: String = "run") async -> String? {
        do {
            _ = try await executor.redrive(name)
            return nil
        } catch {
            guard case .notRedrivable(let reason) = error else { return "\(error)" }
            return reason
        }
    }

    static let chain = #"""
        {"StartAt": "A", "States": {
          "A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "ResultPath": "$.a", "Next": "B"},
          "B": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "ResultPath": "$.b",
            "Retry": [{"ErrorEquals": ["Broken"], "MaxAttempts": 1, "IntervalSeconds": 1}], "Next": "C"},
          "C": {"Type": "Pass", "Parameters": {"count.$": "$$.Execution.RedriveCount", "time.$": "$$.Execution.RedriveTime", "b.$": "$.b"}, "End": true}}}
        """#

    @Test("A SUCCEEDED or RUNNING execution, an Express one and one ended over 14 days ago are refused in AWS's words")
    func refusals() async throws {
        let plain = #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#
        #expect(try await first(plain, name: "fine").status.name == "SUCCEEDED")
        #expect(await refusal("fine") == "Execution is SUCCEEDED and cannot be redriven")

        world.breaks("B")
        _ = try await first(Self.chain, name: "express", type: .express)
        #expect(await refusal("express") == "This API action is not supported by EXPRESS state machines.")

        _ = try await first(Self.chain, name: "old")
        clock.advance(by: 15 * 24 * 3600)
        #expect(await refusal("old") == "Execution redrivable period exceeded")

        // A running execution holds its lock.
        let hanging = #"{"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 100000, "End": true}}}"#
        let machine = try StateMachine(parsing: hanging, name: "machine")
        let running = try await executor.start(machine, name: "running")
        #expect(await refusal("running") == "Execution is RUNNING and cannot be redriven")
        running.stop()
        _ = await running.result
        #expect(await refusal("running") == nil)
    }

    @Test("FAILED, TIMED_OUT and ABORTED executions are redriven")
    func redrivable() async throws {
        world.breaks("B")
        #expect(try await first(Self.chain, name: "failed").status.name == "FAILED")
        // The redrive gets 5 s again and the Wait keeps its first deadline, 3 s after the redrive: the two
        // never tie, so the Wait ends first on the virtual clock.
        let timing = #"{"TimeoutSeconds": 5, "StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 8, "End": true}}}"#
        #expect(try await first(timing, name: "timedOut").status.name == "TIMED_OUT")
        let waiting = #"{"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 10, "End": true}}}"#
        let machine = try StateMachine(parsing: waiting, name: "machine")
        let aborted = try await executor.start(machine, name: "aborted")
        aborted.stop(error: "Operator", cause: "by hand")
        #expect(await aborted.result.status.name == "ABORTED")
        world.repair()
        for name in ["failed", "timedOut", "aborted"] {
            #expect(try await redrive(name).status.name == "SUCCEEDED", "\(name)")
            #expect(try store.read(name).status == "SUCCEEDED")
        }
    }

    @Test("The run restarts at the failed state with its original input; succeeded states do not run again; retries start over")
    func restartsAtFailure() async throws {
        world.breaks("B")
        let failed = try await first(Self.chain, input: ["x": 1])
        #expect(failed.status.name == "FAILED")
        #expect(world.calls == [#"A {"x":1}"#, #"B {"x":1,"a":{"from":"A"}}"#, #"B {"x":1,"a":{"from":"A"}}"#])
        world.repair()
        let redriven = try await redrive()
        #expect(redriven.status.name == "SUCCEEDED")
        // A is not called again; B gets the input it had, from its first attempt on.
        #expect(world.calls.dropFirst(3) == [#"B {"x":1,"a":{"from":"A"}}"#])
        #expect(redriven.output?["count"] == 1)
        #expect(redriven.output?["time"] == .string(Timestamp.format(try #require(try store.read("run").redriveDate))))
    }

    @Test("RedriveCount, the ExecutionRedriven event and describe's redriveCount and redriveStatus")
    func bookkeeping() async throws {
        world.breaks("B")
        _ = try await first(Self.chain)
        #expect(try store.read("run").describeJSON(now: clock.now)["redriveStatus"] == "REDRIVABLE")
        #expect(try store.read("run").describeJSON(now: clock.now)["redriveCount"] == 0)
        let again = try await redrive()
        #expect(again.status.name == "FAILED")
        world.repair()
        let third = try await redrive()
        #expect(third.output?["count"] == 2)
        let history = third.history
        let redriven = history.filter { $0.kind.name == "ExecutionRedriven" }.map(\.kind)
        #expect(redriven == [.executionRedriven(redriveCount: 1), .executionRedriven(redriveCount: 2)])
        // The history keeps both failures, then the redrives' events.
        #expect(history.filter { $0.kind.name == "ExecutionFailed" }.count == 2)
        #expect(history.last?.kind.name == "ExecutionSucceeded")
        #expect(history.map(\.id) == Array(1...history.count))
        let description = try store.read("run").describeJSON(now: clock.now)
        #expect(description["redriveCount"] == 2)
        #expect(description["redriveStatus"] == "NOT_REDRIVABLE")
        #expect(description["redriveStatusReason"] == "Execution is SUCCEEDED and cannot be redriven")
    }

    @Test("A Map redrives only the iterations that did not succeed")
    func mapIterations() async throws {
        let definition = #"""
            {"StartAt": "Each", "States": {"Each": {"Type": "Map", "MaxConcurrency": 1, "End": true,
              "ItemProcessor": {"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}}}}
            """#
        world.breaks("Work 3")
        let failed = try await first(definition, input: [1, 2, 3, 4, 5])
        #expect(failed.status.name == "FAILED")
        #expect(world.calls == ["Work 1", "Work 2", "Work 3"])
        world.repair()
        let redriven = try await redrive()
        #expect(redriven.status.name == "SUCCEEDED")
        #expect(world.calls.dropFirst(3) == ["Work 3", "Work 4", "Work 5"])
        #expect(redriven.output == .array(Array(repeating: ["from": "Work"], count: 5)))
    }

    @Test("A Parallel redrives only the branches that did not succeed")
    func parallelBranches() async throws {
        let definition = #"""
            {"StartAt": "Both", "States": {"Both": {"Type": "Parallel", "End": true, "Branches": [
              {"StartAt": "Left", "States": {"Left": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}},
              {"StartAt": "Right", "States": {"Right": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}]}}}
            """#
        world.breaks("Right")
        #expect(try await first(definition).status.name == "FAILED")
        #expect(world.calls.filter { $0.hasPrefix("Left") }.count == 1)
        world.repair()
        let redriven = try await redrive()
        #expect(redriven.status.name == "SUCCEEDED")
        #expect(world.calls.filter { $0.hasPrefix("Left") }.count == 1)
        #expect(world.calls.filter { $0.hasPrefix("Right") }.count == 2)
    }

    @Test("An error a Catch handled is not run again: the state that failed the execution is")
    func caughtErrorsStay() async throws {
        let definition = #"""
            {"StartAt": "Try", "States": {
              "Try": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Report"}], "Next": "Done"},
              "Report": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true},
              "Done": {"Type": "Succeed"}}}
            """#
        world.breaks("Try")
        world.breaks("Report")
        #expect(try await first(definition).status.name == "FAILED")
        world.repair()
        let redriven = try await redrive()
        #expect(redriven.status.name == "SUCCEEDED")
        #expect(world.calls.map { $0.split(separator: " ")[0] } == ["Try", "Report", "Report"])
    }

    @Test("A second redrive does not run again what the first one fixed")
    func secondRedrive() async throws {
        let definition = #"""
            {"StartAt": "B", "States": {
              "B": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "ResultPath": "$.b", "Next": "C"},
              "C": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "ResultPath": "$.c", "End": true}}}
            """#
        world.breaks("B")
        #expect(try await first(definition).status.name == "FAILED")
        world.repair()
        world.breaks("C")
        #expect(try await redrive().status.name == "FAILED")
        world.repair()
        #expect(try await redrive().status.name == "SUCCEEDED")
        #expect(world.calls.map { String($0.split(separator: " ")[0]) } == ["B", "B", "C", "C"])
    }

    @Test("A redrive interrupted by a crash resumes as that redrive: the failed state runs again")
    func resumedRedrive() async throws {
        world.breaks("B")
        #expect(try await first(Self.chain).status.name == "FAILED")
        world.repair()
        // The redrive's process dies as soon as it has written its marker.
        store.crash(afterRecords: 1)
        let redrive = try await executor.redrive("run")
        redrive.stop()
        _ = await redrive.result
        store.crash(afterRecords: nil)
        #expect(try store.read("run").closing == nil)
        let resumed = try await executor.resume("run").result
        #expect(resumed.status.name == "SUCCEEDED")
        #expect(resumed.output?["count"] == 1)
    }
}
