import StatesLanguage
import StatesLanguageTesting
import Testing

@Suite("Definitions in YAML")
struct YAMLDefinitionTests {
    static let yaml = """
        Comment: Waits, then reboots
        StartAt: Wait
        States:
          Wait:
            Type: Wait
            Timestamp: 2026-01-01T00:00:00Z   # a string in YAML 1.2
            Next: Reboot
          Reboot:
            Type: Task
            Resource: arn:aws:states:::aws-sdk:ec2:rebootInstances
            Parameters:
              InstanceIds.$: States.Array($.InstanceId)
            Retry:
              - ErrorEquals: [States.ALL]
                BackoffRate: 0.5
            End: true
        """

    @Test("Diagnostics point at the YAML file's lines and columns")
    func diagnostics() throws {
        let error = try #require(throws: DefinitionError.self) { try StateMachine(parsing: Self.yaml, format: .yaml) }
        let diagnostic = try #require(error.errors.first)
        #expect(diagnostic.path.description == "States.Reboot.Retry[0].BackoffRate")
        #expect(diagnostic.location == TextLocation(line: 15, column: 9))
    }

    @Test("A valid YAML definition compiles to the same definition as its JSON form and runs")
    func runs() async throws {
        let fixed = Self.yaml.replacingOccurrences(of: "BackoffRate: 0.5", with: "BackoffRate: 2")
        let machine = try StateMachine(parsing: fixed, format: .yaml)
        #expect(machine.definition["States"]?["Wait"]?["Timestamp"] == "2026-01-01T00:00:00Z")
        #expect(machine.definition["States"]?["Reboot"]?["Retry"]?[0]?["BackoffRate"] == 2)
        let harness = WorkflowHarness(machine: machine)
        harness.mock("Reboot", returning: [:])
        let result = await harness.run(input: ["InstanceId": "i-1"])
        #expect(result.status.name == "SUCCEEDED")
        #expect(harness.invocations(of: "Reboot") == [["InstanceIds": ["i-1"]]])
    }

    @Test("YAML that is invalid or outside the subset is a diagnostic with its position")
    func syntax() throws {
        let invalid = try #require(throws: DefinitionError.self) {
            try StateMachine(parsing: "StartAt: A\nStates:\n  A: {Type: Pass, End: true\n", format: .yaml)
        }
        #expect(invalid.errors.first?.message.hasPrefix("invalid YAML: ") == true)
        #expect(invalid.errors.first?.location == TextLocation(line: 4, column: 1))
        let tagged = try #require(throws: DefinitionError.self) {
            try StateMachine(parsing: "StartAt: A\nStates:\n  A:\n    Type: Task\n    Resource: !GetAtt Fn.Arn\n", format: .yaml)
        }
        #expect(tagged.errors.first?.message.hasPrefix("unsupported YAML: tags") == true)
        #expect(tagged.errors.first?.location == TextLocation(line: 5, column: 15))
        let twoDocuments = try #require(throws: DefinitionError.self) {
            try StateMachine(parsing: "StartAt: A\n---\nStartAt: B\n", format: .yaml)
        }
        #expect(twoDocuments.errors.first?.location == TextLocation(line: 2, column: 1))
    }

    @Test("A duplicate key in YAML is refused where it repeats")
    func duplicateKeys() throws {
        let yaml = "StartAt: A\nStates:\n  A: {Type: Succeed}\n  A: {Type: Fail}\n"
        let error = try #require(throws: DefinitionError.self) { try StateMachine(parsing: yaml, format: .yaml) }
        #expect(error.errors.first?.message.contains("duplicate key 'A'") == true)
        #expect(error.errors.first?.location == TextLocation(line: 4, column: 3))
    }

    @Test(
        "The format follows the file name, then the first character",
        arguments: [
            ("machine.asl.json", "{}", DocumentFormat.json), ("machine.json", "StartAt: A", .json),
            ("statemachine/orders.asl.yaml", "{}", .yaml), ("x.yml", "", .yaml), ("X.YAML", "", .yaml),
            (nil, "  {\"StartAt\": \"A\"}", .json), (nil, "StartAt: A", .yaml), ("definition.txt", "[]", .json),
        ] as [(String?, String, DocumentFormat)])
    func format(fileName: String?, text: String, expected: DocumentFormat) {
        #expect(DocumentFormat(fileName: fileName, text: text) == expected)
    }

    @Test("Mock configurations may be YAML too")
    func mockConfiguration() throws {
        let yaml = """
            StateMachines:
              m:
                TestCases:
                  Happy: {Reboot: Ok}
            MockedResponses:
              Ok:
                "0": {Return: {}}
            """
        let configuration = try MockConfiguration(parsing: yaml, format: .yaml)
        #expect(configuration.stateMachine(named: "m")?.testCases.map(\.name) == ["Happy"])
        let error = try #require(throws: MockConfigurationError.self) {
            try MockConfiguration(parsing: "StateMachines:\n  m: [1\n", format: .yaml)
        }
        #expect(error.diagnostics.first?.location?.line == 3)
    }
}
