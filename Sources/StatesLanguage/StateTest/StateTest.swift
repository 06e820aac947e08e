/// One state tested alone, as AWS's `TestState` API tests it: a state (or a state named inside a
/// full definition), an input, and optionally a mocked task result, injected variables, context
/// and retry count.
///
/// The state runs once: its `Retry` rules are not followed but reported (status `RETRIABLE`), its
/// `Catch` rules are (status `CAUGHT_ERROR`), and the state it would go to next is named rather
/// than run.
///
/// ```swift
/// let test = try StateTest(
///     definition: #"{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "ResultSelector": {"v.$": "$.Payload"}, "End": true}"#,
///     input: ["n": 1], mock: .init(.result(["Payload": 42])), inspectionLevel: .debug)
/// let result = await test.run(with: Executor())
/// print(result.status, result.output ?? "", result.inspectionData ?? [:])   // SUCCEEDED {"v":42} …
/// ```
///
/// See <https://docs.aws.amazon.com/step-functions/latest/apireference/API_TestState.html>.
public struct StateTest: Sendable {
    /// How much `inspectionData` the result carries.
    public enum InspectionLevel: String, Sendable, Hashable, CaseIterable {
        /// The output only.
        case info = "INFO"
        /// Also each data-processing step (`afterInputPath`, `afterParameters`, `result`, …).
        case debug = "DEBUG"
        /// As DEBUG; AWS adds the HTTP request and response of HTTP Tasks, which are not run offline.
        case trace = "TRACE"
    }

    /// A mocked outcome for the state's task (AWS's `MockInput`).
    public struct Mock: Sendable, Hashable {
        /// What the task returns or throws.
        public enum Outcome: Sendable, Hashable {
            /// The task's result.
            case result(JSONValue)
            /// The task fails with this error and cause.
            case error(StatesError)
        }

        /// How strictly a mocked result is checked against the API's response shape.
        public enum FieldValidationMode: String, Sendable, Hashable, CaseIterable {
            /// Required fields present and every field of the shape's type (the default).
            case strict = "STRICT"
            /// Every field present of the shape's type.
            case present = "PRESENT"
            /// No check.
            case none = "NONE"
        }

        /// The outcome.
        public var outcome: Outcome
        /// The check applied to a mocked result.
        public var fieldValidationMode: FieldValidationMode

        /// Creates a mock.
        public init(_ outcome: Outcome, fieldValidationMode: FieldValidationMode = .strict) {
            self.outcome = outcome
            self.fieldValidationMode = fieldValidationMode
        }
    }

    /// Checks a mocked result against the response shape of the task's resource; returns the
    /// problems (empty when it conforms or when no model is known). `StatesLanguageAWS` provides
    /// one built on its service models.
    public typealias MockValidator = @Sendable (_ resource: ResourceARN, _ result: JSONValue, _ mode: Mock.FieldValidationMode) -> [String]

    /// The state's definition (as written inside `States`) or a whole state machine.
    public var definition: JSONValue
    /// The state to test when ``definition`` is a whole state machine (its `StartAt` when `nil`).
    public var stateName: String?
    /// The state's input.
    public var input: JSONValue
    /// Workflow variables visible to the state.
    public var variables: JSONObject
    /// Fields of the context object (`$$`) to set, merged over the one the test builds.
    public var context: JSONObject?
    /// The mocked task outcome, if any; without one the executor's handlers serve the task.
    public var mock: Mock?
    /// How many retries the state has had (`stateConfiguration.retrierRetryCount`): decides whether
    /// a retrier is exhausted and sets `$$.State.RetryCount`.
    public var retrierRetryCount: Int
    /// How much inspection data to return.
    public var inspectionLevel: InspectionLevel
    /// The mock check; `nil` skips it.
    public var mockValidator: MockValidator?

    /// Creates a test.
    ///
    /// - Throws: ``StateTestError`` when `stateName` is given for a lone state that has another name
    ///   or the definition is no JSON object.
    public init(
        definition: JSONValue, stateName: String? = nil, input: JSONValue = .object(JSONObject()),
        variables: JSONObject = JSONObject(), context: JSONObject? = nil, mock: Mock? = nil,
        retrierRetryCount: Int = 0, inspectionLevel: InspectionLevel = .info, mockValidator: MockValidator? = nil
    ) throws(StateTestError) {
        guard case .object = definition else {
            throw .invalidDefinition("The definition must be a JSON object: a state, or a state machine with States")
        }
        self.definition = definition
        self.stateName = stateName
        self.input = input
        self.variables = variables
        self.context = context
        self.mock = mock
        self.retrierRetryCount = retrierRetryCount
        self.inspectionLevel = inspectionLevel
        self.mockValidator = mockValidator
    }
}

/// Why a state test could not run (the API's `InvalidDefinition` and `ValidationException`).
public enum StateTestError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The definition or the named state is not valid.
    case invalidDefinition(String)
    /// A request field is not valid (an unknown state name, a mock that does not fit).
    case validation(String)

    /// The message.
    public var description: String {
        switch self {
        case .invalidDefinition(let message), .validation(let message): return message
        }
    }
}
