import Testing

@testable import StatesLanguage

@Suite("Choice state")
struct ChoiceStateTests {
    /// Runs a Choice with one rule `{"Variable": "$.v", <rule>}` and reports whether it matched.
    static func matches(_ rule: String, _ value: JSONValue, other: JSONValue = .null) async throws -> Bool {
        let result = try await run(
            """
            {"StartAt": "C", "States": {
              "C": {"Type": "Choice", "Choices": [{"Variable": "$.v", \(rule), "Next": "Yes"}], "Default": "No"},
              "Yes": {"Type": "Pass", "Result": true, "End": true},
              "No": {"Type": "Pass", "Result": false, "End": true}}}
            """, input: ["v": value, "other": other])
        guard let matched = result.output?.boolValue else {
            Issue.record("the Choice state did not produce a Boolean: \(result.status)")
            return false
        }
        return matched
    }

    @Test(
        "Comparison operators",
        arguments: [
            (#""StringEquals": "abc""#, "abc", true), (#""StringEquals": "abc""#, "abd", false),
            (#""StringEquals": "1""#, 1, false),
            (#""StringLessThan": "b""#, "a", true), (#""StringGreaterThan": "b""#, "a", false),
            (#""StringLessThanEquals": "a""#, "a", true), (#""StringGreaterThanEquals": "a""#, "b", true),
            (#""StringMatches": "log-*.txt""#, "log-2026.txt", true), (#""StringMatches": "log-*.txt""#, "log.txt", false),
            (#""StringMatches": "a\\*b""#, "a*b", true), (#""StringMatches": "a\\*b""#, "axb", false),
            (#""StringMatches": "back\\\\slash""#, "back\\slash", true),
            (#""StringMatches": "*""#, "", true),
            (#""NumericEquals": 3"#, 3.0, true), (#""NumericEquals": 3"#, "3", false),
            (#""NumericLessThan": 3"#, 2.5, true), (#""NumericGreaterThan": 3"#, 3, false),
            (#""NumericLessThanEquals": 3"#, 3, true), (#""NumericGreaterThanEquals": 3"#, 4, true),
            (#""BooleanEquals": true"#, true, true), (#""BooleanEquals": true"#, "true", false),
            (#""TimestampEquals": "2026-01-01T00:00:00Z""#, "2026-01-01T08:00:00+08:00", true),
            (#""TimestampLessThan": "2026-01-01T00:00:00Z""#, "2025-12-31T23:59:59.999Z", true),
            (#""TimestampGreaterThan": "2026-01-01T00:00:00Z""#, "2026-01-01T00:00:01Z", true),
            (#""TimestampLessThanEquals": "2026-01-01T00:00:00Z""#, "2026-01-01T00:00:00Z", true),
            (#""TimestampGreaterThanEquals": "2026-01-01T00:00:00Z""#, "not a time", false),
            (#""IsNull": true"#, nil, true), (#""IsNull": false"#, 0, true),
            (#""IsPresent": true"#, 0, true),
            (#""IsNumeric": true"#, 1.5, true), (#""IsNumeric": true"#, "1.5", false),
            (#""IsString": true"#, "x", true), (#""IsBoolean": false"#, "x", true),
            (#""IsTimestamp": true"#, "2026-01-01T00:00:00Z", true), (#""IsTimestamp": true"#, "2026-01-01 00:00:00", false),
        ] as [(String, JSONValue, Bool)])
    func comparison(rule: String, value: JSONValue, expected: Bool) async throws {
        #expect(try await Self.matches(rule, value) == expected)
    }

    @Test(
        "Path variants compare against another field",
        arguments: [
            (#""StringEqualsPath": "$.other""#, "a", "a", true), (#""NumericLessThanPath": "$.other""#, 1, 2, true),
            (#""NumericGreaterThanPath": "$.other""#, 1, 2, false), (#""BooleanEqualsPath": "$.other""#, true, true, true),
            (#""TimestampLessThanPath": "$.other""#, "2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", true),
        ] as [(String, JSONValue, JSONValue, Bool)])
    func pathVariants(rule: String, value: JSONValue, other: JSONValue, expected: Bool) async throws {
        #expect(try await Self.matches(rule, value, other: other) == expected)
    }

    @Test("And, Or and Not combine rules")
    func logical() async throws {
        let definition = """
            {"StartAt": "C", "States": {
              "C": {"Type": "Choice", "Choices": [
                {"And": [{"Variable": "$.n", "NumericGreaterThan": 1}, {"Not": {"Variable": "$.s", "StringEquals": "skip"}}], "Next": "A"},
                {"Or": [{"Variable": "$.s", "StringEquals": "skip"}, {"Variable": "$.n", "NumericEquals": 0}], "Next": "B"}],
               "Default": "D"},
              "A": {"Type": "Pass", "Result": "A", "End": true},
              "B": {"Type": "Pass", "Result": "B", "End": true},
              "D": {"Type": "Pass", "Result": "D", "End": true}}}
            """
        #expect(try await run(definition, input: ["n": 2, "s": "go"]).output == "A")
        #expect(try await run(definition, input: ["n": 2, "s": "skip"]).output == "B")
        #expect(try await run(definition, input: ["n": 0, "s": "go"]).output == "B")
        #expect(try await run(definition, input: ["n": 1, "s": "go"]).output == "D")
    }

    @Test("IsPresent tests a missing variable; other operators fail on it with States.Runtime")
    func missingVariable() async throws {
        #expect(try await Self.matches(#""IsPresent": false"#, nil) == false)
        let absent = try await run(
            """
            {"StartAt": "C", "States": {
              "C": {"Type": "Choice", "Choices": [{"Variable": "$.nope", "IsPresent": false, "Next": "Y"}]},
              "Y": {"Type": "Succeed"}}}
            """)
        #expect(absent.succeeded)
        let failing = try await run(
            """
            {"StartAt": "C", "States": {
              "C": {"Type": "Choice", "Choices": [{"Variable": "$.nope", "StringEquals": "x", "Next": "Y"}], "Default": "Y"},
              "Y": {"Type": "Succeed"}}}
            """)
        #expect(failing.error?.name == .runtime)
        #expect(
            failing.error?.cause
                == "An error occurred while executing the state 'C' (entered at the event id #2). Invalid path '$.nope': The choice state's condition path references an invalid value."
        )
    }

    @Test("No match and no Default fails with States.Runtime, not States.NoChoiceMatched")
    func noMatch() async throws {
        let result = try await run(
            """
            {"StartAt": "C", "States": {
              "C": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericEquals": 1, "Next": "Y"}]},
              "Y": {"Type": "Succeed"}}}
            """, input: ["n": 2])
        #expect(result.status.name == "FAILED")
        #expect(result.error?.name == .runtime)
        #expect(result.error?.cause?.hasSuffix("Failed to transition out of the state. The state does not point to a next state.") == true)
        #expect(eventNames(result) == ["ExecutionStarted", "ChoiceStateEntered", "ExecutionFailed"])
    }
}
