import Foundation
import Testing

@testable import StatesLanguage

@Suite("QueryLanguage: which fields each language allows")
struct QueryLanguageValidationTests {
    /// A one-state JSONata machine around `state` (a JSON object text without braces' surroundings).
    static func jsonata(_ state: String) -> String {
        #"{"QueryLanguage": "JSONata", "StartAt": "S", "States": {"S": \#(state)}}"#
    }

    static func jsonPath(_ state: String) -> String {
        #"{"StartAt": "S", "States": {"S": \#(state)}}"#
    }

    @Test(
        "JSONPath-only fields are rejected in JSONata states with AWS's message",
        arguments: [
            (#"{"Type": "Pass", "End": true, "InputPath": "$.a"}"#, "InputPath"),
            (#"{"Type": "Pass", "End": true, "OutputPath": "$.a"}"#, "OutputPath"),
            (#"{"Type": "Pass", "End": true, "Parameters": {"a": 1}}"#, "Parameters"),
            (#"{"Type": "Pass", "End": true, "Result": {"a": 1}}"#, "Result"),
            (#"{"Type": "Pass", "End": true, "ResultPath": "$.a"}"#, "ResultPath"),
            (#"{"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "End": true, "ResultSelector": {}}"#, "ResultSelector"),
            (#"{"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "End": true, "TimeoutSecondsPath": "$.t"}"#, "TimeoutSecondsPath"),
            (#"{"Type": "Wait", "SecondsPath": "$.s", "End": true}"#, "SecondsPath"),
            (#"{"Type": "Fail", "ErrorPath": "$.e"}"#, "ErrorPath"),
            (#"{"Type": "Map", "ItemsPath": "$.a", "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Succeed"}}}, "End": true}"#, "ItemsPath"),
        ] as [(String, String)])
    func jsonPathOnlyFields(state: String, field: String) {
        let messages = diagnostics(Self.jsonata(state)).map(\.message)
        #expect(messages.contains(
            "The QueryLanguage is set to 'JSONata', but field '\(field)' is only supported for the 'JSONPath' QueryLanguage"))
    }

    @Test(
        "JSONata-only fields are rejected in JSONPath states",
        arguments: [
            (#"{"Type": "Pass", "End": true, "Output": {"a": 1}}"#, "Output"),
            (#"{"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "End": true, "Arguments": {}}"#, "Arguments"),
            (#"{"Type": "Map", "Items": [1], "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Succeed"}}}, "End": true}"#, "Items"),
            (#"{"Type": "Choice", "Choices": [{"Condition": "{% true %}", "Next": "S"}]}"#, "Condition"),
        ] as [(String, String)])
    func jsonataOnlyFields(state: String, field: String) {
        let messages = diagnostics(Self.jsonPath(state)).map(\.message)
        #expect(messages.contains(
            "The QueryLanguage is set to 'JSONPath', but field '\(field)' is only supported for the 'JSONata' QueryLanguage"))
    }

    @Test("A JSONata catcher may not have ResultPath; a JSONPath catcher may not have Output")
    func catcherFields() {
        let task = #"{"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "End": true, "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "S", CATCH}]}"#
        let jsonata = diagnostics(Self.jsonata(task.replacingOccurrences(of: "CATCH", with: #""ResultPath": "$.e""#)))
        #expect(jsonata.map { "\($0.path): \($0.message)" }.contains(
            "States.S.Catch[0]: The QueryLanguage is set to 'JSONata', but field 'ResultPath' is only supported for the 'JSONPath' QueryLanguage"))
        let jsonPath = diagnostics(Self.jsonPath(task.replacingOccurrences(of: "CATCH", with: #""Output": {}"#)))
        #expect(jsonPath.map(\.message).contains(
            "The QueryLanguage is set to 'JSONPath', but field 'Output' is only supported for the 'JSONata' QueryLanguage"))
    }

    @Test("A JSONata rule may not use Variable or comparison operators")
    func jsonataChoiceRule() {
        let messages = diagnostics(Self.jsonata(
            #"{"Type": "Choice", "Choices": [{"Variable": "$.a", "StringEquals": "x", "Next": "S"}]}"#)).map(\.message)
        #expect(messages.contains(
            "The QueryLanguage is set to 'JSONata', but field 'Variable' is only supported for the 'JSONPath' QueryLanguage"))
        #expect(messages.contains("The field 'Condition' is required but was missing"))
    }

    @Test("A state cannot go back to JSONPath under a JSONata machine, but a JSONPath machine may have JSONata states")
    func perStateLanguage() throws {
        let down = diagnostics(
            #"{"QueryLanguage": "JSONata", "StartAt": "S", "States": {"S": {"Type": "Pass", "QueryLanguage": "JSONPath", "End": true}}}"#)
        #expect(down.map { "\($0.path): \($0.message)" } == [
            "States.S: 'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine"
        ])
        let up = try machine(
            #"{"StartAt": "S", "States": {"S": {"Type": "Pass", "QueryLanguage": "JSONata", "Output": "{% 1 %}", "End": true}}}"#)
        guard case .pass(let pass) = up.graph.states[0] else { Issue.record("not a Pass"); return }
        #expect(pass.queryLanguage == .jsonata)
        #expect(up.graph.queryLanguage == .jsonPath)
    }

    @Test("Syntax errors in {% %} are reported at the string, at definition time")
    func syntaxErrors() {
        let found = diagnostics(Self.jsonata(#"{"Type": "Pass", "End": true, "Output": {"a": [1, "{% 1 + %}"]}}"#))
        #expect(found.count == 1)
        #expect(found.first?.path.description == "States.S.Output.a.1")
        #expect(found.first?.message.hasPrefix("invalid JSONata expression:") == true)
    }

    @Test(
        "Numeric fields take a literal or an expression, never a plain string",
        arguments: [
            #"{"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "End": true, "TimeoutSeconds": "10"}"#,
            #"{"Type": "Wait", "Seconds": "ten", "End": true}"#,
            #"{"Type": "Map", "MaxConcurrency": "2", "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Succeed"}}}, "End": true}"#,
        ])
    func numericFields(state: String) {
        #expect(diagnostics(Self.jsonata(state)).contains { $0.message.contains("must be a number or a JSONata expression") })
    }

    @Test("Fail has no Output and no Assign; Succeed has no Assign")
    func terminalStates() {
        let fail = diagnostics(Self.jsonata(#"{"Type": "Fail", "Error": "E", "Output": {}, "Assign": {"x": 1}}"#))
        #expect(fail.map(\.message).sorted() == [
            "field 'Assign' is not supported in a Fail state", "field 'Output' is not supported in a Fail state",
        ])
        let succeed = diagnostics(Self.jsonata(#"{"Type": "Succeed", "Assign": {"x": 1}}"#))
        #expect(succeed.map(\.message) == ["field 'Assign' is not supported in a Succeed state"])
    }

    @Test("Map Items must be an array or an expression")
    func mapItems() {
        let found = diagnostics(Self.jsonata(
            #"{"Type": "Map", "Items": {"a": 1}, "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Succeed"}}}, "End": true}"#))
        #expect(found.map(\.message) == ["must be an array or a JSONata expression '{% … %}', got object"])
    }

    @Test("Only strings wholly wrapped in {% %} are expressions")
    func delimiters() {
        #expect(QueryExpression.isExpression("{% 1 %}"))
        #expect(QueryExpression.isExpression("{%1%}"))
        #expect(!QueryExpression.isExpression(" {% 1 %}"))
        #expect(!QueryExpression.isExpression("{% 1 %} "))
        #expect(!QueryExpression.isExpression("{% 1"))
        #expect(!QueryExpression.isExpression("%}"))
    }
}
