import Foundation
import Testing

@testable import StatesLanguage

@Suite("JSONata errors: States.QueryEvaluationError, EvaluationFailed, catchers and $states")
struct QueryErrorTests {
    static let sns = "arn:aws:states:::sns:publish"

    static func failingOutput(catch errorEquals: String) -> String {
        #"""
        {"QueryLanguage": "JSONata", "StartAt": "T", "States": {
          "T": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
            "Output": "{% $states.result.missing %}",
            "Catch": [{"ErrorEquals": [\#(errorEquals)], "Next": "Caught",
              "Output": {"error": "{% $states.errorOutput.Error %}", "input": "{% $states.input %}"},
              "Assign": {"why": "{% $states.errorOutput.Cause %}"}}],
            "End": true},
          "Caught": {"Type": "Pass", "Output": {"caught": "{% $states.input %}", "why": "{% $why %}"}, "End": true}}}
        """#
    }

    static var registry: TaskRegistry {
        var registry = TaskRegistry()
        registry.register(for: sns) { _ in ["ok": true] }
        return registry
    }

    @Test("States.ALL catches a failed expression; the catcher's Output and Assign see $states.errorOutput")
    func caughtByAll() async throws {
        let result = try await run(Self.failingOutput(catch: #""States.ALL""#), input: ["k": 1], registry: Self.registry)
        let cause =
            "An error occurred while executing the state 'T' (entered at the event id #2). The JSONata expression '$states.result.missing' specified for the field 'Output' returned nothing (undefined)."
        #expect(result.output == [
            "caught": ["error": "States.QueryEvaluationError", "input": ["k": 1]], "why": .string(cause),
        ])
        #expect(eventNames(result) == [
            "ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded", "EvaluationFailed",
            "TaskStateExited", "PassStateEntered", "PassStateExited", "ExecutionSucceeded",
        ])
        let exited = try #require(result.history.first { $0.kind.name == "TaskStateExited" })
        #expect(exited.jsonValue["stateExitedEventDetails"]?["assignedVariables"] == ["why": .string(cause.jsonTextLiteral)])
    }

    @Test("The exact name catches it too, but States.TaskFailed does not")
    func taskFailedDoesNotCatch() async throws {
        let exact = try await run(
            Self.failingOutput(catch: #""States.QueryEvaluationError""#), registry: Self.registry)
        #expect(exact.status.name == "SUCCEEDED")
        let taskFailed = try await run(Self.failingOutput(catch: #""States.TaskFailed""#), registry: Self.registry)
        #expect(taskFailed.error?.name == .queryEvaluationError)
        #expect(eventNames(taskFailed).suffix(2) == ["EvaluationFailed", "ExecutionFailed"])
    }

    @Test("Reading a variable never assigned compiles (with a warning) and fails at run time, as AWS records")
    func undefinedVariable() async throws {
        let definition = #"""
            {"QueryLanguage": "JSONata", "StartAt": "State0", "States": {
              "State0": {"Type": "Pass", "Next": "State1"},
              "State1": {"Type": "Pass", "Output": {"result": "{% $doesNotExist %}"}, "End": true}}}
            """#
        #expect(allDiagnostics(definition).map(\.severity) == [.warning])
        let result = try await run(definition)
        let cause =
            "An error occurred while executing the state 'State1' (entered at the event id #4). The JSONata expression '$doesNotExist' specified for the field 'Output/result' returned nothing (undefined)."
        #expect(result.error == StatesError(.queryEvaluationError, cause: cause))
        // AWS: EvaluationFailed follows the event before the state's entered event.
        let ids = result.history.map { "\($0.id)<\($0.previousEventID) \($0.kind.name)" }
        #expect(ids == [
            "1<0 ExecutionStarted", "2<0 PassStateEntered", "3<2 PassStateExited", "4<3 PassStateEntered",
            "5<3 EvaluationFailed", "6<5 ExecutionFailed",
        ])
        let failed = try #require(result.history.first { $0.kind.name == "EvaluationFailed" })
        #expect(failed.jsonValue["evaluationFailedEventDetails"] == [
            "error": "States.QueryEvaluationError", "cause": .string(cause), "location": "Output/result", "state": "State1",
        ])
    }

    @Test("A JSONata evaluation error (not just undefined) is a QueryEvaluationError with the JSONata code")
    func evaluationError() async throws {
        let result = try await run(
            #"""
            {"QueryLanguage": "JSONata", "StartAt": "P", "States": {"P": {"Type": "Pass",
              "Output": "{% $states.input.s + 1 %}", "End": true}}}
            """#, input: ["s": "text"])
        #expect(result.error?.name == .queryEvaluationError)
        #expect(result.error?.cause?.contains("specified for the field 'Output' threw an error during evaluation. T2001") == true)
    }

    @Test(
        "$states.result and $states.errorOutput only where AWS makes them available",
        arguments: [
            (#""Arguments": {"a": "{% $states.result %}"}"#, "States.S.Arguments.a", "$states.result"),
            (#""TimeoutSeconds": "{% $states.result.t %}""#, "States.S.TimeoutSeconds", "$states.result"),
            (#""Output": "{% $states.errorOutput %}""#, "States.S.Output", "$states.errorOutput"),
            (#""Assign": {"x": "{% $states.errorOutput %}"}"#, "States.S.Assign.x", "$states.errorOutput"),
            (#""Catch": [{"ErrorEquals": ["States.ALL"], "Next": "S", "Output": "{% $states.result %}"}]"#, "States.S.Catch[0].Output", "$states.result"),
        ] as [(String, String, String)])
    func statesAvailability(field: String, path: String, member: String) {
        let found = diagnostics(
            #"{"QueryLanguage": "JSONata", "StartAt": "S", "States": {"S": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", FIELD, "End": true}}}"#
                .replacingOccurrences(of: "FIELD", with: field))
        #expect(found.map(\.path.description) == [path])
        #expect(found.first?.message.hasPrefix("\(member) is not available here") == true)
    }

    @Test("$states.result in a Pass state's Output is rejected; $states.input and context are fine everywhere")
    func passHasNoResult() {
        #expect(diagnostics(
            #"{"QueryLanguage": "JSONata", "StartAt": "S", "States": {"S": {"Type": "Pass", "Output": "{% $states.result %}", "End": true}}}"#
        ).count == 1)
        #expect(diagnostics(
            #"{"QueryLanguage": "JSONata", "StartAt": "S", "States": {"S": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "Arguments": {"i": "{% $states.input %}", "c": "{% $states.context.State.Name %}"}, "Output": "{% $states.result %}", "End": true}}}"#
        ) == [])
    }

    @Test("'$$' is refused in JSONata expressions, as AWS does; inside a string it is text")
    func rootReference() {
        let found = diagnostics(
            #"{"QueryLanguage": "JSONata", "StartAt": "S", "States": {"S": {"Type": "Pass", "Output": {"a": "{% $$.x %}", "b": "{% '$$' %}"}, "End": true}}}"#)
        #expect(found.map { "\($0.path): \($0.message)" } == ["States.S.Output.a: Reference to '$$' is not supported."])
    }

    @Test("A failure in a JSONata Catch Output is not caught again")
    func catcherFailure() async throws {
        var registry = TaskRegistry()
        registry.register(for: Self.sns) { _ in throw StatesError("Boom", cause: "b") }
        let result = try await run(
            #"""
            {"QueryLanguage": "JSONata", "StartAt": "T", "States": {
              "T": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
                "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "T", "Output": "{% $states.errorOutput.nothing %}"}],
                "End": true}}}
            """#, registry: registry)
        #expect(result.error?.name == .queryEvaluationError)
        #expect(result.error?.cause?.contains("'Catch[0]/Output'") == true)
    }

    @Test("Default catcher output in JSONata is the error output")
    func defaultCatcherOutput() async throws {
        var registry = TaskRegistry()
        registry.register(for: Self.sns) { _ in throw StatesError("Boom", cause: "b") }
        let result = try await run(
            #"""
            {"QueryLanguage": "JSONata", "StartAt": "T", "States": {
              "T": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
                "Catch": [{"ErrorEquals": ["Boom"], "Next": "Done"}], "End": true},
              "Done": {"Type": "Succeed"}}}
            """#, registry: registry)
        #expect(result.output == ["Error": "Boom", "Cause": "b"])
    }
}

extension String {
    /// The string as JSON text (quoted and escaped), as history payloads hold it.
    var jsonTextLiteral: String { JSONValue.string(self).jsonString() }
}
