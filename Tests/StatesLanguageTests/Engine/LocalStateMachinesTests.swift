import Testing

@testable import StatesLanguage

@Suite("states:startExecution with local state machines")
struct LocalStateMachinesTests {
    static let child = """
        {"StartAt": "Work", "States": {
          "Work": {"Type": "Wait", "Seconds": 60, "Next": "Check"},
          "Check": {"Type": "Choice", "Choices": [{"Variable": "$.fail", "BooleanEquals": true, "Next": "Boom"}], "Default": "Done"},
          "Boom": {"Type": "Fail", "Error": "Child.Failed", "Cause": "asked to fail"},
          "Done": {"Type": "Pass", "Parameters": {"doubled.$": "States.MathAdd($.n, $.n)"}, "End": true}}}
        """

    static func parent(_ suffix: String) -> String {
        #"""
        {"StartAt": "Run", "States": {"Run": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution\#(suffix)",
          "Parameters": {"StateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:child",
                         "Input": {"n.$": "$.n", "fail.$": "$.fail"}}, "End": true}}}
        """#
    }

    static func registry() throws -> TaskRegistry {
        var registry = TaskRegistry()
        registry.registerLocalStateMachines(["child": try StateMachine(parsing: child)])
        return registry
    }

    @Test(".sync:2 runs the child locally, on the parent's clock, and returns its output as JSON")
    func syncJSON() async throws {
        let result = try await run(Self.parent(".sync:2"), input: ["n": 21, "fail": false], registry: try Self.registry())
        #expect(result.output?["Status"] == "SUCCEEDED")
        #expect(result.output?["Output"] == ["doubled": 42])
        #expect(result.stopDate.timeIntervalSince(testEpoch) == 60)
    }

    @Test(".sync returns the output as text; request-response returns the execution ARN at once")
    func otherPatterns() async throws {
        let sync = try await run(Self.parent(".sync"), input: ["n": 1, "fail": false], registry: try Self.registry())
        #expect(sync.output?["Output"] == #"{"doubled":2}"#)
        let started = try await run(Self.parent(""), input: ["n": 1, "fail": false], registry: try Self.registry())
        #expect(started.output?["ExecutionArn"]?.stringValue?.contains(":execution:child:") == true)
    }

    @Test("A failed child fails the task with States.TaskFailed and the child's error in the cause")
    func childFails() async throws {
        let result = try await run(Self.parent(".sync:2"), input: ["n": 1, "fail": true], registry: try Self.registry())
        #expect(result.error?.name == .taskFailed)
        #expect(result.error?.cause?.contains(#""Error":"Child.Failed""#) == true)
    }

    @Test("An ARN naming no local machine is a clear error")
    func unknown() async throws {
        var registry = TaskRegistry()
        registry.registerLocalStateMachines([:])
        let result = try await run(Self.parent(".sync:2"), input: ["n": 1, "fail": false], registry: registry)
        #expect(result.error?.cause == "No local state machine is named 'child' (from StateMachineArn 'arn:aws:states:us-east-1:123456789012:stateMachine:child').")
    }
}
