import StatesLanguage
import StatesLanguageTesting
import Testing

/// Mock configurations that would be misread are refused (issue 10).
@Suite("Strict mock configurations")
struct MockStrictnessTests {
    private func problems(_ text: String) -> [String] {
        do {
            _ = try MockConfiguration(parsing: text)
            return []
        } catch {
            return error.formatted(file: "mock.json")
        }
    }

    @Test("a key written twice is refused with its line and column, as in definitions")
    func duplicateKeys() {
        let text = """
            {"StateMachines": {"M": {"TestCases": {"C": {"A": "R",
              "A": "S"}}}},
             "MockedResponses": {"R": {"0": {"Return": 1}}, "S": {"0": {"Return": 2}}}}
            """
        #expect(problems(text) == [
            "mock.json:2:3: error: StateMachines.M.TestCases.C.A: 'A' appears more than once in its object; only the last one would be used"
        ])
        let responses = #"{"StateMachines": {}, "MockedResponses": {"R": {"0": {"Return": 1}, "0": {"Return": 2}}}}"#
        #expect(problems(responses).count == 1)
        #expect(problems(responses).first?.contains("'0' appears more than once") == true)
    }

    @Test("a test case mocking a state the definition does not have is refused, naming it and where it is")
    func unknownState() throws {
        let configuration = try MockConfiguration(parsing: MockConfigurationTests.valid)
        let machine = try StateMachine(
            parsing: #"{"StartAt": "Charge", "States": {"Charge": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "Next": "Shipp"}, "Shipp": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "End": true}}}"#,
            name: "Orders")
        let harness = WorkflowHarness(machine: machine)
        let error = #expect(throws: MockConfigurationError.self) {
            try harness.load(configuration, testCase: "HappyPath")
        }
        #expect(error?.formatted(file: "mock.json") == [
            "mock.json:5:45: error: StateMachines.Orders.TestCases.HappyPath.Ship: test case 'HappyPath' mocks the state 'Ship', which the state machine does not have (its Task states: Charge, Shipp)"
        ])
        #expect(throws: Never.self) { try harness.load(configuration, testCase: "Declined") }
    }
}
