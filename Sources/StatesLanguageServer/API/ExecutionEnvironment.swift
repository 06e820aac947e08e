import StatesLanguage

/// How the server runs an execution: which task handlers serve its Task states and which clock it
/// runs on. `sfnrun serve` builds one from the same options as `sfnrun start`.
///
/// ```swift
/// var registry = TaskRegistry()
/// registry.register(for: "arn:aws:states:::lambda:invoke") { request in ["Payload": request.parameters] }
/// let service = StepFunctionsService(environment: ExecutionEnvironment(registry: registry))
/// ```
public struct ExecutionEnvironment: Sendable {
    /// What an execution runs with.
    public struct Prepared: Sendable {
        /// The executor: handlers, clock, limits, wait overrides. Its region and account are set by the service.
        public var executor: Executor
        /// The input a mock test case gives, used when `StartExecution` has none.
        public var testCaseInput: JSONValue?
        /// Runs once the execution has ended (stops command processes, for example).
        public var finish: @Sendable () async -> Void

        /// Creates a prepared execution.
        public init(executor: Executor, testCaseInput: JSONValue? = nil, finish: @escaping @Sendable () async -> Void = {}) {
            self.executor = executor
            self.testCaseInput = testCaseInput
            self.finish = finish
        }
    }

    /// Prepares an execution of `machine`; `testCase` is the mock test case named after `#` in the
    /// state machine ARN (`StartExecution` of `arn:…:stateMachine:Orders#HappyPath`).
    ///
    /// Throw an ``APIError`` to refuse the start (an unknown test case, for example).
    public var prepare: @Sendable (_ machine: StateMachine, _ testCase: String?) async throws(APIError) -> Prepared

    /// Checks TestState's mocked results against the AWS operations' response shapes; `nil` skips the check.
    public var mockValidator: StateTest.MockValidator?

    /// Where the Standard executions of the state machine named so are kept, so that a restarted
    /// server lists them, resumes those that were running and can redrive them; `nil` keeps them in
    /// memory only. `sfnrun serve --store DIR` keeps each machine's in `DIR/state-machines/NAME`.
    public var store: (@Sendable (_ machineName: String) -> (any ExecutionStore)?)?

    /// Creates an environment from a preparing function.
    public init(
        mockValidator: StateTest.MockValidator? = nil,
        prepare: @escaping @Sendable (_ machine: StateMachine, _ testCase: String?) async throws(APIError) -> Prepared
    ) {
        self.prepare = prepare
        self.mockValidator = mockValidator
    }

    /// An environment that runs every execution with `registry` on a fresh clock from `makeClock`;
    /// mock test cases are refused.
    public init(
        registry: TaskRegistry = TaskRegistry(), makeClock: @escaping @Sendable () -> any ExecutionClock = { SystemClock() },
        mockValidator: StateTest.MockValidator? = nil
    ) {
        self.mockValidator = mockValidator
        prepare = { _, testCase throws(APIError) in
            if let testCase {
                throw .validation("Mock test case '\(testCase)' requested, but the server has no mock configuration")
            }
            return Prepared(executor: Executor(registry: registry, clock: makeClock()))
        }
    }
}
