import StatesLanguage
import StatesLanguageTesting
import Testing

/// Mock configurations at sizes that take a second or more of CPU in a debug build (issue 10).
/// Still run by `swift test`; no wall-clock assertion (timings are in the README's fuzzing section).
@Suite("Slow: large mock configurations")
struct SlowMockConfigurationTests {
    /// A response with `count` invocation keys, each its own number.
    private func configuration(keys count: Int, extra: String = "") -> String {
        var entries = (0..<count).map { #""\#($0)": {"Return": \#($0)}"# }
        if !extra.isEmpty { entries.append(extra) }
        return #"{"StateMachines": {"M": {"TestCases": {"C": {"A": "R"}}}}, "MockedResponses": {"R": {"#
            + entries.joined(separator: ",") + "}}}"
    }

    @Test("100,000 invocation keys are checked for overlaps in n log n, and an overlap among them is found")
    func manyInvocationKeys() throws {
        let parsed = try MockConfiguration(parsing: configuration(keys: 100_000))
        let response = try #require(parsed.mockedResponses["R"])
        #expect(response.outcome(forInvocation: 99_999) != nil)
        let error = #expect(throws: MockConfigurationError.self) {
            _ = try MockConfiguration(parsing: configuration(keys: 100_000, extra: #""500-600": {"Return": 0}"#))
        }
        #expect(error?.diagnostics.count == 101)
    }
}
