import Foundation
import StatesLanguage
import StatesLanguageTesting
import Testing

/// StateMachines/sam/patch-report.asl.yaml: the patch-report runbook as a SAM project keeps it, in
/// YAML with `${…}` placeholders, filled from StateMachines/sam/substitutions.yaml.
@Suite("Runbook: patch-report as SAM YAML")
struct SAMPatchReportTests {
    static let directory = Runbook.directory.appendingPathComponent("sam")
    static let definitionPath = directory.appendingPathComponent("patch-report.asl.yaml").path
    static let substitutionsPath = directory.appendingPathComponent("substitutions.yaml").path
    static let twin = PatchReportTests.runbook

    static func substitutions() throws -> DefinitionSubstitutions {
        try DefinitionSubstitutions(parsing: String(contentsOfFile: substitutionsPath, encoding: .utf8), format: .yaml)
    }

    static func yamlHarness() throws -> WorkflowHarness {
        try WorkflowHarness(definitionFile: definitionPath, substitutions: substitutions())
    }

    @Test("Filled with its substitutions, the YAML definition is exactly the JSON runbook, with no warnings")
    func sameDefinition() throws {
        let yaml = try Self.yamlHarness().machine
        let json = try Self.twin.harness().machine
        #expect(yaml.name == json.name)
        #expect(yaml.definition == json.definition)
        #expect(yaml.warnings.isEmpty, "\(yaml.warnings)")
    }

    @Test("Every mock test case runs identically on the YAML and JSON versions", arguments: twin.testCaseNames)
    func sameExecutions(testCase: String) async throws {
        let configuration = try Self.twin.configuration()
        var results: [ExecutionResult] = []
        for harness in [try Self.yamlHarness(), try Self.twin.harness()] {
            let found = try harness.load(configuration, testCase: testCase)
            results.append(await harness.run(input: found.input ?? [:], name: "twin-\(testCase)"))
        }
        #expect(results[0].status == results[1].status)
        #expect(results[0].history.map(\.jsonValue) == results[1].history.map(\.jsonValue))
        #expect(!results[0].history.isEmpty)
    }

    @Test("Without substitutions, each Resource placeholder is an error at its line and column in the YAML file")
    func unfilled() throws {
        let text = try String(contentsOfFile: Self.definitionPath, encoding: .utf8)
        let error = try #require(throws: DefinitionError.self) { try StateMachine(parsing: text, format: .yaml) }
        let placeholders = error.errors.filter { $0.message.contains("${Partition}") }
        #expect(placeholders.map(\.location) == [
            TextLocation(line: 9, column: 19), TextLocation(line: 37, column: 19), TextLocation(line: 51, column: 19),
        ])
        #expect(placeholders.map(\.path.description) == [
            "States.GetMissingPatches.Resource", "States.PublishReport.Resource", "States.PublishUpToDate.Resource",
        ])
    }
}
