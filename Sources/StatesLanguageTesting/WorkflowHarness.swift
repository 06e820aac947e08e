import Foundation
import StatesLanguage
import Synchronization

/// Runs a state machine in tests: mocked Task states by name, virtual time, AWS's limits.
///
/// ```swift
/// let harness = try WorkflowHarness(definitionFile: "StateMachines/patch-report.json")
/// harness.mock("GetPatches", returning: ["Patches": []])
/// harness.mock("Publish", throwing: StatesError("SNS.NotFoundException", cause: "no topic"))
/// let result = await harness.run(input: ["InstanceId": "i-1"])
/// #expect(result.status.name == "FAILED")
/// #expect(result.statesEntered == ["GetPatches", "Publish"])
/// ```
///
/// Waits and retry intervals take no real time (``VirtualClock``), while
/// history timestamps and `$$.Execution.StartTime` show the simulated times.
/// Task states that are not mocked fail with `States.Runtime` unless
/// ``allowsUnmocked`` is set, in which case handlers added with
/// ``register(_:for:)`` run them.
public final class WorkflowHarness: Sendable {
    /// The compiled state machine.
    public let machine: StateMachine

    private struct Settings {
        var mocks: [String: MockTaskHandler.StateMock] = [:]
        var testCaseName: String?
        var handlers = TaskRegistry()
        var allowsUnmocked = false
        var startDate = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z
        var limits = ExecutionLimits.aws
        var lastHandler: MockTaskHandler?
    }

    private let settings = Mutex(Settings())

    /// Creates a harness for a compiled machine.
    public init(machine: StateMachine) { self.machine = machine }

    /// Creates a harness for a definition given as JSON (or YAML) text.
    ///
    /// - Parameters:
    ///   - definition: the Amazon States Language document.
    ///   - format: JSON (the default) or YAML.
    ///   - name: the state machine's name, as in `$$.StateMachine.Name`.
    ///   - substitutions: values for the definition's `${Name}` placeholders, as SAM deploys it.
    /// - Throws: ``DefinitionError`` when the definition is invalid.
    public convenience init(
        definition: String, format: DocumentFormat = .json, name: String? = nil,
        substitutions: DefinitionSubstitutions? = nil
    ) throws(DefinitionError) {
        self.init(machine: try StateMachine(parsing: definition, format: format, name: name, substitutions: substitutions))
    }

