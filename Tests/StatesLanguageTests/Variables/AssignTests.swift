import Foundation
import Testing

@testable import StatesLanguage

@Suite("Assign: when values are evaluated and when they become visible")
struct AssignTests {
    static let sns = "arn:aws:states:::sns:publish"

    @Test("JSONPath: Assign sees the values at state entry; new values are visible from the next state")
    func jsonPathTiming() async throws {
        let result = try await run(
            #"""
            {"StartAt": "First", "States": {
              "First": {"Type": "Pass", "Assign": {"x": 1}, "Next": "Second"},
              "Second": {"Type": "Pass", "Assign": {"x": 2, "old.$": "$x"}, "Next": "Third"},
              "Third": {"Type": "Pass", "Parameters": {"x.$": "$x", "old.$": "$old"}, "End": true}}}
            """#)
        #expect(result.output == ["x": 2, "old": 1])
    }

    @Test("JSONata: Assign and Output of one state both see the old values")
    func jsonataTiming() async throws {
        let result = try await run(
            #"""
            {"QueryLanguage": "JSONata", "StartAt": "First", "States": {
              "First": {"Type": "Pass", "Assign": {"x": 1}, "Next": "Second"},
              "Second": {"Type": "Pass", "Assign": {"x": "{% $x + 1 %}", "before": "{% $x %}"}, "Output": {"seen": "{% $x %}"}, "Next": "Third"},
              "Third": {"Type": "Pass", "Output": {"x": "{% $x %}", "before": "{% $before %}", "seen": "{% $states.input.seen %}"}, "End": true}}}
            """#)
        #expect(result.output == ["x": 2, "before": 1, "seen": 1])
    }

    @Test("JSONPath: in a Task's Assign '$' is the raw result, before ResultSelector; $$ is the context")
    func jsonPathTaskResult() async throws {
        var registry = TaskRegistry()
        registry.register(for: Self.sns) { _ in ["MessageId": "m-1", "Other": 2] }
        let result = try await run(
            #"""
            {"StartAt": "T", "States": {
              "T": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
                "ResultSelector": {"id.$": "$.MessageId"}, "ResultPath": "$.sent",
                "Assign": {"raw.$": "$", "state.$": "$$.State.Name"}, "Next": "Show"},
              "Show": {"Type": "Pass", "Parameters": {"raw.$": "$raw", "state.$": "$state", "input.$": "$"}, "End": true}}}
            """#, input: ["k": 1], registry: registry)
        #expect(result.output == [
            "raw": ["MessageId": "m-1", "Other": 2], "state": "T", "input": ["k": 1, "sent": ["id": "m-1"]],
        ])
    }

    @Test("JSONPath: in Choice and Wait, '$' is the effective input; a matched rule's Assign wins")
    func jsonPathChoiceAndWait() async throws {
        let result = try await run(
            #"""
            {"StartAt": "C", "States": {
              "C": {"Type": "Choice", "InputPath": "$.inner", "Assign": {"path": "default"},
                "Choices": [{"Variable": "$.n", "NumericGreaterThan": 1, "Assign": {"path": "big", "n.$": "$.n"}, "Next": "W"}],
                "Default": "W"},
              "W": {"Type": "Wait", "Seconds": 1, "Assign": {"waited.$": "$.n"}, "Next": "Show"},
              "Show": {"Type": "Pass", "Parameters": {"path.$": "$path", "n.$": "$n", "waited.$": "$waited"}, "End": true}}}
            """#, input: ["inner": ["n": 5]])
        #expect(result.output == ["path": "big", "n": 5, "waited": 5])
    }

    @Test("JSONata Choice: a matched rule assigns only its own variables; the state's Assign is for Default")
    func choiceAssign() async throws {
        let definition = #"""
            {"QueryLanguage": "JSONata", "StartAt": "Init", "States": {
              "Init": {"Type": "Pass", "Assign": {"path": "none", "rule": "none"}, "Next": "C"},
              "C": {"Type": "Choice", "Assign": {"path": "default"},
                "Choices": [
                  {"Condition": "{% $states.input.n = 1 %}", "Assign": {"rule": "one"}, "Next": "Show"},
                  {"Condition": "{% $states.input.n = 2 %}", "Next": "Show"}],
                "Default": "Show"},
              "Show": {"Type": "Pass", "Output": {"path": "{% $path %}", "rule": "{% $rule %}"}, "End": true}}}
            """#
        #expect(try await run(definition, input: ["n": 1]).output == ["path": "none", "rule": "one"])
        #expect(try await run(definition, input: ["n": 2]).output == ["path": "none", "rule": "none"])
        #expect(try await run(definition, input: ["n": 3]).output == ["path": "default", "rule": "none"])
    }

    @Test("JSONPath paths read variables anywhere a path is accepted: InputPath, Choice Variable, intrinsics, ItemsPath")
    func jsonPathVariableRoots() async throws {
        let result = try await run(
            #"""
            {"StartAt": "Set", "States": {
              "Set": {"Type": "Pass", "Assign": {"cfg": {"items": [1, 2], "limit": 1, "name": "x"}}, "Next": "C"},
              "C": {"Type": "Choice", "Choices": [{"Variable": "$cfg.limit", "NumericEquals": 1, "Next": "M"}]},
              "M": {"Type": "Map", "ItemsPath": "$cfg.items",
                "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
                "ResultPath": "$.items", "Next": "F"},
              "F": {"Type": "Pass", "Parameters": {"greeting.$": "States.Format('hi {}', $cfg.name)", "items.$": "$.items"}, "Next": "I"},
              "I": {"Type": "Pass", "InputPath": "$cfg", "End": true}}}
            """#)
        #expect(result.output == ["items": [1, 2], "limit": 1, "name": "x"])
        let f = try #require(result.history.last { $0.kind.name == "PassStateExited" && $0.jsonValue["stateExitedEventDetails"]?["name"] == "F" })
        #expect(f.jsonValue["stateExitedEventDetails"]?["output"] == #"{"greeting":"hi x","items":[1,2]}"#)
    }

    @Test("MaxConcurrencyPath may read a variable holding a numeric string, as AWS accepts")
    func maxConcurrencyFromVariable() async throws {
        let result = try await run(
            #"""
            {"StartAt": "Start", "States": {
              "Start": {"Type": "Pass", "Assign": {"maxConcurrency": "1"}, "Result": {"Values": [1, 2, 3]}, "Next": "M"},
              "M": {"Type": "Map", "ItemsPath": "$.Values", "MaxConcurrencyPath": "$maxConcurrency",
                "ItemProcessor": {"StartAt": "H", "States": {"H": {"Type": "Pass", "End": true}}}, "End": true}}}
            """#)
        #expect(result.output == [1, 2, 3])
    }

    @Test("ResultPath cannot name a variable")
    func resultPathVariable() {
        #expect(diagnostics(
            #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "Assign": {"x": 1}, "ResultPath": "$x.y", "End": true}}}"#
        ).contains { $0.path.description == "States.P.ResultPath" && $0.message.contains("not the context object or a variable") })
    }

    @Test("StateExited events carry assignedVariables as JSON text, only when the state assigned")
    func history() async throws {
        let result = try await run(
            #"""
            {"StartAt": "A", "States": {
              "A": {"Type": "Pass", "Assign": {"n": 1, "obj.$": "$"}, "Next": "B"},
              "B": {"Type": "Pass", "End": true}}}
            """#, input: ["k": "v"])
        let exits = result.history.filter { $0.kind.name == "PassStateExited" }.map {
            $0.jsonValue["stateExitedEventDetails"]
        }
        #expect(exits.count == 2)
        #expect(exits[0]?["assignedVariables"] == ["n": "1", "obj": #"{"k":"v"}"#])
        #expect(exits[0]?["assignedVariablesDetails"] == ["truncated": false])
        #expect(exits[1]?["assignedVariables"] == nil)
        guard case .stateExited(_, _, _, let assigned) = result.history.first(where: { $0.kind.name == "PassStateExited" })?.kind
        else { Issue.record("no exit"); return }
        #expect(assigned == ["n": 1, "obj": ["k": "v"]])
    }

    @Test("Variable names: letters, digits and '_', not starting with a digit, never 'states'")
    func names() {
        let bad = diagnostics(
            #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "Assign": {"1x": 1, "a-b": 2, "states": 3, "ok_1": 4}, "End": true}}}"#)
        #expect(bad.map(\.path.description).sorted() == ["States.P.Assign.1x", "States.P.Assign.a-b", "States.P.Assign.states"])
        #expect(VariableAssignment.isValidName("_private"))
        #expect(VariableAssignment.isValidName("café"))
        #expect(!VariableAssignment.isValidName(String(repeating: "a", count: 81)))
    }

    @Test("Size quotas: 256 KiB per variable and per Assign fail with States.DataLimitExceeded")
    func sizeLimits() async throws {
        let big = String(repeating: "x", count: 200_000)
        let one = try await run(
            #"""
            {"StartAt": "P", "States": {"P": {"Type": "Pass", "Assign": {"a.$": "States.Format('{}{}', $.s, $.s)"}, "End": true}}}
            """#, input: ["s": .string(big)])
        #expect(one.error?.name == .dataLimitExceeded)
        #expect(one.error?.cause?.contains("The variable 'a' has a size of 400002 bytes") == true)
        let pair = try await run(
            #"""
            {"StartAt": "P", "States": {"P": {"Type": "Pass", "Assign": {"a.$": "$.s", "b.$": "$.s"}, "End": true}}}
            """#, input: ["s": .string(big)], limits: ExecutionLimits(maximumPayloadBytes: nil))
        #expect(pair.error?.name == .dataLimitExceeded)
        #expect(pair.error?.cause?.contains("one Assign field") == true)
        var small = ExecutionLimits.aws
        small.maximumTotalVariableBytes = 10
        let total = try await run(
            #"""
            {"StartAt": "A", "States": {
              "A": {"Type": "Pass", "Assign": {"a": "12345"}, "Next": "B"},
              "B": {"Type": "Pass", "Assign": {"b": "12345"}, "End": true}}}
            """#, limits: small)
        #expect(total.error?.name == .dataLimitExceeded)
        #expect(total.error?.cause?.contains("combined size of 14 bytes") == true)
    }
}
