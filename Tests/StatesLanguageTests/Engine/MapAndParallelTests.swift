import Foundation
import Testing

@testable import StatesLanguage

@Suite("Map and Parallel states")
struct MapAndParallelTests {
    static let work = "arn:aws:states:::aws-sdk:ec2:rebootInstances"

    /// A registry whose handler sleeps `seconds` on the clock, counting how many run at once.
    static func counting(_ probe: ConcurrencyProbe, seconds: Double = 10, failWhen: (@Sendable (JSONValue) -> Bool)? = nil) -> TaskRegistry {
        var registry = TaskRegistry()
        registry.register(for: work) { request in
            probe.enter()
            defer { probe.leave() }
            try await request.clock.sleep(seconds: seconds)
            if let failWhen, failWhen(request.input) { throw StatesError("Reboot.Failed", cause: "item \(request.input)") }
            return request.input
        }
        return registry
    }

    static func mapDefinition(_ extra: String) -> String {
        """
        {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.items", \(extra)
          "ItemProcessor": {"StartAt": "Work", "States": {
            "Work": {"Type": "Task", "Resource": "\(work)", "End": true}}}, "End": true}}}
        """
    }

    @Test("Map output keeps input order", arguments: [0, 1, 3])
    func order(concurrency: Int) async throws {
        let probe = ConcurrencyProbe()
        let items: [JSONValue] = (0..<12).map { .integer($0) }
        let result = try await run(
            Self.mapDefinition(#""MaxConcurrency": \#(concurrency),"#), input: ["items": .array(items)],
            registry: Self.counting(probe))
        #expect(result.output == .array(items))
    }

    @Test("MaxConcurrency is never exceeded; 0 means no limit", arguments: [(1, 1), (3, 3), (0, 20)] as [(Int, Int)])
    func concurrency(limit: Int, expectedPeak: Int) async throws {
        let probe = ConcurrencyProbe()
        let items: [JSONValue] = (0..<20).map { .integer($0) }
        let result = try await run(
            Self.mapDefinition(#""MaxConcurrency": \#(limit),"#), input: ["items": .array(items)],
            registry: Self.counting(probe))
        #expect(result.succeeded)
        #expect(probe.peakValue <= (limit == 0 ? 20 : limit))
        #expect(probe.peakValue == expectedPeak)
        #expect(probe.totalValue == 20)
    }

    @Test("MaxConcurrencyPath reads the limit from the input")
    func concurrencyPath() async throws {
        let probe = ConcurrencyProbe()
        let result = try await run(
            Self.mapDefinition(#""MaxConcurrencyPath": "$.batch","#),
            input: ["items": [1, 2, 3, 4, 5, 6], "batch": 2], registry: Self.counting(probe))
        #expect(result.succeeded)
        #expect(probe.peakValue == 2)
    }

    @Test("ItemSelector sees $$.Map.Item.Index and Value; $ is the Map's input")
    func itemSelector() async throws {
        let result = try await run(
            #"""
            {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.items",
              "ItemSelector": {"index.$": "$$.Map.Item.Index", "value.$": "$$.Map.Item.Value", "env.$": "$.env"},
              "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}}
            """#, input: ["items": ["a", "b"], "env": "prod"])
        #expect(result.output == [["index": 0, "value": "a", "env": "prod"], ["index": 1, "value": "b", "env": "prod"]])
    }

    @Test("The older Iterator and Parameters fields work like ItemProcessor and ItemSelector")
    func legacyFields() async throws {
        let result = try await run(
            #"""
            {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.items",
              "Parameters": {"v.$": "$$.Map.Item.Value"},
              "Iterator": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}}
            """#, input: ["items": [1, 2]])
        #expect(result.output == [["v": 1], ["v": 2]])
    }

    @Test("A failing iteration fails the Map with its own error and stops the others")
    func failure() async throws {
        let probe = ConcurrencyProbe()
        let result = try await run(
            Self.mapDefinition(#""MaxConcurrency": 2,"#), input: ["items": [1, 2, 3, 4, 5, 6, 7, 8]],
            registry: Self.counting(probe, failWhen: { $0 == 2 }))
        #expect(result.error?.name == "Reboot.Failed")
        #expect(probe.totalValue < 8)
        let names = eventNames(result)
        #expect(names.contains("MapIterationFailed"))
        #expect(names.contains("MapStateFailed"))
        #expect(!names.contains("MapStateExited"))
    }

    @Test("Tolerated failures let the Map succeed with error objects; exceeding them fails it")
    func tolerated() async throws {
        let probe = ConcurrencyProbe()
        let failing: @Sendable (JSONValue) -> Bool = { ($0.intValue ?? 0) % 4 == 0 }
        let ok = try await run(
            Self.mapDefinition(#""ToleratedFailureCount": 2,"#), input: ["items": [1, 2, 3, 4, 5, 6, 7, 8]],
            registry: Self.counting(probe, failWhen: failing))
        #expect(ok.succeeded)
        #expect(ok.output?[3] == ["Error": "Reboot.Failed", "Cause": "item 4"])
        let over = try await run(
            Self.mapDefinition(#""ToleratedFailurePercentage": 10,"#), input: ["items": [1, 2, 3, 4, 5, 6, 7, 8]],
            registry: Self.counting(probe, failWhen: failing))
        #expect(over.error?.name == .exceedToleratedFailureThreshold)
    }

    @Test("ItemsPath must select an array")
    func itemsNotArray() async throws {
        let result = try await run(Self.mapDefinition(""), input: ["items": "nope"])
        #expect(result.error?.name == .runtime)
    }

    @Test("Map history: started with its length, one iteration pair per item, named after the Map state")
    func history() async throws {
        let result = try await run(
            #"""
            {"StartAt": "M", "States": {"M": {"Type": "Map", "MaxConcurrency": 1,
              "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}}
            """#, input: [1, 2])
        #expect(
            eventNames(result) == [
                "ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapIterationStarted", "PassStateEntered",
                "PassStateExited", "MapIterationSucceeded", "MapIterationStarted", "PassStateEntered", "PassStateExited",
                "MapIterationSucceeded", "MapStateSucceeded", "MapStateExited", "ExecutionSucceeded",
            ])
        let started = result.history.first { $0.kind.name == "MapStateStarted" }
        #expect(started?.kind == .mapStateStarted(length: 2))
        #expect(result.history.contains { $0.kind == .mapIterationStarted(name: "M", index: 1) })
    }

    @Test("Parallel runs branches at once and outputs their results in branch order")
    func parallel() async throws {
        let probe = ConcurrencyProbe()
        let result = try await run(
            #"""
            {"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
              {"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "\#(Self.work)", "Parameters": {"b": 1}, "End": true}}},
              {"StartAt": "B", "States": {"B": {"Type": "Task", "Resource": "\#(Self.work)", "Parameters": {"b": 2}, "End": true}}},
              {"StartAt": "C", "States": {"C": {"Type": "Pass", "Result": "c", "End": true}}}]}}}
            """#, registry: Self.counting(probe))
        #expect(result.output == [["b": 1], ["b": 2], "c"])
        #expect(probe.peakValue == 2)
        #expect(eventNames(result).contains("ParallelStateStarted"))
        #expect(eventNames(result).contains("ParallelStateSucceeded"))
    }

    @Test("A failing branch fails the Parallel state, which a Catch can handle")
    func parallelFailure() async throws {
        let result = try await run(
            #"""
            {"StartAt": "P", "States": {
              "P": {"Type": "Parallel", "Next": "Done", "Catch": [{"ErrorEquals": ["Oops"], "Next": "Caught"}], "Branches": [
                {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "Oops", "Cause": "branch failed"}}},
                {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 1000, "End": true}}}]},
              "Caught": {"Type": "Pass", "End": true},
              "Done": {"Type": "Succeed"}}}
            """#)
        #expect(result.output == ["Error": "Oops", "Cause": "branch failed"])
        #expect(result.statesEntered.last == "Caught")
        #expect(result.stopDate.timeIntervalSince(testEpoch) < 1000)
    }

    @Test(
        "A retried Map or Parallel records …StateFailed only when the failure is final (recordings test_map_state_retry…)",
        arguments: [
            (#"{"Type": "Map", "ItemProcessor": {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "E"}}}"#, "Map"),
            (#"{"Type": "Parallel", "Branches": [{"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "E"}}}]"#, "Parallel"),
        ])
    func retriedFailure(state: String, type: String) async throws {
        let result = try await run(
            #"{"StartAt": "S", "States": {"S": \#(state), "Retry": [{"ErrorEquals": ["E"], "MaxAttempts": 2}], "End": true}}}"#,
            input: [1])
        let events = eventNames(result)
        #expect(events.filter { $0 == "\(type)StateStarted" }.count == 3)
        #expect(events.filter { $0 == "\(type)StateFailed" }.count == 1)
        #expect(Array(events.suffix(2)) == ["\(type)StateFailed", "ExecutionFailed"])
        let caught = try await run(
            #"{"StartAt": "S", "States": {"S": \#(state), "Retry": [{"ErrorEquals": ["E"], "MaxAttempts": 1}], "Catch": [{"ErrorEquals": ["E"], "Next": "C"}], "Next": "C"}, "C": {"Type": "Succeed"}}}"#,
            input: [1])
        #expect(eventNames(caught).filter { $0 == "\(type)StateFailed" }.count == 1)
        #expect(eventNames(caught).contains("\(type)StateExited"))
    }

    @Test(
        "Refused …Path values of a Map use AWS's causes; tolerated failures are read after MapStateStarted",
        arguments: [
            ("ToleratedFailureCountPath", -1 as JSONValue, "ToleratedFailureCount cannot be negative.", true),
            ("ToleratedFailureCountPath", [:], #"The ToleratedFailureCountPath field refers to value "{}" which is not a valid integer: $.v"#, true),
            ("ToleratedFailurePercentagePath", -1.1, "ToleratedFailurePercentage must be between 0 and 100.", true),
            ("ToleratedFailurePercentagePath", 100.5, "ToleratedFailurePercentage must be between 0 and 100.", true),
            ("ToleratedFailurePercentagePath", "NoNumber", #"The ToleratedFailurePercentagePath field refers to value "NoNumber" which is not a valid float: $.v"#, true),
            ("MaxConcurrencyPath", "NoNumber", #"The MaxConcurrencyPath field refers to value "NoNumber" which is not a valid integer: $.v"#, false),
            ("MaxConcurrencyPath", 1.5, #"The MaxConcurrencyPath field refers to value "1.5" which is not a valid integer: $.v"#, false),
        ] as [(String, JSONValue, String, Bool)])
    func refusedPathValues(field: String, value: JSONValue, cause: String, afterStart: Bool) async throws {
        let result = try await run(
            #"""
            {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.items", "\#(field)": "$.v",
              "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}}
            """#, input: ["items": [0], "v": value])
        #expect(result.error?.name == .runtime)
        #expect(result.error?.cause == "An error occurred while executing the state 'M' (entered at the event id #2). \(cause)")
        #expect(
            eventNames(result)
                == ["ExecutionStarted", "MapStateEntered"] + (afterStart ? ["MapStateStarted"] : []) + ["ExecutionFailed"])
    }

    @Test("A JSONata Map without Items whose input is not an array: AWS's cause, then MapStateFailed")
    func mapInputNotArray() async throws {
        let result = try await run(
            #"""
            {"QueryLanguage": "JSONata", "StartAt": "M", "States": {"M": {"Type": "Map",
              "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}}
            """#, input: ["foo": "bar"])
        #expect(result.error?.cause == #"An error occurred while executing the state 'M' (entered at the event id #2). Map state input must be an array but was: {"foo":"bar"}"#)
        #expect(eventNames(result) == ["ExecutionStarted", "MapStateEntered", "EvaluationFailed", "MapStateFailed", "ExecutionFailed"])
    }
}
