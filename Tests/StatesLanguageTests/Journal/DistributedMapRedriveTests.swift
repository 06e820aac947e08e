import Foundation
import Testing

@testable import StatesLanguage

@Suite("Redrive of a failed Map Run")
struct DistributedMapRedriveTests {
    let store = InMemoryExecutionStore()
    let world = World()

    var executor: Executor {
        var executor = Executor(registry: world.registry(), clock: VirtualClock(start: testEpoch))
        executor.store = store
        return executor
    }

    static let definition = """
        {"StartAt": "Patch", "States": {"Patch": {"Type": "Map", "MaxConcurrency": 1, "End": true, "Label": "Fleet",
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "Reboot", "States": {"Reboot": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:ec2:rebootInstances", "End": true}}}}}}
        """

    @Test("the redrive runs only the children that failed, keeps the Map Run's ARN and records MapRunRedriven")
    func redriveRunsFailedItemsOnly() async throws {
        let machine = try StateMachine(parsing: Self.definition, name: "machine")
        world.breaks(#"Reboot "i-2""#)
        let first = try await executor.start(machine, input: ["i-1", "i-2", "i-3"], name: "run").result
        #expect(first.status.name == "FAILED")
        #expect(first.error?.name == .exceedToleratedFailureThreshold)
        let firstRun = try #require(first.history.compactMap { event -> String? in
            if case .mapRunStarted(let arn) = event.kind { return arn }
            return nil
        }.first)
        #expect(firstRun.contains(":mapRun:machine/Fleet:"))
        world.repair()
        let callsBefore = world.calls.count
        let second = try await executor.redrive("run").result
        #expect(second.status.name == "SUCCEEDED")
        #expect(second.output == [["from": "Reboot"], ["from": "Reboot"], ["from": "Reboot"]])
        let rerun = Array(world.calls.dropFirst(callsBefore))
        #expect(rerun == [#"Reboot "i-2""#, #"Reboot "i-3""#])
        let redriven = second.history.compactMap { event -> String? in
            if case .mapRunRedriven(let arn, let count) = event.kind, count == 1 { return arn }
            return nil
        }
        #expect(redriven == [firstRun])
        // Each child is an execution of its own in the store: i-1 and i-2 first, i-2 and i-3 on redrive.
        let children = try store.names().filter { $0 != "run" }.map { try store.read($0) }
        #expect(children.count == 4)
        #expect(children.allSatisfy { $0.start.stateMachineName == "machine/Fleet" })
        #expect(children.allSatisfy { $0.start.executionARN.contains(":execution:machine/Fleet:") })
        #expect(children.filter { $0.status == "SUCCEEDED" }.count == 3)
        #expect(children.allSatisfy { $0.history.map(\.kind.name).contains("TaskScheduled") })
        let kept = try store.read("run").mapRuns
        #expect(kept.count == 1)
        #expect(kept.first?["mapRunArn"]?.stringValue == firstRun)
        #expect(kept.first?["status"] == "SUCCEEDED")
        #expect(kept.first?["itemCounts"]?["succeeded"] == 3)
    }
}