    /// Creates a harness for a definition file (`.json`, `.asl.json`, `.yaml`, `.asl.yaml`); the machine is
    /// named after the file (`patch-report.json` → `patch-report`).
    ///
    /// - Parameters:
    ///   - path: the file.
    ///   - substitutions: values for the definition's `${Name}` placeholders, as SAM deploys it.
    /// - Throws: ``DefinitionError`` when the file cannot be read or the definition is invalid.
    public convenience init(definitionFile path: String, substitutions: DefinitionSubstitutions? = nil) throws(DefinitionError) {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw DefinitionError(diagnostics: [Diagnostic(.error, at: FieldPath(), "cannot read '\(path)'")])
        }
        try self.init(
            definition: text, format: DocumentFormat(fileName: path, text: text),
            name: WorkflowHarness.machineName(forFile: path), substitutions: substitutions)
    }

    /// The state machine name for a definition file: its name without `.asl.json`, `.json`, `.asl.yaml`,
    /// `.asl.yml`, `.yaml` or `.yml`.
    public static func machineName(forFile path: String) -> String {
        var name = URL(fileURLWithPath: path).lastPathComponent
        for suffix in [".asl.json", ".json", ".asl.yaml", ".asl.yml", ".yaml", ".yml"] where name.hasSuffix(suffix) {
            name.removeLast(suffix.count)
            break
        }
        return name
    }

    // MARK: Mocks

    /// Makes every invocation of the Task state `state` succeed with `result`.
    public func mock(_ state: String, returning result: JSONValue) {
        mock(state, responses: .always(.returning(result)))
    }

    /// Makes every invocation of the Task state `state` fail with `error`.
    public func mock(_ state: String, throwing error: StatesError) {
        mock(state, responses: .always(.throwing(error)))
    }

    /// Answers the Task state `state` from a mocked response, invocation by invocation.
    public func mock(_ state: String, responses: MockedResponse) {
        settings.withLock { $0.mocks[state] = .response(responses) }
    }

    /// Runs `body` for every invocation of the Task state `state`.
    public func mock(_ state: String, _ body: @escaping @Sendable (TaskRequest) async throws -> JSONValue) {
        settings.withLock { $0.mocks[state] = .handler(ClosureTaskHandler(body)) }
    }

    /// Replaces all mocks with those of a test case from a mock configuration.
    ///
    /// With a `checker` (such as `AWSResultShapes()` of `StatesLanguageAWS`), every mocked `Return`
    /// of the test case is first checked against its Task state's API response, as AWS's
    /// `TestState` checks a mock under `fieldValidationMode`:
    ///
    /// ```swift
    /// try harness.load(configuration, testCase: "HappyPath", checkingResultsWith: AWSResultShapes())
    /// ```
    ///
    /// - Parameters:
    ///   - configuration: the parsed mock configuration.
    ///   - testCase: the test case's name.
    ///   - stateMachine: its state machine's name; the machine's own name when `nil`.
    ///   - checker: checks mocked results against response shapes; `nil` (the default) checks nothing.
    ///   - mode: how strictly `checker` checks (`STRICT` by default, as on AWS).
    /// - Returns: the test case (its input and expectation, if the configuration gives them).
    /// - Throws: ``MockConfigurationError`` when the configuration has no such test case, when it
    ///   mocks a state the machine does not have, or when a mocked result does not fit its API.
    @discardableResult
    public func load(
        _ configuration: MockConfiguration, testCase: String, stateMachine: String? = nil,
        checkingResultsWith checker: (any TaskResultChecker)? = nil, mode: StateTest.Mock.FieldValidationMode = .strict
    ) throws(MockConfigurationError) -> MockTestCase {
        let found = try configuration.testCase(testCase, stateMachine: stateMachine ?? machine.name ?? "")
        try found.check(against: machine)
        if let checker {
            let errors = configuration.resultDiagnostics(of: [found], in: machine, checker: checker, mode: mode)
                .filter { $0.severity == .error }
            if !errors.isEmpty { throw MockConfigurationError(diagnostics: errors) }
        }
        use(found)
        return found
    }

    /// Replaces all mocks with those of `testCase`.
    public func use(_ testCase: MockTestCase) {
        settings.withLock {
            $0.mocks = testCase.mockedStates.mapValues { .response($0) }
            $0.testCaseName = testCase.name
        }
    }

    /// Registers a real handler, used for Task states that are not mocked when ``allowsUnmocked`` is set.
    public func register(_ handler: any TaskHandler, for resourcePattern: String) {
        settings.withLock { $0.handlers.register(handler, for: resourcePattern) }
    }

    /// Registers every handler of `registry`, used for Task states that are not mocked when ``allowsUnmocked`` is set.
    public func register(_ registry: TaskRegistry) {
        settings.withLock { $0.handlers.merge(registry) }
    }

    /// Whether Task states without a mock run the registered handlers instead of failing (default `false`).
    public var allowsUnmocked: Bool {
        get { settings.withLock { $0.allowsUnmocked } }
        set { settings.withLock { $0.allowsUnmocked = newValue } }
    }

    /// When the virtual clock starts (default 2026-01-01T00:00:00Z).
    public var startDate: Date {
        get { settings.withLock { $0.startDate } }
        set { settings.withLock { $0.startDate = newValue } }
    }

    /// The quotas runs enforce (AWS's by default).
    public var limits: ExecutionLimits {
        get { settings.withLock { $0.limits } }
        set { settings.withLock { $0.limits = newValue } }
    }

    // MARK: Running

    /// The executor a run uses: the mocks registered for every resource, a fresh virtual clock.
    public func makeExecutor() -> Executor {
        let current = settings.withLock { $0 }
        let handler = MockTaskHandler(
            mocks: current.mocks, testCaseName: current.testCaseName,
            fallback: current.allowsUnmocked ? current.handlers : nil)
        settings.withLock { $0.lastHandler = handler }
        var registry = TaskRegistry()
        registry.register(handler, for: "*")
        return Executor(registry: registry, clock: VirtualClock(start: current.startDate), limits: current.limits)
    }

    /// Runs one execution to its end on a virtual clock.
    ///
    /// - Parameters:
    ///   - input: the execution input (`{}` by default).
    ///   - name: the execution name; a UUID when `nil`.
    /// - Returns: the result; check `status`, `output`, `error`, `statesEntered` and `history`.
    public func run(input: JSONValue = .object(JSONObject()), name: String? = nil) async -> ExecutionResult {
        await makeExecutor().run(machine, input: input, name: name)
    }

    /// The effective inputs the Task state `state` received in the latest run, in order.
    public func invocations(of state: String) -> [JSONValue] {
        let handler = settings.withLock { $0.lastHandler }
        return handler?.invocations.filter { $0.stateName == state }.map(\.input) ?? []
    }
}
