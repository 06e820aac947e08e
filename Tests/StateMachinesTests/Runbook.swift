import Foundation
import StatesLanguage
import StatesLanguageTesting
import Testing

/// A runbook from StateMachines/ with its mock configuration from StateMachines/mocks/.
struct Runbook {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("StateMachines")

    let name: String

    var definitionPath: String { Self.directory.appendingPathComponent("\(name).json").path }
    var mockConfigPath: String { Self.directory.appendingPathComponent("mocks/\(name).mock.json").path }

    /// A harness for the runbook (named after its file, as `sfnrun test` does).
    func harness() throws -> WorkflowHarness { try WorkflowHarness(definitionFile: definitionPath) }

    /// The parsed mock configuration.
    func configuration() throws -> MockConfiguration { try MockConfiguration(contentsOfFile: mockConfigPath) }

    /// The names of the runbook's test cases, for parameterised tests (empty when the file is unreadable).
    var testCaseNames: [String] {
        (try? configuration().stateMachine(named: name)?.testCases.map(\.name)) ?? []
    }

    /// Runs one test case of the mock configuration and returns the result and the expectation's mismatches.
    func run(testCase: String) async throws -> (ExecutionResult, [String]) {
        let harness = try harness()
        let found = try harness.load(try configuration(), testCase: testCase)
        let result = await harness.run(input: found.input ?? [:])
        return (result, (found.expectation ?? TestExpectation()).mismatches(in: result))
    }

    /// The input of a test case.
    func input(of testCase: String) throws -> JSONValue {
        try configuration().testCase(testCase, stateMachine: name).input ?? [:]
    }

    /// Checks the definition compiles without errors or warnings (what `sfnrun validate` checks).
    func expectValid(sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            let machine = try harness().machine
            #expect(machine.warnings.isEmpty, "\(machine.warnings)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("\(name).json is invalid: \(error)", sourceLocation: sourceLocation)
        }
    }
}
