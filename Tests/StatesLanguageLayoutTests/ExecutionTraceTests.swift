import StatesLanguage
import StatesLanguageLayout
import StatesLanguageTesting
import Testing

@Suite("Execution trace from history events")
struct ExecutionTraceTests {
    static let fanOut = """
        {"StartAt": "Fan", "States": {
          "Fan": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 0, "Next": "Finish",
            "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Never"}],
            "ItemProcessor": {"StartAt": "Work", "States": {
              "Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "Retry": [{"ErrorEquals": ["Flaky"], "IntervalSeconds": 3, "MaxAttempts": 2, "BackoffRate": 1}],
                "Catch": [{"ErrorEquals": ["Custom"], "Next": "Recover"}], "Next": "Pause"},
              "Pause": {"Type": "Wait", "Seconds": 10, "End": true},
              "Recover": {"Type": "Pass", "End": true}}}},
          "Finish": {"Type": "Succeed"},
          "Never": {"Type": "Pass", "End": true}}}
        """

    /// Item 1 fails with Custom (caught), item 2 fails once and succeeds on the retry.
    static func runFanOut() async throws -> ExecutionResult {
        let harness = WorkflowHarness(machine: try StateMachine(parsing: fanOut, name: "fan"))
        harness.mock("Work") { request in
            let n = request.input["n"]?.intValue ?? 0
            if n == 1 { throw StatesError("Custom", cause: "item one </script><b>") }
            if n == 2, request.retryCount == 0 { throw StatesError("Flaky", cause: "flaky") }
            return ["done": .integer(n)]
        }
        return await harness.run(input: ["items": [["n": 0], ["n": 1], ["n": 2]]])
    }

    @Test("Statuses, Map iteration counts, retries and catches")
    func statuses() async throws {
        let result = try await Self.runFanOut()
        #expect(result.succeeded)
        let trace = ExecutionTrace(events: result.history)
        #expect(trace.executionStatus == "SUCCEEDED")
        #expect(trace.status(ofState: "Fan") == .succeeded)
        #expect(trace.status(ofState: "Work") == .caught)
        #expect(trace.status(ofState: "Recover") == .succeeded)
        #expect(trace.status(ofState: "Never") == .notReached)
        let fan = try #require(trace.visits(ofState: "Fan").first)
        #expect(fan.iterations == ExecutionTrace.IterationCounts(length: 3, started: 3, succeeded: 3))
        let work = trace.visits(ofState: "Work").sorted { $0.iteration.lexicographicallyPrecedes($1.iteration) }
        #expect(work.map(\.iteration) == [[0], [1], [2]])
        #expect(work.map(\.status) == [.succeeded, .caught, .succeeded])
        #expect(work[1].error == "Custom")
        #expect(work[1].cause == "item one </script><b>")
        #expect(work[2].retries == 1)
        #expect(work[2].attempts.first?.error == "Flaky")
        #expect(work.allSatisfy { $0.parent.map { trace.visits[$0].name } == "Fan" })
        let pause = trace.visits(ofState: "Pause")
        #expect(pause.count == 2)
        #expect(pause.allSatisfy { $0.exited!.timeIntervalSince($0.entered) == 10 })
        #expect(trace.steps.contains(.init(from: "Work", to: "Recover", isCatch: true)))
        #expect(trace.steps.contains(.init(from: "Fan", to: "Finish", isCatch: false)))
        let diagram = WorkflowDiagram(try StateMachine(parsing: Self.fanOut), trace: trace)
        let fanNode = try #require(diagram.allNodes.first { $0.name == "Fan" })
        #expect(fanNode.runs == "3 items: 3 succeeded")
        #expect(diagram.allNodes.first { $0.name == "Work" }?.runs == "3 runs, 1 retry")
    }

    @Test("A failed execution: the failing state is failed, siblings cancelled, later states not reached")
    func failure() async throws {
        let machine = try StateMachine(
            parsing: """
                {"StartAt": "Both", "States": {
                  "Both": {"Type": "Parallel", "Next": "After", "Branches": [
                    {"StartAt": "Slow", "States": {"Slow": {"Type": "Wait", "Seconds": 100, "End": true}}},
                    {"StartAt": "Boom", "States": {"Boom": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}]},
                  "After": {"Type": "Pass", "End": true}}}
                """)
        let harness = WorkflowHarness(machine: machine)
        harness.mock("Boom", throwing: StatesError("Kaput", cause: "no"))
        let result = await harness.run()
        let trace = ExecutionTrace(events: result.history)
        #expect(trace.executionStatus == "FAILED")
        #expect(trace.error == "Kaput")
        #expect(trace.status(ofState: "Boom") == .failed)
        #expect(trace.status(ofState: "Both") == .failed)
        #expect(trace.status(ofState: "Slow") == .cancelled)
        #expect(trace.status(ofState: "After") == .notReached)
    }

    @Test("A history cut short leaves the running state in progress")
    func inProgress() async throws {
        let result = try await Self.runFanOut()
        let cut = result.history.prefix { if case .stateEntered(_, "Pause", _) = $0.kind { return false } else { return true } }
        let entered = result.history.first { if case .stateEntered(_, "Pause", _) = $0.kind { return true } else { return false } }!
        let trace = ExecutionTrace(events: Array(cut) + [entered])
        #expect(trace.executionStatus == "RUNNING")
        #expect(trace.status(ofState: "Pause") == .inProgress)
        #expect(trace.status(ofState: "Fan") == .inProgress)
    }
}
