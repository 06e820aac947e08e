import Testing

@testable import StatesLanguage

@Suite("Executor reuse")
struct ExecutorReuseTests {
    @Test("One executor and one virtual clock serve several executions in a row")
    func twoRuns() async throws {
        let attempts = CallLog<Int>()
        var registry = TaskRegistry()
        registry.register(for: "arn:aws:states:::lambda:invoke") { request in
            attempts.append(request.retryCount)
            if request.retryCount == 0 { throw StatesError("Flaky") }
            return ["ok": true]
        }
        let executor = Executor(registry: registry, clock: VirtualClock(start: testEpoch))
        let machine = try machine(
            #"""
            {"StartAt": "Call", "States": {
              "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
                "Retry": [{"ErrorEquals": ["Flaky"], "IntervalSeconds": 5, "MaxAttempts": 3}],
                "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}]},
              "Caught": {"Type": "Pass", "End": true}}}
            """#)
        let first = await executor.run(machine)
        let second = await executor.run(machine)
        #expect(first.output == ["ok": true])
        #expect(second.output == ["ok": true])
        #expect(second.startDate.timeIntervalSince(testEpoch) == 5)
    }
}
