import Testing

@testable import StatesLanguage

/// Feeds the YAML reader and the validator damaged YAML definitions: each must be rejected with a
/// diagnostic or accepted, never crash or hang.
@Suite("Malformed YAML input")
struct MalformedYAMLTests {
    static let seed = """
        %YAML 1.2
        ---
        Comment: "seed: \\u00e9 \\t"   # a comment
        StartAt: Check
        TimeoutSeconds: 600
        States:
          Check:
            Type: Choice
            Choices:
              - And:
                  - {Variable: $.n, NumericGreaterThan: 1}
                  - Not: {Variable: $.s, StringMatches: 'a*\\*'}
                Next: Work
            Default: Done
          Work:
            Type: Task
            Resource: arn:aws:states:::aws-sdk:ec2:rebootInstances
            Parameters:
              Ids.$: States.Array($.id)
              Msg.$: >-
                States.Format('x {}',
                $.n)
              Script: |
                #!/bin/sh
                echo "${HOME}"
            Retry: &retry
              - ErrorEquals: [States.ALL]
                IntervalSeconds: 2
                MaxAttempts: 2
                BackoffRate: 1.5
            Catch: [{ErrorEquals: [States.ALL], ResultPath: $.err, Next: Done}]
            Next: Done
          Done: {Type: Succeed}
        ...
        """

    static let fragments: [String] = [
        "\n", "\n  ", "\t", " ", "- ", "? ", ": ", ":", ",", "[", "]", "{", "}", "#", "&a ", "*a", "*retry", "!", "|",
        ">-", "'", "\"", "\\", "%", "@", "`", "---", "...", "~", "null", "1e999", ".inf", "<<: ", "${X}", "\u{0}", "é",
        "🙂", "\r\n",
    ]

    @Test("Random damage to a YAML definition never crashes the reader or the validator", arguments: 0..<8)
    func mutations(round: Int) throws {
        var generator = SplitMix64(seed: UInt64(round) &* 104_729 &+ 31)
        let bytes = Array(Self.seed.utf8)
        // The seed itself must be valid, or the mutations prove little.
        _ = try StateMachine(parsing: Self.seed, format: .yaml)
        var accepted = 0
        for _ in 0..<250 {
            let mutated = Damage.apply(to: bytes, fragments: Self.fragments, using: &generator)
            do {
                _ = try StateMachine(parsing: mutated, format: .yaml, substitutions: DefinitionSubstitutions(["X": "${X}y"]))
                accepted += 1
            } catch {
                #expect(!error.diagnostics.isEmpty, "a rejected definition must say why")
                #expect(error.diagnostics.allSatisfy { $0.location != nil || !$0.message.contains("YAML") })
            }
        }
        #expect(accepted < 250)
    }
}
