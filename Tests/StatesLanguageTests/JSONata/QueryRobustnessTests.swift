import Foundation
import Testing

@testable import StatesLanguage

@Suite("JSONata and variables: damaged definitions are rejected with reasons, never crash")
struct QueryRobustnessTests {
    @Test(
        "Each damaged state yields at least one error diagnostic",
        arguments: [
            #"{"Type": "Pass", "End": true, "Assign": "x"}"#,
            #"{"Type": "Pass", "End": true, "Assign": [1]}"#,
            #"{"Type": "Pass", "End": true, "Assign": {"": 1}}"#,
            #"{"Type": "Pass", "End": true, "Assign": {"x.y": 1}}"#,
            #"{"Type": "Pass", "End": true, "Output": "{%%}"}"#,
            #"{"Type": "Pass", "End": true, "Output": "{% ( %}"}"#,
            #"{"Type": "Pass", "End": true, "Output": {"a": ["{% ] %}"]}}"#,
            #"{"Type": "Choice", "Choices": [{"Condition": 1, "Next": "S"}]}"#,
            #"{"Type": "Choice", "Choices": [{"Condition": "true", "Next": "S"}]}"#,
            #"{"Type": "Choice", "Choices": [{"Condition": "{% true %}"}]}"#,
            #"{"Type": "Choice", "Choices": [{"Condition": "{% true %}", "Next": "S", "Assign": 3}]}"#,
            #"{"Type": "Map", "Items": 3, "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Succeed"}}}, "End": true}"#,
            #"{"Type": "Map", "Items": "{% [ %}", "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Succeed"}}}, "End": true}"#,
            #"{"Type": "Wait", "Seconds": "{% %}", "End": true}"#,
            #"{"Type": "Wait", "Timestamp": "{% ) %}", "End": true}"#,
            #"{"Type": "Fail", "Error": "{% 'a' & %}"}"#,
            #"{"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "End": true, "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "S", "Assign": {"states": 1}}]}"#,
            #"{"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "End": true, "Arguments": {"a": "{% $states.result %}"}}"#,
        ])
    func damaged(state: String) {
        let definition = #"{"QueryLanguage": "JSONata", "StartAt": "S", "States": {"S": \#(state)}}"#
        #expect(diagnostics(definition).contains { $0.severity == .error })
    }

    @Test("Odd but valid expressions compile: comments, nested braces, '%' inside, newlines")
    func oddButValid() throws {
        _ = try machine(
            #"""
            {"QueryLanguage": "JSONata", "StartAt": "S", "States": {"S": {"Type": "Pass", "End": true,
              "Output": {"a": "{% /* c */ {'k': {'n': 5 % 3}} %}", "b": "{%\n  $states.input\n%}", "c": "{% '%}' %}"}}}}
            """#)
    }
}
