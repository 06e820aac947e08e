import Testing

@testable import StatesLanguage

@Suite("Definition validation")
struct DefinitionValidationTests {
    /// A definition wrapping one state body under the name `S`, with an `End` state `Done`.
    static func definition(_ state: String, extraStates: String = "") -> String {
        """
        {"StartAt": "S", "States": {"S": \(state), "Done": {"Type": "Succeed"}\(extraStates)}}
        """
    }

    @Test("A valid definition compiles with no diagnostics")
    func valid() throws {
        let m = try machine(Self.definition(#"{"Type": "Pass", "Next": "Done"}"#))
        #expect(m.graph.states.count == 2)
        #expect(m.warnings.isEmpty)
    }

    @Test(
        "Each problem is reported with the state, the field and why",
        arguments: [
            (#"{"Type": "Pass", "Next": "Nope"}"#, "States.S.Next", "state \"Nope\" does not exist"),
            (#"{"Type": "Pass", "Next": "Done", "End": true}"#, "States.S.End", "cannot both be set"),
            (#"{"Type": "Pass"}"#, "States.S", "must have either 'Next' or \"End\": true"),
            (#"{"Type": "Pass", "End": true, "Bogus": 1}"#, "States.S.Bogus", "not supported in a Pass state"),
            (#"{"Type": "Wait", "Seconds": 1, "SecondsPath": "$.s", "End": true}"#, "States.S", "exactly one of"),
            (#"{"Type": "Wait", "End": true}"#, "States.S", "exactly one of"),
            (#"{"Type": "Wait", "Timestamp": "yesterday", "End": true}"#, "States.S.Timestamp", "RFC 3339"),
            (#"{"Type": "Fail", "Error": "E", "ErrorPath": "$.e"}"#, "States.S.ErrorPath", "cannot both be set"),
            (#"{"Type": "Fail", "Cause": "C", "CausePath": "$.c"}"#, "States.S.CausePath", "cannot both be set"),
            (#"{"Type": "Fail", "CausePath": "States.ArrayLength($.a)"}"#, "States.S.CausePath", "cannot be used here"),
            (#"{"Type": "Choice", "Choices": []}"#, "States.S.Choices", "at least one rule"),
            (#"{"Type": "Choice"}"#, "States.S.Choices", "The field 'Choices' is required but was missing"),
            (
                #"{"Type": "Choice", "Choices": [{"Variable": "$.x", "NumericEquals": "1", "Next": "Done"}]}"#,
                "States.S.Choices[0].NumericEquals", "must be a number"
            ),
            (
                #"{"Type": "Choice", "Choices": [{"Variable": "$.x", "Next": "Done"}]}"#, "States.S.Choices[0]",
                "must have a comparison operator"
            ),
            (
                #"{"Type": "Choice", "Choices": [{"Not": {"Variable": "$.x", "IsNull": true, "Next": "Done"}, "Next": "Done"}]}"#,
                "States.S.Choices[0].Not.Next", "only top-level choice rules"
            ),
            (
                #"{"Type": "Choice", "Choices": [{"Variable": "$.x", "StringEquals": "a", "Next": "Done"}], "Next": "Done"}"#,
                "States.S.Next", "cannot have 'Next'"
            ),
            (#"{"Type": "Task", "End": true}"#, "States.S.Resource", "The field 'Resource' is required but was missing"),
            (
                #"{"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "End": true, "Retry": [{"ErrorEquals": ["States.ALL"]}, {"ErrorEquals": ["X"]}]}"#,
                "States.S.Retry[0].ErrorEquals", "States.ALL must be in the last entry"
            ),
            (
                #"{"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "End": true, "Retry": [{"ErrorEquals": ["States.ALL", "X"]}]}"#,
                "States.S.Retry[0].ErrorEquals", "must appear alone"
            ),
            (
                #"{"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "End": true, "Retry": [{"ErrorEquals": ["X"], "BackoffRate": 0.5}]}"#,
                "States.S.Retry[0].BackoffRate", "must be at least 1.0, got 0.5"
            ),
            (
                #"{"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "End": true, "Retry": [{"ErrorEquals": ["X"], "MaxAttempts": -1}]}"#,
                "States.S.Retry[0].MaxAttempts", "must be between 0 and 99999999"
            ),
            (
                #"{"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "End": true, "Retry": [{"ErrorEquals": []}]}"#,
                "States.S.Retry[0].ErrorEquals", "non-empty array"
            ),
            (
                #"{"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "End": true, "Retry": [{"ErrorEquals": ["X"], "JitterStrategy": "SOME"}]}"#,
                "States.S.Retry[0].JitterStrategy", "\"FULL\" or \"NONE\""
            ),
            (
                #"{"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "End": true, "Catch": [{"ErrorEquals": ["X"], "Next": "Gone"}]}"#,
                "States.S.Catch[0].Next", "state \"Gone\" does not exist"
            ),
            (
                #"{"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "End": true, "TimeoutSeconds": 10, "HeartbeatSeconds": 10}"#,
                "States.S.HeartbeatSeconds", "must be smaller than TimeoutSeconds"
            ),
            (
                #"{"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "End": true, "TimeoutSeconds": 5, "TimeoutSecondsPath": "$.t"}"#,
                "States.S.TimeoutSecondsPath", "cannot both be set"
            ),
            (
                #"{"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:ec2", "End": true}"#, "States.S.Resource",
                "must name a service and an action"
            ),
            (#"{"Type": "Pass", "End": true, "ResultPath": "$$.x"}"#, "States.S.ResultPath", "not the context object"),
            (#"{"Type": "Pass", "End": true, "InputPath": 3}"#, "States.S.InputPath", "JSONPath string or null"),
            (#"{"Type": "Teleport", "End": true}"#, "States.S.Type", "unknown state type \"Teleport\""),
            (#"{"Type": "Parallel", "End": true, "Branches": []}"#, "States.S.Branches", "at least one branch"),
            (#"{"Type": "Map", "End": true}"#, "States.S", "must have 'ItemProcessor'"),
            (
                #"{"Type": "Map", "End": true, "ItemReader": {}, "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Succeed"}}}}"#,
                "States.S.ItemReader", "only allowed in a distributed Map"
            ),
            (
                #"{"Type": "Map", "End": true, "ToleratedFailurePercentage": 101, "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Succeed"}}}}"#,
                "States.S.ToleratedFailurePercentage", "between 0 and 100"
            ),
        ] as [(String, String, String)])
    func problem(state: String, path: String, message: String) {
        let found = diagnostics(Self.definition(state))
        #expect(
            found.contains { $0.severity == .error && $0.path.description == path && $0.message.contains(message) },
            "expected \(path): …\(message)… in \(found.map(\.description))")
    }

    @Test("Top-level problems: missing StartAt, unknown StartAt, empty States, unknown fields")
    func topLevel() {
        #expect(diagnostics(#"{"States": {"A": {"Type": "Succeed"}}}"#).map(\.path.description) == ["StartAt"])
        #expect(diagnostics(#"{"StartAt": "B", "States": {"A": {"Type": "Succeed"}}}"#).map(\.message) == [
            "Missing 'StartAt' target: state \"B\" does not exist"
        ])
        #expect(diagnostics(#"{"StartAt": "A", "States": {}}"#).map(\.message) == ["must contain at least one state"])
        #expect(diagnostics(#"{"StartAt": "A", "Extra": 1, "States": {"A": {"Type": "Succeed"}}}"#).map(\.path.description) == ["Extra"])
        #expect(diagnostics("[1]").map(\.message) == ["a state machine definition must be an object, got array"])
    }

    @Test("Every problem is reported, not just the first")
    func allProblems() {
        let found = diagnostics(
            #"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "X"}, "B": {"Type": "Wait", "End": true}, "C": {"Type": "Bogus"}}}"#
        )
        #expect(found.filter { $0.severity == .error }.count == 3)
    }

    @Test("Diagnostics carry the line and column of the field")
    func locations() {
        let text = """
            {
              "StartAt": "Loop",
              "States": {
                "Loop": {"Type": "Pass", "Next": "Nope"}
              }
            }
            """
        let found = diagnostics(text)
        #expect(found.count == 1)
        #expect(found.first?.location == TextLocation(line: 4, column: 30))
        #expect(
            found.first?.formatted(file: "m.json")
                == "m.json:4:30: error: States.Loop.Next: Missing 'Next' target: state \"Nope\" does not exist [MISSING_TRANSITION_TARGET]")
        #expect(found.first?.pointer == "/States/Loop/Next")
    }

    @Test("Invalid JSON is a diagnostic with line and column")
    func invalidJSON() {
        let found = diagnostics("{\n  \"StartAt\": \"A\",\n  \"States\": {,}\n}")
        #expect(found.first?.location == TextLocation(line: 3, column: 14))
        #expect(found.first?.message.hasPrefix("invalid JSON") == true)
    }

    @Test("An unreachable state is an error, as on AWS (MISSING_TRANSITION_TARGET)")
    func unreachable() throws {
        let found = diagnostics(#"{"StartAt": "A", "States": {"A": {"Type": "Succeed"}, "Orphan": {"Type": "Succeed"}}}"#)
        #expect(found.map { $0.description } == [
            "1:55: error: States.Orphan: State \"Orphan\" is not reachable. [MISSING_TRANSITION_TARGET]"
        ])
        #expect(found.map(\.pointer) == ["/States/Orphan"])
    }

    @Test("State names: at most 80 characters and unique across nested graphs")
    func names() {
        let long = String(repeating: "x", count: 81)
        #expect(diagnostics(#"{"StartAt": "\#(long)", "States": {"\#(long)": {"Type": "Succeed"}}}"#).first?.message
            == "state name is 81 characters long; the limit is 80")
        let nested = """
            {"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
              {"StartAt": "P", "States": {"P": {"Type": "Succeed"}}}]}}}
            """
        #expect(diagnostics(nested).contains { $0.message.contains("used more than once") })
    }

    @Test("Nested graphs are validated the same way, with full paths")
    func nested() {
        let text = """
            {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true, "ItemProcessor": {
              "StartAt": "I", "States": {"I": {"Type": "Pass", "Next": "Missing"}}}}}}
            """
        #expect(diagnostics(text).map(\.description) == [
            "2:52: error: States.M.ItemProcessor.States.I.Next: Missing 'Next' target: state \"Missing\" does not exist [MISSING_TRANSITION_TARGET]"
        ])
    }

    @Test("A JSONata machine compiles; an unknown QueryLanguage is reported")
    func jsonata() {
        #expect(diagnostics(#"{"QueryLanguage": "JSONata", "StartAt": "A", "States": {"A": {"Type": "Succeed"}}}"#) == [])
        #expect(diagnostics(#"{"QueryLanguage": "XPath", "StartAt": "A", "States": {"A": {"Type": "Succeed"}}}"#)
            .contains { $0.message.contains(#"must be "JSONPath" or "JSONata", got "XPath""#) })
    }
}

@Suite("Definition validation: structure")
struct DefinitionStructureTests {
    @Test("A graph with no terminal state is rejected (AWS: MISSING_END_STATE)")
    func missingEnd() {
        let found = diagnostics(#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "A"}}}"#)
        #expect(found.map(\.description) == [
            "1:18: error: States: no state ends the workflow: give one state \"End\": true, or add a Succeed or Fail state [MISSING_END_STATE]"
        ])
    }

    @Test("Repeated keys are reported instead of silently keeping the last one")
    func duplicateKeys() {
        let found = diagnostics(
            #"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}, "A": {"Type": "Succeed"}}}"#)
        #expect(found.contains { $0.path.description == "States.A" && $0.message.contains("appears more than once") })
        let inChoice = diagnostics(
            #"{"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsNull": true, "IsNull": false, "Next": "D"}]}, "D": {"Type": "Succeed"}}}"#
        )
        #expect(inChoice.contains { $0.path.description == "States.C.Choices[0].IsNull" })
    }
}
