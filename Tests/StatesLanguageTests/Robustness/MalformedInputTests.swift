import Testing

@testable import StatesLanguage

/// Feeds the parser and validator damaged definitions: each must be rejected or accepted, never crash.
@Suite("Malformed input")
struct MalformedInputTests {
    static let seed = """
        {"Comment": "seed", "StartAt": "Check", "TimeoutSeconds": 600, "States": {
          "Check": {"Type": "Choice", "Choices": [
            {"And": [{"Variable": "$.n", "NumericGreaterThan": 1}, {"Not": {"Variable": "$.s", "StringMatches": "a*\\\\*"}}], "Next": "Work"}],
            "Default": "Done"},
          "Work": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:ec2:rebootInstances",
            "Parameters": {"Ids.$": "States.Array($.id)", "Msg.$": "States.Format('x {}', $.n)"},
            "ResultSelector": {"r.$": "$[0]"}, "ResultPath": "$.r.s", "OutputPath": "$",
            "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 2, "MaxAttempts": 2, "BackoffRate": 1.5}],
            "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.err", "Next": "Fan"}], "Next": "Fan"},
          "Fan": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 2,
            "ItemSelector": {"v.$": "$$.Map.Item.Value"},
            "ItemProcessor": {"StartAt": "W", "States": {"W": {"Type": "Wait", "SecondsPath": "$.v", "End": true}}},
            "Next": "Both"},
          "Both": {"Type": "Parallel", "Branches": [
            {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": {"a": [1, 2.5, null, true]}, "End": true}}},
            {"StartAt": "F", "States": {"F": {"Type": "Fail", "ErrorPath": "$.e", "Cause": "c"}}}], "Next": "Done"},
          "Done": {"Type": "Succeed"}}}
        """

    static let fragments: [String] = [
        "{", "}", "[", "]", ",", ":", "\"", "\\", "$", "$$", "$.", "..", "[*]", "[?(@.x", "States.", "(", ")", "'",
        "null", "true", "-0", "1e999", "99999999999999999999", "\"Type\"", "\"Next\"", "\"End\"", "\u{0}", "é", "🙂",
    ]

    @Test("Random damage to a definition never crashes the parser or the validator", arguments: 0..<8)
    func mutations(round: Int) throws {
        // A seeded generator, so failures reproduce.
        var generator = SplitMix64(seed: UInt64(round) &* 7919 &+ 17)
        let bytes = Array(Self.seed.utf8)
        // The seed itself must be valid, or the mutations prove little.
        _ = try StateMachine(parsing: Self.seed)
        var accepted = 0
        for _ in 0..<250 {
            let mutated = Damage.apply(to: bytes, fragments: Self.fragments, using: &generator)
            do {
                _ = try StateMachine(parsing: mutated)
                accepted += 1
            } catch {
                #expect(!error.diagnostics.isEmpty, "a rejected definition must say why")
            }
        }
        #expect(accepted < 250)
    }

    @Test("Deeply nested or huge values are rejected or handled, not crashing")
    func extremes() {
        let deepChoice =
            String(repeating: #"{"Not": "#, count: 400) + #"{"Variable": "$.x", "IsNull": true}"#
            + String(repeating: "}", count: 400)
        let text = #"{"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Not": \#(deepChoice), "Next": "D"}]}, "D": {"Type": "Succeed"}}}"#
        _ = try? StateMachine(parsing: text)
        let deepPath = "$" + String(repeating: ".a", count: 5_000)
        _ = try? StateMachine(parsing: #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "InputPath": "\#(deepPath)", "End": true}}}"#)
    }
}
