import Foundation
import Testing

@testable import StatesLanguage

@Suite("JSONata states at run time")
struct JSONataExecutionTests {
    static let sns = "arn:aws:states:::sns:publish"

    @Test("Arguments build the task input, Output shapes the state output from $states.result")
    func argumentsAndOutput() async throws {
        var registry = TaskRegistry()
        registry.register(for: Self.sns) { request in
            #expect(request.input == ["Message": "hello Ada", "Fixed": [1, "two"], "TopicArn": "t"])
            return ["MessageId": "m-1"]
        }
        let result = try await run(
            #"""
            {"QueryLanguage": "JSONata", "StartAt": "Notify", "States": {"Notify": {"Type": "Task",
              "Resource": "arn:aws:states:::sns:publish",
              "Arguments": {"Message": "{% 'hello ' & $states.input.name %}", "Fixed": [1, "two"], "TopicArn": "t"},
              "Output": {"id": "{% $states.result.MessageId %}", "name": "{% $states.input.name %}"}, "End": true}}}
            """#, input: ["name": "Ada"], registry: registry)
        #expect(result.output == ["id": "m-1", "name": "Ada"])
    }

    @Test("Without Arguments a task gets the state input; without Output the state output is the result")
    func defaults() async throws {
        var registry = TaskRegistry()
        registry.register(for: Self.sns) { request in
            #expect(request.input == ["a": 1])
            return ["r": 2]
        }
        let result = try await run(
            #"""
            {"QueryLanguage": "JSONata", "StartAt": "T", "States": {"T": {"Type": "Task",
              "Resource": "arn:aws:states:::sns:publish", "End": true}}}
            """#, input: ["a": 1], registry: registry)
        #expect(result.output == ["r": 2])
    }

    @Test("Pass, Succeed and Wait pass their input through unless Output says otherwise")
    func passThrough() async throws {
        let result = try await run(
            #"""
            {"QueryLanguage": "JSONata", "StartAt": "P", "States": {
              "P": {"Type": "Pass", "Next": "W"},
              "W": {"Type": "Wait", "Seconds": "{% $states.input.delay %}", "Output": {"waited": "{% $states.input.delay %}"}, "Next": "S"},
              "S": {"Type": "Succeed", "Output": "{% $merge([$states.input, {'done': true}]) %}"}}}
            """#, input: ["delay": 30])
        #expect(result.output == ["waited": 30, "done": true])
        let exited = try #require(result.history.last { $0.kind.name == "WaitStateExited" })
        let entered = try #require(result.history.first { $0.kind.name == "WaitStateEntered" })
        #expect(exited.timestamp.timeIntervalSince(entered.timestamp) == 30)
    }

    @Test("Choice: the first true Condition wins, with its own Output; the state's Output is used only for Default")
    func choice() async throws {
        let definition = #"""
            {"QueryLanguage": "JSONata", "StartAt": "C", "States": {
              "C": {"Type": "Choice", "Output": {"branch": "default"},
                "Choices": [
                  {"Condition": "{% $states.input.n > 10 %}", "Next": "Big", "Output": {"branch": "big"}},
                  {"Condition": "{% $states.input.n > 5 %}", "Next": "Big"}],
                "Default": "Small"},
              "Big": {"Type": "Succeed"},
              "Small": {"Type": "Succeed"}}}
            """#
        let big = try await run(definition, input: ["n": 11])
        #expect(big.output == ["branch": "big"])
        #expect(big.history.contains { $0.kind.name == "SucceedStateEntered" && $0.jsonValue["stateEnteredEventDetails"]?["name"] == "Big" })
        let small = try await run(definition, input: ["n": 1])
        #expect(small.output == ["branch": "default"])
        // A matched rule without Output passes the input through; the state's Output is for Default only.
        let middle = try await run(definition, input: ["n": 7])
        #expect(middle.output == ["n": 7])
    }

    @Test("A Condition that is not a Boolean fails with States.QueryEvaluationError")
    func nonBooleanCondition() async throws {
        let result = try await run(
            #"""
            {"QueryLanguage": "JSONata", "StartAt": "C", "States": {
              "C": {"Type": "Choice", "Choices": [{"Condition": "{% $states.input.n %}", "Next": "D"}], "Default": "D"},
              "D": {"Type": "Succeed"}}}
            """#, input: ["n": 3])
        #expect(result.error?.name == .queryEvaluationError)
        #expect(result.error?.cause == "An error occurred while executing the state 'C' (entered at the event id #2). The JSONata expression '$states.input.n' specified for the field 'Choices[0]/Condition' returned an unexpected result type. Expected 'boolean', but was 'number' for value: 3")
    }

    @Test("Map: Items (literal or expression), ItemSelector with $states.context.Map.Item, MaxConcurrency expression")
    func map() async throws {
        let result = try await run(
            #"""
            {"QueryLanguage": "JSONata", "StartAt": "M", "States": {"M": {"Type": "Map",
              "Items": "{% $states.input.values %}", "MaxConcurrency": "{% 1 %}",
              "ItemSelector": {"v": "{% $states.context.Map.Item.Value * 10 %}", "i": "{% $states.context.Map.Item.Index %}"},
              "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "Output": "{% $states.input.v + $states.input.i %}", "End": true}}},
              "Output": {"sum": "{% $sum($states.result) %}"}, "End": true}}}
            """#, input: ["values": [1, 2, 3]])
        #expect(result.output == ["sum": 63])  // 10+0, 20+1, 30+2
        let literal = try await run(
            #"""
            {"QueryLanguage": "JSONata", "StartAt": "M", "States": {"M": {"Type": "Map",
              "Items": [1, "{% $states.input.x %}"],
              "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}}
            """#, input: ["x": "two"])
        #expect(literal.output == [1, "two"])
    }

    @Test("A JSONata field that evaluates to a function returned 'an unsupported result type' (recording …jsonata_fail[function])")
    func functionResult() async throws {
        let result = try await run(
            #"""
            {"QueryLanguage": "JSONata", "StartAt": "M", "States": {"M": {"Type": "Map",
              "Items": "{% $fn := function($x){$x} %}",
              "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}}
            """#)
        #expect(result.error?.cause == "An error occurred while executing the state 'M' (entered at the event id #2). The JSONata expression '$fn := function($x){$x}' specified for the field 'Items' returned an unsupported result type.")
        let undefined = try await run(
            #"{"QueryLanguage": "JSONata", "StartAt": "P", "States": {"P": {"Type": "Pass", "Output": "{% $states.input.none %}", "End": true}}}"#)
        #expect(undefined.error?.cause?.hasSuffix("returned nothing (undefined).") == true)
    }

    @Test("Map Items that is not an array fails with AWS's cause and an EvaluationFailed event")
    func mapItemsNotArray() async throws {
        let result = try await run(
            #"""
            {"QueryLanguage": "JSONata", "StartAt": "M", "States": {"M": {"Type": "Map",
              "Items": "{% $states.input.x %}",
              "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}}
            """#, input: ["x": "text"])
        #expect(result.error?.name == .queryEvaluationError)
        #expect(result.error?.cause?.hasSuffix("The JSONata expression '$states.input.x' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was 'string' for value: \"text\"") == true)
        // MapStateFailed follows EvaluationFailed (recordings test_map_state_items_eval_jsonata_fail…).
        #expect(eventNames(result) == ["ExecutionStarted", "MapStateEntered", "EvaluationFailed", "MapStateFailed", "ExecutionFailed"])
        let failed = try #require(result.history.first { $0.kind.name == "EvaluationFailed" })
        #expect(failed.jsonValue["evaluationFailedEventDetails"]?["location"] == "Items")
        #expect(failed.jsonValue["evaluationFailedEventDetails"]?["state"] == "M")
        #expect(failed.jsonValue["evaluationFailedEventDetails"]?["error"] == "States.QueryEvaluationError")
    }

    @Test("Parallel: Arguments is every branch's input; $states.result is the array of branch outputs")
    func parallel() async throws {
        let result = try await run(
            #"""
            {"QueryLanguage": "JSONata", "StartAt": "P", "States": {"P": {"Type": "Parallel",
              "Arguments": {"n": "{% $states.input.n * 2 %}"},
              "Branches": [
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "Output": "{% $states.input.n + 1 %}", "End": true}}},
                {"StartAt": "B", "States": {"B": {"Type": "Pass", "Output": "{% $states.input.n + 2 %}", "End": true}}}],
              "Output": {"results": "{% $states.result %}"}, "End": true}}}
            """#, input: ["n": 5])
        #expect(result.output == ["results": [11, 12]])
    }

    @Test("Fail: Error and Cause may be expressions")
    func fail() async throws {
        let result = try await run(
            #"""
            {"QueryLanguage": "JSONata", "StartAt": "F", "States": {"F": {"Type": "Fail",
              "Error": "{% 'Custom.' & $states.input.kind %}", "Cause": "{% 'bad ' & $string($states.input.n) %}"}}}
            """#, input: ["kind": "Oops", "n": 4])
        #expect(result.error == StatesError("Custom.Oops", cause: "bad 4"))
    }

    @Test("An expression that returns nothing fails the state, naming the field")
    func undefinedResult() async throws {
        let result = try await run(
            #"""
            {"QueryLanguage": "JSONata", "StartAt": "P", "States": {"P": {"Type": "Pass",
              "Output": {"a": {"b": ["{% $states.input.missing %}"]}}, "End": true}}}
            """#)
        #expect(result.error == StatesError(
            .queryEvaluationError,
            cause: "An error occurred while executing the state 'P' (entered at the event id #2). The JSONata expression '$states.input.missing' specified for the field 'Output/a/b[0]' returned nothing (undefined)."))
    }

    @Test("TimeoutSeconds as an expression bounds the task on the execution's clock")
    func timeoutExpression() async throws {
        var registry = TaskRegistry()
        registry.register(for: Self.sns) { request in
            try await request.clock.sleep(seconds: 100)
            return [:]
        }
        let result = try await run(
            #"""
            {"QueryLanguage": "JSONata", "StartAt": "T", "States": {"T": {"Type": "Task",
              "Resource": "arn:aws:states:::sns:publish", "TimeoutSeconds": "{% $states.input.t %}", "End": true}}}
            """#, input: ["t": 5], registry: registry)
        #expect(result.error?.name == .timeout)
        let scheduled = try #require(result.history.first { $0.kind.name == "TaskScheduled" })
        #expect(scheduled.jsonValue["taskScheduledEventDetails"]?["timeoutInSeconds"] == 5)
    }

    @Test("ToleratedFailureCount as an expression lets the Map absorb failures")
    func toleratedFailures() async throws {
        let definition = #"""
            {"QueryLanguage": "JSONata", "StartAt": "M", "States": {"M": {"Type": "Map", "Items": [1, 2, 3],
              "ToleratedFailureCount": "{% $states.input.tolerate %}",
              "ItemProcessor": {"StartAt": "C", "States": {
                "C": {"Type": "Choice", "Choices": [{"Condition": "{% $states.input = 2 %}", "Next": "Bad"}], "Default": "Good"},
                "Bad": {"Type": "Fail", "Error": "Item.Bad"},
                "Good": {"Type": "Succeed"}}},
              "End": true}}}
            """#
        let tolerant = try await run(definition, input: ["tolerate": 1])
        #expect(tolerant.output == [1, ["Error": "Item.Bad"], 3])
        let strict = try await run(definition, input: ["tolerate": 0])
        #expect(strict.error?.name == .exceedToleratedFailureThreshold)
    }

    @Test("A number field whose expression is not a positive integer fails with QueryEvaluationError")
    func badNumberField() async throws {
        let result = try await run(
            #"""
            {"QueryLanguage": "JSONata", "StartAt": "T", "States": {"T": {"Type": "Task",
              "Resource": "arn:aws:states:::sns:publish", "HeartbeatSeconds": "{% 'soon' %}", "End": true}}}
            """#)
        #expect(result.error?.name == .queryEvaluationError)
        #expect(result.error?.cause?.hasSuffix("The JSONata expression ''soon'' specified for the field 'HeartbeatSeconds' returned an unexpected result type. Expected 'integer', but was 'string' for value: \"soon\"") == true)
        #expect(eventNames(result) == ["ExecutionStarted", "TaskStateEntered", "EvaluationFailed", "ExecutionFailed"])
    }

    @Test("An ItemSelector failure fails the iteration and the Map with QueryEvaluationError")
    func itemSelectorFailure() async throws {
        let result = try await run(
            #"""
            {"QueryLanguage": "JSONata", "StartAt": "M", "States": {"M": {"Type": "Map", "Items": [1],
              "ItemSelector": {"v": "{% $states.input.missing %}"},
              "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}}
            """#)
        #expect(result.error?.name == .queryEvaluationError)
        #expect(result.error?.cause?.contains("'ItemSelector/v' returned nothing (undefined)") == true)
        #expect(eventNames(result).contains("MapIterationFailed"))
    }

    @Test("$now() and $millis() read the execution's clock")
    func virtualNow() async throws {
        let result = try await run(
            #"""
            {"QueryLanguage": "JSONata", "StartAt": "P", "States": {"P": {"Type": "Pass",
              "Output": {"now": "{% $now() %}", "millis": "{% $millis() %}"}, "End": true}}}
            """#)
        #expect(result.output?["now"] == "2026-01-01T00:00:00.000Z")
        #expect(result.output?["millis"] == .integer(1_767_225_600_000))
    }

    @Test("$states.context is the context object")
    func context() async throws {
        let result = try await run(
            #"""
            {"QueryLanguage": "JSONata", "StartAt": "P", "States": {"P": {"Type": "Pass",
              "Output": {"state": "{% $states.context.State.Name %}", "execution": "{% $states.context.Execution.Name %}"}, "End": true}}}
            """#)
        #expect(result.output == ["state": "P", "execution": "test"])
    }
}
