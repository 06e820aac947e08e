import StatesLanguage
import StatesLanguageTesting
import Testing

@Suite("Mock configuration")
struct MockConfigurationTests {
    static let valid = """
        {
          "StateMachines": {
            "Orders": {
              "TestCases": {
                "HappyPath": { "Charge": "Charged", "Ship": "Shipped" },
                "Declined": { "Charge": "Declined" }
              }
            }
          },
          "MockedResponses": {
            "Charged": { "0": { "Return": { "Id": "ch-1" } } },
            "Shipped": { "0": { "Throw": { "Error": "Courier.Busy", "Cause": "try later" } }, "1-2": { "Return": "ok" } },
            "Declined": { "0": { "Throw": { "Error": "Card.Declined" } } }
          },
          "Expectations": {
            "Orders": { "Declined": { "Input": { "Order": 7 }, "Status": "FAILED", "Error": "Card.Declined" } }
          }
        }
        """

    func problems(_ text: String) -> [String] {
        do {
            _ = try MockConfiguration(parsing: text)
            return []
        } catch {
            return error.formatted(file: "mock.json")
        }
    }

    @Test("Reads test cases, responses by invocation range and the Expectations extension")
    func reads() throws {
        let configuration = try MockConfiguration(parsing: Self.valid)
        #expect(configuration.stateMachines.map(\.name) == ["Orders"])
        let happy = try configuration.testCase("HappyPath", stateMachine: "Orders")
        #expect(happy.mockedStates.keys.sorted() == ["Charge", "Ship"])
        let ship = try #require(happy.mockedStates["Ship"])
        #expect(ship.outcome(forInvocation: 0) == .throwing(StatesError("Courier.Busy", cause: "try later")))
        #expect(ship.outcome(forInvocation: 1) == .returning("ok"))
        #expect(ship.outcome(forInvocation: 2) == .returning("ok"))
        #expect(ship.outcome(forInvocation: 3) == nil)
        #expect(happy.expectation == nil)
        let declined = try configuration.testCase("Declined", stateMachine: "Orders")
        #expect(declined.mockedStates["Charge"]?.outcome(forInvocation: 0) == .throwing(StatesError("Card.Declined")))
        #expect(declined.input == ["Order": 7])
        #expect(declined.expectation == TestExpectation(status: "FAILED", error: "Card.Declined"))
    }

    @Test("Looking up a missing machine or test case names the ones that exist")
    func lookUp() throws {
        let configuration = try MockConfiguration(parsing: Self.valid)
        let noMachine = #expect(throws: MockConfigurationError.self) {
            try configuration.testCase("HappyPath", stateMachine: "Invoices")
        }
        #expect(noMachine?.description.contains("no state machine 'Invoices' under StateMachines (it has: Orders)") == true)
        let noCase = #expect(throws: MockConfigurationError.self) {
            try configuration.testCase("Refund", stateMachine: "Orders")
        }
        #expect(noCase?.description.contains("has no test case 'Refund' (it has: HappyPath, Declined)") == true)
    }

    @Test("Text that is not JSON is reported with line and column")
    func syntax() {
        #expect(problems("{\n  \"StateMachines\": [,]\n}") == ["mock.json:2:21: error: $: invalid JSON: expected a value, found ','"])
    }

    @Test("Every problem is reported at once, each with its path in the file and its line and column")
    func everyProblem() {
        let text = """
            {
              "StateMachines": {
                "M": {
                  "TestCases": {
                    "A": { "S1": "Nope", "S2": 3 }
                  },
                  "Extra": 1
                }
              },
              "MockedResponses": {
                "Backwards": { "2-1": { "Return": {} } },
                "Overlap": { "0-2": { "Return": {} }, "2": { "Return": {} } },
                "Both": { "0": { "Return": {}, "Throw": { "Error": "E" } } },
                "Neither": { "0": {} },
                "NoError": { "0": { "Throw": { "Cause": "c" } } },
                "Empty": {}
              },
              "Expectations": { "M": { "B": {}, "A": { "Status": "DONE", "Colour": "red" } }, "N": {} },
              "Comment": "not allowed"
            }
            """
        #expect(problems(text) == [
            "mock.json:19:3: error: Comment: unknown field 'Comment' (expected StateMachines, MockedResponses or Expectations)",
            "mock.json:11:20: error: MockedResponses.Backwards.2-1: '2-1' is not an invocation number (\"0\") or an inclusive range (\"1-2\")",
            "mock.json:12:43: error: MockedResponses.Overlap.2: invocations 2 overlap the entry for 0-2",
            "mock.json:13:15: error: MockedResponses.Both.0: an entry has either Return or Throw, not both",
            "mock.json:14:18: error: MockedResponses.Neither.0: an entry needs Return or Throw",
            "mock.json:15:25: error: MockedResponses.NoError.0.Throw.Error: Throw needs an Error: a non-empty string such as \"States.TaskFailed\"",
            "mock.json:16:5: error: MockedResponses.Empty: a mocked response needs at least one entry, such as \"0\": {\"Return\": {}}",
            "mock.json:7:7: error: StateMachines.M.Extra: unknown field 'Extra' (a state machine entry has only TestCases)",
            "mock.json:5:16: error: StateMachines.M.TestCases.A.S1: no mocked response named 'Nope' under MockedResponses",
            "mock.json:5:30: error: StateMachines.M.TestCases.A.S2: must name a mocked response (a string), got number",
            "mock.json:18:44: error: Expectations.M.A.Status: must be one of SUCCEEDED, FAILED, TIMED_OUT, ABORTED, got \"DONE\"",
            "mock.json:18:62: error: Expectations.M.A.Colour: unknown field 'Colour' (expected one of Input, Status, Error, Cause, CauseContains, Output, OutputContains, StatesEntered, StatesNotEntered)",
            "mock.json:18:28: error: Expectations.M.B: expectations for test case 'B', which StateMachines.M.TestCases does not define",
            "mock.json:18:83: error: Expectations.N: expectations for state machine 'N', which StateMachines does not define",
        ])
    }

    @Test("StateMachines is required; sections must be objects")
    func shapes() {
        #expect(problems("{}") == ["mock.json:1:1: error: StateMachines: required field 'StateMachines' is missing"])
        #expect(problems("[]") == ["mock.json:1:1: error: $: a mock configuration must be an object, got array"])
        #expect(problems(#"{"StateMachines": {"M": {"TestCases": []}}}"#)
            == ["mock.json:1:26: error: StateMachines.M.TestCases: TestCases must be an object, got array"])
    }

    @Test("Invocation keys: numbers and inclusive ranges only", arguments: [
        ("0", true), ("12", true), ("0-0", true), ("3-7", true), ("-1", false), ("1-", false), ("a", false),
        ("1-2-3", false), ("1 ", false), ("", false),
    ] as [(String, Bool)])
    func invocationKeys(key: String, valid: Bool) {
        let text = #"{"StateMachines": {}, "MockedResponses": {"R": {"\#(key)": {"Return": 1}}}}"#
        #expect(problems(text).isEmpty == valid)
    }
}
