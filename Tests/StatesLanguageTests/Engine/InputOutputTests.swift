import Testing

@testable import StatesLanguage

@Suite("Input and output processing")
struct InputOutputTests {
    @Test("InputPath → Parameters → Result → ResultPath → OutputPath, in AWS's order")
    func order() async throws {
        let result = try await run(
            #"""
            {"StartAt": "P", "States": {"P": {"Type": "Pass", "InputPath": "$.a",
              "Parameters": {"picked.$": "$.b", "fixed": 1}, "ResultPath": "$.a.out", "OutputPath": "$.a", "End": true}}}
            """#, input: ["a": ["b": "x"], "other": true])
        #expect(result.output == ["b": "x", "out": ["picked": "x", "fixed": 1]])
    }

    @Test("ResultPath null keeps the input; InputPath null gives {}; OutputPath null gives {}")
    func nulls() async throws {
        let discard = try await run(
            #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": 5, "ResultPath": null, "End": true}}}"#,
            input: ["k": 1])
        #expect(discard.output == ["k": 1])
        let emptyInput = try await run(
            #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "InputPath": null, "End": true}}}"#, input: ["k": 1])
        #expect(emptyInput.output == [:])
        let emptyOutput = try await run(
            #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "OutputPath": null, "End": true}}}"#, input: ["k": 1])
        #expect(emptyOutput.output == [:])
    }

    @Test("ResultPath creates the objects on its way")
    func nestedResultPath() async throws {
        let result = try await run(
            #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": "r", "ResultPath": "$.x.y.z", "End": true}}}"#,
            input: ["k": 1])
        #expect(result.output == ["k": 1, "x": ["y": ["z": "r"]]])
    }

    @Test("Result is static: '.$' keys inside it are not evaluated")
    func staticResult() async throws {
        let result = try await run(
            #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": {"a.$": "$.x"}, "End": true}}}"#,
            input: ["x": 1])
        #expect(result.output == ["a.$": "$.x"])
    }

    @Test("A Parameters path that selects nothing fails with States.Runtime naming state, field and input")
    func missingParameterPath() async throws {
        let result = try await run(
            #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"x.$": "$.missing"}, "End": true}}}"#,
            input: ["a": [1]])
        #expect(result.status.name == "FAILED")
        #expect(result.error?.name == .runtime)
        #expect(
            result.error?.cause
                == "An error occurred while executing the state 'P' (entered at the event id #2). The JSONPath '$.missing' specified for the field 'x.$' could not be found in the input '{\"a\":[1]}'"
        )
    }

    @Test("An InputPath that selects nothing fails with AWS's Jayway-style cause")
    func missingInputPath() async throws {
        let result = try await run(
            #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "InputPath": "$.Payload", "End": true}}}"#)
        #expect(result.error?.name == .runtime)
        #expect(
            result.error?.cause
                == "An error occurred while executing the state 'P' (entered at the event id #2). Invalid path '$.Payload' : No results for path: $['Payload']"
        )
    }

    @Test(
        "A key missing before the end of an OutputPath is Jayway's 'Missing property in path'; a missing last key 'No results'",
        arguments: [
            ("$.a.b.c", "Missing property in path $['a']['b']"),
            ("$.a.x", "No results for path: $['a']['x']"),
            ("$.missing.b", "Missing property in path $['missing']"),
            ("$.a.list[3].c", "No results for path: $['a']['list'][3]['c']"),
        ])
    func missingOutputPathSegment(path: String, message: String) async throws {
        let result = try await run(
            #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "OutputPath": "\#(path)", "End": true}}}"#,
            input: ["a": ["list": [1]]])
        #expect(result.error?.name == .runtime)
        #expect(result.error?.cause == "An error occurred while executing the state 'P' (entered at the event id #2). Invalid path '\(path)' : \(message)")
    }

    @Test("The context object is reachable with $$ and keeps AWS's shape")
    func contextObject() async throws {
        let result = try await run(
            #"""
            {"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {
              "id.$": "$$.Execution.Id", "name.$": "$$.Execution.Name", "start.$": "$$.Execution.StartTime",
              "state.$": "$$.State.Name", "entered.$": "$$.State.EnteredTime", "machine.$": "$$.StateMachine.Name",
              "input.$": "$$.Execution.Input"}, "End": true}}}
            """#, input: ["n": 1])
        #expect(
            result.output == [
                "id": "arn:aws:states:us-east-1:123456789012:execution:StateMachine:test", "name": "test",
                "start": "2026-01-01T00:00:00.000Z", "state": "P", "entered": "2026-01-01T00:00:00.000Z",
                "machine": "StateMachine", "input": ["n": 1],
            ])
    }

    @Test("Payloads over 256 KiB fail with States.DataLimitExceeded; the limit can be lifted")
    func payloadLimit() async throws {
        let big = JSONValue.string(String(repeating: "x", count: 300_000))
        let definition = #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": "big", "ResultPath": "$.r", "End": true}}}"#
        let limited = try await run(definition, input: ["blob": big])
        #expect(limited.error?.name == .dataLimitExceeded)
        // AWS's cause, word for word; the size and the limit in the detail
        #expect(limited.error?.cause == "The state/task 'execution input' returned a result with a size exceeding the maximum number of bytes service limit.")
        #expect(limited.error?.detail == "the result is 300011 bytes of UTF-8 JSON; the limit is 262144 bytes")
        let lifted = try await run(definition, input: ["blob": big], limits: .unlimited)
        #expect(lifted.succeeded)
    }

    @Test("Integers beyond 64 bits pass through a workflow with every digit")
    func bigIntegerInput() async throws {
        let input = try JSONValue(parsing: #"{"v": 9223372036854775808, "w": [123456789012345678901234567890]}"#)
        let result = try await run(
            #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"v.$": "$.v", "w.$": "$.w[0]"}, "End": true}}}"#,
            input: input)
        #expect(result.output?.jsonString() == #"{"v":9223372036854775808,"w":123456789012345678901234567890}"#)
        #expect(result.describeExecutionJSON["output"]?.stringValue == #"{"v":9223372036854775808,"w":123456789012345678901234567890}"#)
    }

    @Test("States.ALL catches an oversized task result (recorded: …catch_state_all_data_limit_exceeded…)")
    func dataLimitCaughtByAll() async throws {
        var registry = TaskRegistry()
        registry.register(for: "arn:aws:states:::lambda:invoke") { _ in .string(String(repeating: "é", count: 140_000)) }
        let result = try await run(
            #"""
            {"StartAt": "T", "States": {
              "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Done",
                "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Handled"}]},
              "Done": {"Type": "Succeed"}, "Handled": {"Type": "Pass", "End": true}}}
            """#, registry: registry)
        #expect(result.statesEntered == ["T", "Handled"])
        #expect(result.output?["Error"] == "States.DataLimitExceeded")
    }
}

@Suite("ResultPath conflicts")
struct ResultPathConflictTests {
    @Test("A ResultPath through a non-object fails with States.ReferencePathConflict, which Catch does not take")
    func conflict() async throws {
        var registry = TaskRegistry()
        registry.register(for: "arn:aws:states:::sns:publish") { _ in "sent" }
        let result = try await run(
            #"""
            {"StartAt": "T", "States": {
              "T": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "ResultPath": "$.a.b",
                "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "H"}], "End": true},
              "H": {"Type": "Succeed"}}}
            """#, input: ["a": "text"], registry: registry)
        #expect(result.error?.name == .referencePathConflict)
        #expect(!result.statesEntered.contains("H"))
    }
}
