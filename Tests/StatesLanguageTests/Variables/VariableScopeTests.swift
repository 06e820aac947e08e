import Foundation
import Testing

@testable import StatesLanguage

@Suite("Variable scopes: Parallel branches and Map iterations")
struct VariableScopeTests {
    @Test("Branches and iterations read outer variables; their own assignments stay inside")
    func innerReadsOuter() async throws {
        let result = try await run(
            #"""
            {"QueryLanguage": "JSONata", "StartAt": "Set", "States": {
              "Set": {"Type": "Pass", "Assign": {"base": 100}, "Next": "Par"},
              "Par": {"Type": "Parallel", "Branches": [
                  {"StartAt": "A1", "States": {
                    "A1": {"Type": "Pass", "Assign": {"mine": 1}, "Next": "A2"},
                    "A2": {"Type": "Pass", "Output": "{% $base + $mine %}", "End": true}}},
                  {"StartAt": "B1", "States": {
                    "B1": {"Type": "Pass", "Assign": {"mine": 2}, "Next": "B2"},
                    "B2": {"Type": "Pass", "Output": "{% $base + $mine %}", "End": true}}}],
                "Next": "Map"},
              "Map": {"Type": "Map", "Items": [1, 2, 3],
                "ItemProcessor": {"StartAt": "I1", "States": {
                  "I1": {"Type": "Pass", "Assign": {"item": "{% $states.input %}"}, "Next": "I2"},
                  "I2": {"Type": "Pass", "Output": "{% $base + $item %}", "End": true}}},
                "Output": {"par": "{% $states.input %}", "map": "{% $states.result %}"}, "Next": "After"},
              "After": {"Type": "Pass", "Output": {"all": "{% $states.input %}"}, "End": true}}}
            """#)
        #expect(result.output == ["all": ["par": [101, 102], "map": [101, 102, 103]]])
    }

    @Test("Inner variables vanish when the Map ends: reading one after it is a warning")
    func innerVanish() {
        let found = allDiagnostics(
            #"""
            {"QueryLanguage": "JSONata", "StartAt": "M", "States": {
              "M": {"Type": "Map", "Items": [1], "Next": "After",
                "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Pass", "Assign": {"item": 1}, "End": true}}}},
              "After": {"Type": "Pass", "Output": "{% $item %}", "End": true}}}
            """#)
        #expect(found.map(\.path.description) == ["States.After.Output"])
    }

    @Test("Assigning in an inner scope a name the outer scope assigns is a warning; AWS accepts it")
    func innerAssignsOuterName() {
        let found = allDiagnostics(
            #"""
            {"StartAt": "Set", "States": {
              "Set": {"Type": "Pass", "Assign": {"x": 1}, "Next": "M"},
              "M": {"Type": "Map", "ItemProcessor": {"StartAt": "I", "States": {
                "I": {"Type": "Pass", "Assign": {"x": 2}, "End": true}}}, "End": true}}}
            """#)
        #expect(found.map { "\($0.path): \($0.message)" } == [
            "States.M.ItemProcessor.States.I.Assign.x: the variable 'x' is also assigned in an enclosing scope; this value stays inside the Parallel branch or Map iteration"
        ])
        #expect(found.map(\.severity) == [.warning])
        #expect(found.map(\.code) == [.shadowedVariable])
    }

    @Test("A sibling branch's variables are not visible: reading one is a warning (AWS fails it at run time)")
    func siblingsInvisible() {
        let found = allDiagnostics(
            #"""
            {"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
              {"StartAt": "A", "States": {"A": {"Type": "Pass", "Assign": {"fromA": 1}, "End": true}}},
              {"StartAt": "B", "States": {"B": {"Type": "Pass", "Parameters": {"v.$": "$fromA"}, "End": true}}}]}}}
            """#)
        #expect(found.map { "\($0.path): \($0.message)" } == [
            "States.P.Branches[1].States.B.Parameters.v.$: the variable 'fromA' is read here but never assigned in this scope or an enclosing one"
        ])
    }

    @Test(
        "Reads of never-assigned variables are warned about; locals, lambda parameters and functions are not",
        arguments: [
            (#"{% $nope %}"#, ["nope"]),
            (#"{% $count($states.input) + $nope %}"#, ["nope"]),
            (#"{% ($local := 1; $local + 1) %}"#, []),
            (#"{% $map([1,2], function($v) { $v * 2 }) %}"#, []),
            (#"{% $map([1,2], $string) %}"#, []),
            (#"{% '$nope in a string' %}"#, []),
            (#"{% $defined %}"#, []),
        ] as [(String, [String])])
    func jsonataReads(expression: String, unknown: [String]) {
        let definition = #"""
            {"QueryLanguage": "JSONata", "StartAt": "Set", "States": {
              "Set": {"Type": "Pass", "Assign": {"defined": 1}, "Next": "P"},
              "P": {"Type": "Pass", "Output": {"v": "EXPR"}, "End": true}}}
            """#.replacingOccurrences(of: "EXPR", with: expression)
        let messages = allDiagnostics(definition).map(\.message)
        #expect(messages == unknown.map { "the variable '\($0)' is read here but never assigned in this scope or an enclosing one" })
    }

    @Test("JSONPath reads are found in '.$' values, '…Path' fields and Choice Variables, not in plain data")
    func jsonPathReads() {
        let found = allDiagnostics(
            #"""
            {"StartAt": "P", "States": {
              "P": {"Type": "Pass", "InputPath": "$a", "Parameters": {"FilePath": "$notRead", "x.$": "States.Format('{}', $b)", "y": "$c"}, "Next": "C"},
              "C": {"Type": "Choice", "Choices": [{"And": [{"Variable": "$d.v", "StringEqualsPath": "$e"}], "Next": "F"}], "Default": "F"},
              "F": {"Type": "Fail", "CausePath": "$f"}}}
            """#)
        #expect(found.map(\.message) == ["a", "b", "d", "e", "f"].map {
            "the variable '\($0)' is read here but never assigned in this scope or an enclosing one"
        })
        #expect(VariableReferences.jsonPathReads("States.Format('$x {}', $y.z, $$.Execution.Id, $.w)") == ["y"])
    }

    @Test("A variable assigned by a Catch on a Map is visible to the states after it")
    func catchAssignsOuter() async throws {
        let result = try await run(
            #"""
            {"QueryLanguage": "JSONata", "StartAt": "M", "States": {
              "M": {"Type": "Map", "Items": [1],
                "ItemProcessor": {"StartAt": "Boom", "States": {"Boom": {"Type": "Fail", "Error": "Inner.Failure"}}},
                "Catch": [{"ErrorEquals": ["States.ALL"], "Assign": {"failure": "{% $states.errorOutput.Error %}"}, "Next": "After"}],
                "End": true},
              "After": {"Type": "Pass", "Output": "{% $failure %}", "End": true}}}
            """#)
        #expect(result.output == "Inner.Failure")
    }
}
