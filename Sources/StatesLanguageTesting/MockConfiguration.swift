import Foundation
import StatesLanguage

/// A Step Functions Local mock configuration (`MockConfigFile.json`), parsed and checked.
///
/// The format is AWS's:
///
/// ```json
/// { "StateMachines": { "PatchReport": { "TestCases": { "HappyPath": { "GetPatches": "TwoMissing" } } } },
///   "MockedResponses": { "TwoMissing": { "0": { "Return": { "Patches": [] } } } } }
/// ```
///
/// plus an optional top-level `Expectations` object of this package
/// (`Expectations.<machine>.<case>` with `Input`, `Status`, `Error`, `Output`, …,
/// see ``TestExpectation``), which Step Functions Local does not read.
///
/// Parsing reports every problem at once, each naming its place in the file
/// (``MockConfigurationError``): unknown response names, malformed invocation
/// ranges, overlapping ranges, entries with both or neither of `Return` and `Throw`.
public struct MockConfiguration: Sendable {
    /// The state machines with test cases, in file order.
    public var stateMachines: [MockedStateMachine]
    /// The mocked responses by name.
    public var mockedResponses: [String: MockedResponse]
    /// Where each field is written, when the configuration was parsed from text.
    var sourceMap: JSONSourceMap?
    /// Each response's entry keys as written (`"1-2"`), in the order of its entries.
    var entryKeys: [String: [String]] = [:]

    /// Creates a configuration from parts.
    public init(stateMachines: [MockedStateMachine], mockedResponses: [String: MockedResponse]) {
        self.stateMachines = stateMachines
        self.mockedResponses = mockedResponses
    }

    /// Parses and checks a configuration from its JSON (or YAML) text; diagnostics carry line and column.
    ///
    /// - Parameters:
    ///   - text: the configuration.
    ///   - format: JSON (the default, as Step Functions Local reads) or YAML.
    /// - Throws: ``MockConfigurationError`` with every problem found, also for text that is not valid JSON or YAML.
    public init(parsing text: String, format: DocumentFormat = .json) throws(MockConfigurationError) {
        let parsed: (JSONValue, JSONSourceMap)
        do {
            parsed = try format.parseDocument(text)
        } catch {
            // AWS's definition codes mean nothing for a mock file: keep only position and message.
            throw MockConfigurationError(diagnostics: error.diagnostics.map { diagnostic in
                var plain = diagnostic
                plain.code = nil
                return plain
            })
        }
        var reader = MockConfigurationReader(sourceMap: parsed.1)
        let configuration = reader.read(parsed.0)
        guard let configuration, !reader.hasErrors else { throw MockConfigurationError(diagnostics: reader.diagnostics) }
        self = configuration
        sourceMap = parsed.1
        entryKeys = reader.entryKeys
    }

    /// Parses and checks a configuration read from a file.
    ///
    /// - Throws: ``MockConfigurationError`` when the file cannot be read or the configuration is invalid.
    public init(contentsOfFile path: String) throws(MockConfigurationError) {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw MockConfigurationError("cannot read the mock configuration file '\(path)'")
        }
        try self.init(parsing: text, format: DocumentFormat(fileName: path, text: text))
    }

    /// The state machine named `name`, if the configuration has test cases for it.
    public func stateMachine(named name: String) -> MockedStateMachine? {
        stateMachines.first { $0.name == name }
    }

    /// The test case `name` of the state machine `stateMachine`.
    ///
    /// - Throws: ``MockConfigurationError`` naming the machines or test cases that do exist.
    public func testCase(_ name: String, stateMachine: String) throws(MockConfigurationError) -> MockTestCase {
        guard let machine = self.stateMachine(named: stateMachine) else {
            let known = stateMachines.map(\.name).joined(separator: ", ")
            throw MockConfigurationError(
                "the mock configuration has no state machine '\(stateMachine)' under StateMachines (it has: \(known.isEmpty ? "none" : known))",
                at: FieldPath([.key("StateMachines")]))
        }
        guard let testCase = machine.testCases.first(where: { $0.name == name }) else {
            let known = machine.testCases.map(\.name).joined(separator: ", ")
            throw MockConfigurationError(
                "state machine '\(stateMachine)' has no test case '\(name)' (it has: \(known.isEmpty ? "none" : known))",
                at: FieldPath([.key("StateMachines"), .key(stateMachine), .key("TestCases")]))
        }
        return testCase
    }
}

/// The test cases of one state machine in a mock configuration.
public struct MockedStateMachine: Sendable {
    /// The state machine's name (its key under `StateMachines`).
    public var name: String
    /// Its test cases, in file order.
    public var testCases: [MockTestCase]

    /// Creates a machine entry.
    public init(name: String, testCases: [MockTestCase]) {
        self.name = name
        self.testCases = testCases
    }
}
