import StatesLanguage

/// One test case of a mock configuration: which Task states are mocked with which responses.
///
/// Read from `StateMachines.<machine>.TestCases.<case>` of a Step Functions
/// Local mock configuration, together with this package's optional
/// `Expectations.<machine>.<case>` extension (input and expected result).
public struct MockTestCase: Sendable {
    /// The test case's name.
    public var name: String
    /// The state machine it belongs to.
    public var stateMachineName: String
    /// The mocked Task states: state name → response.
    public var mockedStates: [String: MockedResponse]
    /// The execution input to run the case with (`Expectations.<machine>.<case>.Input`), if given.
    public var input: JSONValue?
    /// What the run must produce (`Expectations.<machine>.<case>`), if given.
    public var expectation: TestExpectation?
    /// Where each mocked state's name is written in the configuration, when it was parsed from text.
    var mockLocations: [String: TextLocation] = [:]

    /// Creates a test case.
    public init(
        name: String, stateMachineName: String, mockedStates: [String: MockedResponse], input: JSONValue? = nil,
        expectation: TestExpectation? = nil
    ) {
        self.name = name
        self.stateMachineName = stateMachineName
        self.mockedStates = mockedStates
        self.input = input
        self.expectation = expectation
    }
}
