import StatesLanguage
import StatesLanguageTesting
import Testing

@Suite("Test expectations")
struct TestExpectationTests {
    func run(_ definition: String, mocks: [String: MockOutcome] = [:]) async throws -> ExecutionResult {
        let harness = try WorkflowHarness(definition: definition)
        for (state, outcome) in mocks { harness.mock(state, responses: .always(outcome)) }
        return await harness.run()
    }

    static let machine = """
        {"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "B"},
         "B": {"Type": "Pass", "End": true}}}
        """

    @Test("An empty expectation only asks for SUCCEEDED")
    func defaultStatus() async throws {
        let ok = try await run(Self.machine, mocks: ["A": .returning(1)])
        #expect(TestExpectation().mismatches(in: ok) == [])
        let failed = try await run(Self.machine, mocks: ["A": .throwing(StatesError("Boom", cause: "bad"))])
        #expect(TestExpectation().mismatches(in: failed) == ["expected status SUCCEEDED, got FAILED (Boom: bad)"])
    }

    @Test("Each field reports its own mismatch")
    func fields() async throws {
        let failed = try await run(Self.machine, mocks: ["A": .throwing(StatesError("Boom", cause: "bad"))])
        let expectation = TestExpectation(
            status: "FAILED", error: "Bang", cause: "worse", causeContains: "terrible", output: 1,
            statesEntered: ["A", "B"], statesNotEntered: ["A"])
        #expect(expectation.mismatches(in: failed) == [
            "expected error Bang, got Boom",
            "expected cause \"worse\", got \"bad\"",
            "expected the cause to contain \"terrible\", got \"bad\"",
            "expected output 1, got none",
            "expected states entered [A, B], got [A]",
            "state A was entered but must not be",
        ])
    }

    @Test("OutputContains: objects may have more keys, arrays compare element by element")
    func contains() async throws {
        let ok = try await run(Self.machine, mocks: ["A": .returning(["a": 1, "b": ["c": 2, "d": 3], "list": [["x": 1, "y": 2]]])])
        #expect(TestExpectation(outputContains: ["b": ["c": 2], "list": [["x": 1]]]).mismatches(in: ok) == [])
        #expect(TestExpectation(outputContains: ["b": ["c": 3]]).mismatches(in: ok)
            == ["output does not contain the expected values: $.b.c is 2, expected 3"])
        #expect(TestExpectation(outputContains: ["z": 1]).mismatches(in: ok)
            == ["output does not contain the expected values: $.z is missing"])
        #expect(TestExpectation(outputContains: ["list": [["x": 1], ["x": 2]]]).mismatches(in: ok)
            == [#"output does not contain the expected values: $.list is [{"x":1,"y":2}], expected [{"x":1},{"x":2}]"#])
        #expect(TestExpectation(outputContains: ["list": [["x": 5]]]).mismatches(in: ok)
            == ["output does not contain the expected values: $.list[0].x is 1, expected 5"])
    }
}
