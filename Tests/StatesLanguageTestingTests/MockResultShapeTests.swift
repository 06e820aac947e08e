import StatesLanguage
import Testing

@testable import StatesLanguageTesting

/// `MockConfiguration.resultDiagnostics`: every mocked `Return` goes through a `TaskResultChecker`,
/// and each problem comes back naming the test cases, state, response and field, at its line.
@Suite("Mocked results checked against response shapes")
struct MockResultShapeTests {
    /// Wants `{"Count": <number>}` from every resource; notes other fields; records what it was asked.
    struct CountChecker: TaskResultChecker {
        func problems(in result: JSONValue, from resource: ResourceARN, mode: StateTest.Mock.FieldValidationMode)
            -> [ResultShapeProblem]
        {
            var found: [ResultShapeProblem] = []
            if mode == .strict, result["Count"] == nil {
                found.append(ResultShapeProblem(.mismatch, at: FieldPath([.key("Count")]), "is required"))
            }
            if let count = result["Count"], count.numberValue == nil {
                found.append(ResultShapeProblem(.mismatch, at: FieldPath([.key("Count")]), "must be a number"))
            }
            for key in result.objectValue?.keys ?? [] where key != "Count" {
                found.append(ResultShapeProblem(.note, at: FieldPath([.key(key)]), "is not a field of \(resource.action ?? "")"))
            }
            return found
        }
    }

    let machine = try! StateMachine(
        parsing: """
            {"StartAt": "Count", "States": {
              "Count": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:ec2:describeTags", "Next": "Wait"},
              "Wait": {"Type": "Pass", "End": true}}}
            """)

    let text = """
        {
          "StateMachines": {"M": {"TestCases": {
            "First": {"Count": "Counted", "Wait": "Counted"},
            "Second": {"Count": "Counted"},
            "Third": {"Count": "Fails"}}}},
          "MockedResponses": {
            "Counted": {
              "0": {"Return": {"Count": "three", "Extra": 1}},
              "1-2": {"Throw": {"Error": "Boom"}},
              "3": {"Return": {}}},
            "Fails": {"0": {"Throw": {"Error": "Boom"}}}
          }
        }
        """

    @Test("A mismatch names the test cases, state, response and field at the field's line; notes are warnings")
    func diagnostics() throws {
        let configuration = try MockConfiguration(parsing: text)
        let cases = try #require(configuration.stateMachine(named: "M")).testCases
        let found = configuration.resultDiagnostics(of: cases, in: machine, checker: CountChecker(), mode: .strict)
        #expect(
            found.map { $0.formatted(file: "m.json") } == [
                "m.json:8:24: error: MockedResponses.Counted.0.Return.Count: test cases 'First', 'Second', state 'Count', mocked response 'Counted': $.Count must be a number (fieldValidationMode STRICT)",
                "m.json:8:42: warning: MockedResponses.Counted.0.Return.Extra: test cases 'First', 'Second', state 'Count', mocked response 'Counted': $.Extra: is not a field of describeTags",
                "m.json:10:13: error: MockedResponses.Counted.3.Return.Count: test cases 'First', 'Second', state 'Count', mocked response 'Counted': $.Count is required (fieldValidationMode STRICT)",
            ])
    }

    @Test("The mode reaches the checker; NONE asks it nothing")
    func modes() throws {
        let configuration = try MockConfiguration(parsing: text)
        let cases = try #require(configuration.stateMachine(named: "M")).testCases
        let present = configuration.resultDiagnostics(of: cases, in: machine, checker: CountChecker(), mode: .present)
        #expect(present.filter { $0.severity == .error }.count == 1)
        #expect(configuration.resultDiagnostics(of: cases, in: machine, checker: CountChecker(), mode: .none).isEmpty)
    }

    @Test("Only the given test cases are checked, and only their Task states")
    func selection() throws {
        let configuration = try MockConfiguration(parsing: text)
        let third = try configuration.testCase("Third", stateMachine: "M")
        #expect(configuration.resultDiagnostics(of: [third], in: machine, checker: CountChecker(), mode: .strict).isEmpty)
        let first = try configuration.testCase("First", stateMachine: "M")
        let found = configuration.resultDiagnostics(of: [first], in: machine, checker: CountChecker(), mode: .strict)
        // The Pass state 'Wait' is mocked with the same response but has no API to check against.
        #expect(found.allSatisfy { $0.message.contains("test case 'First', state 'Count'") })
    }

    @Test("A configuration built in code names its entries by their invocations")
    func builtInCode() {
        let response = MockedResponse(name: "R", entries: [.init(invocations: 1...2, outcome: .returning(["Count": "x"]))])
        let testCase = MockTestCase(name: "T", stateMachineName: "M", mockedStates: ["Count": response])
        let configuration = MockConfiguration(
            stateMachines: [MockedStateMachine(name: "M", testCases: [testCase])], mockedResponses: ["R": response])
        let found = configuration.resultDiagnostics(of: [testCase], in: machine, checker: CountChecker(), mode: .strict)
        #expect(found.map(\.description) == [
            "error: MockedResponses.R.1-2.Return.Count: test case 'T', state 'Count', mocked response 'R': $.Count must be a number (fieldValidationMode STRICT)"
        ])
    }
}

@Suite("WorkflowHarness.load checking mocked results")
struct HarnessResultCheckTests {
    @Test("With a checker, a test case whose mocked result does not fit is refused; without one it loads")
    func load() throws {
        let machine = MockResultShapeTests().machine
        let configuration = try MockConfiguration(parsing: MockResultShapeTests().text)
        let harness = WorkflowHarness(machine: machine)
        let error = try #require(throws: MockConfigurationError.self) {
            try harness.load(configuration, testCase: "First", stateMachine: "M", checkingResultsWith: MockResultShapeTests.CountChecker())
        }
        #expect(error.diagnostics.count == 2)
        #expect(error.diagnostics.allSatisfy { $0.severity == .error && $0.message.contains("mocked response 'Counted'") })
        #expect(throws: Never.self) {
            try harness.load(
                configuration, testCase: "First", stateMachine: "M", checkingResultsWith: MockResultShapeTests.CountChecker(),
                mode: .none)
        }
        #expect(throws: Never.self) { try harness.load(configuration, testCase: "First", stateMachine: "M") }
    }
}
