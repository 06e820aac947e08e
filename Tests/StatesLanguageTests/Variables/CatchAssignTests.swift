import Foundation
import Testing

@testable import StatesLanguage

@Suite("Assign in catchers and failures of Assign itself")
struct CatchAssignTests {
    static let sns = "arn:aws:states:::sns:publish"

    static var failing: TaskRegistry {
        var registry = TaskRegistry()
        registry.register(for: sns) { _ in throw StatesError("Boom", cause: "it broke") }
        return registry
    }

    @Test("JSONPath: a catcher's Assign sees the error output as '$'; the state's own Assign is not evaluated")
    func jsonPathCatcher() async throws {
        let result = try await run(
            #"""
            {"StartAt": "T", "States": {
              "T": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "Assign": {"state": "ran"},
                "Catch": [{"ErrorEquals": ["Boom"], "ResultPath": "$.error", "Assign": {"why.$": "$.Cause", "input.$": "$$.Execution.Input"}, "Next": "Show"}],
                "End": true},
              "Show": {"Type": "Pass", "Parameters": {"why.$": "$why", "input.$": "$input", "error.$": "$.error.Error"}, "End": true}}}
            """#, input: ["k": 1], registry: Self.failing)
        #expect(result.output == ["why": "it broke", "input": ["k": 1], "error": "Boom"])
        let exited = try #require(result.history.first { $0.kind.name == "TaskStateExited" })
        #expect(exited.jsonValue["stateExitedEventDetails"]?["assignedVariables"] == [
            "why": #""it broke""#, "input": #"{"k":1}"#,
        ])
    }

    @Test("JSONPath: reading the state's variable in the validation sense counts the catcher's Assign")
    func catcherAssignIsVisible() {
        #expect(diagnostics(
            #"""
            {"StartAt": "T", "States": {
              "T": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
                "Catch": [{"ErrorEquals": ["States.ALL"], "Assign": {"e.$": "$"}, "Next": "Show"}], "End": true},
              "Show": {"Type": "Pass", "InputPath": "$e", "End": true}}}
            """#) == [])
    }

    @Test("JSONPath: an Assign path that selects nothing is States.Runtime, which no catcher handles")
    func missingPath() async throws {
        var registry = TaskRegistry()
        registry.register(for: Self.sns) { _ in ["ok": true] }
        let result = try await run(
            #"""
            {"StartAt": "T", "States": {
              "T": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "Assign": {"x.$": "$.missing"},
                "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Done"}], "End": true},
              "Done": {"Type": "Succeed"}}}
            """#, registry: registry)
        #expect(result.error == StatesError(
            .runtime,
            cause: #"An error occurred while executing the state 'T' (entered at the event id #2). The JSONPath '$.missing' specified for the field 'x.$' could not be found in the input '{"ok":true}'"#))
    }

    @Test("JSONPath Parallel: branches read outer variables through paths; assigning an outer name is a warning")
    func jsonPathParallel() async throws {
        let result = try await run(
            #"""
            {"StartAt": "Set", "States": {
              "Set": {"Type": "Pass", "Assign": {"greeting": "hi"}, "Next": "P"},
              "P": {"Type": "Parallel", "End": true, "Assign": {"both.$": "$"}, "ResultPath": "$.results", "Branches": [
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "Parameters": {"g.$": "$greeting"}, "End": true}}},
                {"StartAt": "B", "States": {"B": {"Type": "Pass", "Parameters": {"g.$": "States.Format('{} there', $greeting)"}, "End": true}}}]}}}
            """#)
        #expect(result.output == ["results": [["g": "hi"], ["g": "hi there"]]])
        let exited = try #require(result.history.last { $0.kind.name == "ParallelStateExited" })
        #expect(exited.jsonValue["stateExitedEventDetails"]?["assignedVariables"]?["both"] == #"[{"g":"hi"},{"g":"hi there"}]"#)
        let shadowing = allDiagnostics(
            #"""
            {"StartAt": "Set", "States": {
              "Set": {"Type": "Pass", "Assign": {"greeting": "hi"}, "Next": "P"},
              "P": {"Type": "Parallel", "End": true, "Branches": [
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "Assign": {"greeting.$": "$"}, "End": true}}}]}}}
            """#)
        #expect(shadowing.map(\.path.description) == ["States.P.Branches[0].States.A.Assign.greeting.$"])
        #expect(shadowing.map(\.severity) == [.warning])
    }

    @Test("JSONPath Credentials take paths and variables; the handler sees the evaluated value")
    func jsonPathCredentials() async throws {
        var registry = TaskRegistry()
        registry.register(for: Self.sns) { request in
            #expect(request.credentials == ["RoleArn": "arn:aws:iam::1:role/ops", "Fixed": "x"])
            return [:]
        }
        let result = try await run(
            #"""
            {"StartAt": "Set", "States": {
              "Set": {"Type": "Pass", "Assign": {"role": "arn:aws:iam::1:role/ops"}, "Next": "T"},
              "T": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
                "Credentials": {"RoleArn.$": "$role", "Fixed": "x"}, "End": true}}}
            """#, registry: registry)
        #expect(result.status.name == "SUCCEEDED")
    }

    @Test("JSONata Credentials may hold expressions; the handler sees the evaluated value")
    func jsonataCredentials() async throws {
        var registry = TaskRegistry()
        registry.register(for: Self.sns) { request in
            #expect(request.credentials == ["RoleArn": "arn:aws:iam::1:role/r-prod"])
            return [:]
        }
        let result = try await run(
            #"""
            {"QueryLanguage": "JSONata", "StartAt": "T", "States": {"T": {"Type": "Task",
              "Resource": "arn:aws:states:::sns:publish", "Credentials": {"RoleArn": "{% 'arn:aws:iam::1:role/r-' & $states.input.env %}"},
              "End": true}}}
            """#, input: ["env": "prod"], registry: registry)
        #expect(result.status.name == "SUCCEEDED")
    }
}
