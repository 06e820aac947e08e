import Foundation
import Testing

@testable import StatesLanguage

/// Values at the edges (far-future times, huge back-off, deep nesting) end executions cleanly.
@Suite("Extreme values at run time")
struct ExtremeValueTests {
    @Test("A wait past a year ends the execution TIMED_OUT: a standard workflow runs at most a year")
    func farFutureWait() async throws {
        let result = try await run(
            #"{"StartAt": "W", "States": {"W": {"Type": "Wait", "Timestamp": "2090-01-01T00:00:00Z", "End": true}}}"#)
        #expect(result.status.name == "TIMED_OUT")
        #expect(result.stopDate.timeIntervalSince(testEpoch) == 31_536_000)
        let longest = try await run(
            #"{"StartAt": "W", "States": {"W": {"Type": "Wait", "SecondsPath": "$.s", "End": true}}}"#,
            input: ["s": 2_147_483_647])
        #expect(longest.status.name == "TIMED_OUT")
    }

    @Test(
        "A wait longer than 2^31 - 1 seconds fails with States.Runtime 'Wait state delay is too long.' (recorded: test_timestamp_too_far_in_future_boundary)",
        arguments: [
            (#"{"Type": "Wait", "Timestamp": "2700-01-01T00:00:00Z", "End": true}"#, [:]),
            (#"{"Type": "Wait", "SecondsPath": "$.s", "End": true}"#, ["s": 2_147_483_648]),
            (#"{"Type": "Wait", "SecondsPath": "$.s", "End": true}"#, ["s": .number(.integer(Int64.max))]),
            // 24,856 days after the start, as recorded; 24,855 days is within the bound.
            (#"{"Type": "Wait", "TimestampPath": "$.at", "End": true}"#, ["at": "2094-01-20T00:00:00.000Z"]),
            (#"{"Type": "Wait", "Seconds": "{% 2147483648 %}", "QueryLanguage": "JSONata", "End": true}"#, [:]),
        ] as [(String, JSONValue)])
    func waitTooLong(state: String, input: JSONValue) async throws {
        let result = try await run(#"{"StartAt": "W", "States": {"W": \#(state)}}"#, input: input)
        #expect(result.status.name == "FAILED")
        #expect(result.error?.name == .runtime)
        #expect(result.error?.cause == "An error occurred while executing the state 'W' (entered at the event id #2). Wait state delay is too long.")
        #expect(eventNames(result) == ["ExecutionStarted", "WaitStateEntered", "ExecutionFailed"])
    }

    @Test("A TimestampPath 24,855 days ahead is within AWS's bound")
    func longestAcceptedTimestamp() async throws {
        let result = try await run(
            #"{"StartAt": "W", "States": {"W": {"Type": "Wait", "TimestampPath": "$.at", "End": true}}}"#,
            input: ["at": "2094-01-19T00:00:00.000Z"])
        #expect(result.status.name == "TIMED_OUT")
    }

    @Test("Huge back-off rates stay finite, with or without jitter")
    func hugeBackoff() async throws {
        var registry = TaskRegistry()
        registry.register(for: "arn:aws:states:::sns:publish") { _ in throw StatesError("Boom") }
        for jitter in ["FULL", "NONE"] {
            let result = try await run(
                #"""
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
                  "Retry": [{"ErrorEquals": ["Boom"], "BackoffRate": 1e300, "MaxAttempts": 3, "JitterStrategy": "\#(jitter)"}],
                  "End": true}}}
                """#, registry: registry)
            #expect(result.status.name == "FAILED" || result.status.name == "TIMED_OUT")
        }
    }

    @Test("A MaxConcurrencyPath beyond any real limit means no limit")
    func hugeConcurrency() async throws {
        let result = try await run(
            #"""
            {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.i", "MaxConcurrencyPath": "$.c",
              "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}}
            """#, input: ["c": 1e19, "i": [1, 2]])
        #expect(result.output == [1, 2])
    }

    @Test("A value nested deeper on every loop fails with States.DataLimitExceeded instead of exhausting the stack")
    func deepNesting() async throws {
        let result = try await run(
            #"""
            {"StartAt": "A", "States": {"A": {"Type": "Pass", "Parameters": {"p.$": "$"}, "Next": "C"},
              "C": {"Type": "Choice", "Choices": [{"Variable": "$.stop", "IsPresent": true, "Next": "Z"}], "Default": "A"},
              "Z": {"Type": "Succeed"}}}
            """#,
            limits: .unlimited)
        #expect(result.error?.name == .dataLimitExceeded)
        #expect(result.error?.cause?.contains("nested deeper than 512 levels") == true)
    }

    @Test("The payload quota covers the input a task is scheduled with")
    func parametersTooLarge() async throws {
        var registry = TaskRegistry()
        registry.register(for: "arn:aws:states:::sns:publish") { _ in [:] }
        let chunk = JSONValue.string(String(repeating: "x", count: 100_000))
        let result = try await run(
            #"""
            {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
              "Parameters": {"a.$": "$.s", "b.$": "$.s", "c.$": "$.s"}, "End": true}}}
            """#, input: ["s": chunk], registry: registry)
        #expect(result.error?.name == .dataLimitExceeded)
        #expect(!eventNames(result).contains("TaskScheduled"))
    }

    @Test("Timestamps outside years 1–9999 are clamped when formatted")
    func clampedTimestamps() {
        #expect(Timestamp.format(Date(timeIntervalSince1970: 1e15)) == "9999-12-31T23:59:59.999Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: 1_767_225_600.5)) == "2026-01-01T00:00:00.500Z")
    }
}
