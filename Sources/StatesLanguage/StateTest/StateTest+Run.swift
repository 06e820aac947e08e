import Foundation

extension StateTest {
    /// Runs the state once with `executor`'s handlers (or the mock) on a simulated clock.
    ///
    /// - Returns: the status, output or error, next state and inspection data.
    /// - Throws: ``StateTestError`` for an invalid definition, an unknown state or a mocked result
    ///   that does not fit the task's API.
    public func run(with executor: Executor) async throws(StateTestError) -> StateTestResult {
        let (name, state, language) = try selectState()
        let machine = try wrapper(name: name, state: state, language: language, keepsRetry: false)
        // The state as written, Retry rules included, to judge a failure by.
        let original = try wrapper(name: name, state: state, language: language, keepsRetry: true)
        guard let tested = original.graph.states.first(where: { $0.name == name }) else {
            throw .invalidDefinition("The state '\(name)' is missing")
        }
        var executor = executor
        executor.clock = VirtualClock(start: executor.clock.now)
        if let mock {
            if case .result(let result) = mock.outcome, mock.fieldValidationMode != .none, let mockValidator,
                case .task(let task) = tested
            {
                let problems = mockValidator(task.resource, result, mock.fieldValidationMode)
                if !problems.isEmpty {
                    // AWS's ValidationException starts with these words too.
                    throw .validation("Mock result schema validation error: \(problems.joined(separator: "; "))")
                }
            }
            var registry = TaskRegistry()
            registry.register(MockedOutcomeHandler(outcome: mock.outcome), for: "*")
            executor.registry = registry
        }
        var overrides = context ?? JSONObject()
        if retrierRetryCount > 0 {
            overrides = (ContextObject.merge(["State": ["RetryCount": .integer(retrierRetryCount)]], into: .object(overrides)))
                .objectValue ?? overrides
        }
        executor.contextOverrides = overrides.isEmpty ? nil : overrides
        let runner = ExecutionRunner(executor: executor, machine: machine, input: input, name: "TestState")
        var scope = VariableScope()
        scope.apply(variables)
        var previous = 0
        var thrown: StatesError?
        do {
            _ = try await runner.runGraph(machine.graph, input: input, previous: &previous, variables: scope)
        } catch let error as StatesError {
            thrown = error
        } catch {
            thrown = StatesError(.runtime, cause: "The test stopped: \(error)")
        }
        return outcome(
            of: tested, name: name, history: runner.recorder.events, thrown: thrown, runner: runner)
    }

    /// The tested state's JSON, name and the definition's query language.
    func selectState() throws(StateTestError) -> (String, JSONObject, JSONValue?) {
        guard case .object(let object) = definition else { throw .invalidDefinition("The definition must be a JSON object") }
        guard let states = object["States"] else {
            return (stateName ?? "TestState", object, nil)
        }
        guard case .object(let all) = states else { throw .invalidDefinition("States must be an object") }
        let name = stateName ?? object["StartAt"]?.stringValue ?? all.keys.first ?? ""
        guard case .object(let state)? = all[name] else {
            throw .validation("The state '\(name)' is not in the definition; its states are: \(all.keys.joined(separator: ", "))")
        }
        return (name, state, object["QueryLanguage"])
    }

    /// A machine of the tested state without its `Retry` rules, and a `Succeed` stand-in for each
    /// state it can go to.
    func wrapper(name: String, state: JSONObject, language: JSONValue?, keepsRetry: Bool) throws(StateTestError)
        -> StateMachine
    {
        var tested = state
        if !keepsRetry { _ = tested.removeValue(forKey: "Retry") }
        var targets: [String] = []
        if let next = state["Next"]?.stringValue { targets.append(next) }
        if let next = state["Default"]?.stringValue { targets.append(next) }
        for entry in (state["Choices"]?.arrayValue ?? []) + (state["Catch"]?.arrayValue ?? []) {
            if let next = entry["Next"]?.stringValue { targets.append(next) }
        }
        var states: JSONObject = [name: .object(tested)]
        for target in targets where target != name && states[target] == nil {
            states[target] = ["Type": "Succeed"]
        }
        var document: JSONObject = ["StartAt": .string(name), "States": .object(states)]
        if let language { document["QueryLanguage"] = language }
        do {
            return try StateMachine(definition: .object(document), name: "TestState")
        } catch {
            throw .invalidDefinition(error.apiMessage)
        }
    }

    /// Reads the outcome from the run's history and error.
    private func outcome(
        of state: State, name: String, history: [ExecutionEvent], thrown: StatesError?, runner: ExecutionRunner
    ) -> StateTestResult {
        var entered: [String] = []
        var exitOutput: JSONValue?
        var assigned: JSONObject?
        var failure: StatesError?
        for event in history {
            switch event.kind {
            case .stateEntered(_, let stateName, _): entered.append(stateName)
            case .stateExited(_, let stateName, let output, let variables) where stateName == name && entered.count == 1:
                exitOutput = output
                assigned = variables
            case .taskFailed(_, _, let error, let cause), .taskTimedOut(_, _, let error, let cause),
                .lambdaFunctionFailed(let error, let cause), .lambdaFunctionTimedOut(let error, let cause):
                failure = StatesError(ErrorName(rawValue: error), cause: cause)
            default: break
            }
        }
        let error = thrown ?? failure
        let nextState = entered.count > 1 ? entered[1] : nil
        var result = StateTestResult(status: .succeeded, output: exitOutput, error: nil, nextState: nextState)
        var errorDetails = JSONObject()
        if let error {
            let retriers = state.retriers
            if let index = retriers.firstIndex(where: { error.name.isMatched(by: $0.errorEquals) }),
                retrierRetryCount < retriers[index].maxAttempts
            {
                let retrier = retriers[index]
                let interval = Double(retrier.intervalSeconds) * pow(retrier.backoffRate, Double(retrierRetryCount))
                let capped = retrier.maxDelaySeconds.map { min(interval, Double($0)) } ?? interval
                errorDetails["retryIndex"] = .integer(index)
                errorDetails["retryBackoffIntervalSeconds"] = .integer(Int(capped.rounded(.up)))
                result = StateTestResult(status: .retriable, output: nil, error: error, nextState: nil)
            } else if thrown == nil, nextState != nil,
                let index = state.catchers.firstIndex(where: { error.name.isMatched(by: $0.errorEquals) })
            {
                errorDetails["catchIndex"] = .integer(index)
                result = StateTestResult(status: .caughtError, output: exitOutput, error: error, nextState: nextState)
            } else {
                result = StateTestResult(status: .failed, output: nil, error: error, nextState: nil)
            }
        }
        if inspectionLevel != .info {
            var data = inspection(of: state, history: history, runner: runner)
            var variables = self.variables
            for (key, value) in assigned ?? [:] { variables[key] = value }
            if !variables.isEmpty { data["variables"] = .string(JSONValue.object(variables).jsonString()) }
            if !errorDetails.isEmpty { data["errorDetails"] = .object(errorDetails) }
            result.inspectionData = data
        }
        return result
    }
}

extension State {
    /// The state's `Retry` rules (none for states that cannot retry).
    var retriers: [Retrier] {
        switch self {
        case .task(let state): return state.retriers
        case .map(let state): return state.retriers
        case .parallel(let state): return state.retriers
        default: return []
        }
    }

    /// The state's `Catch` rules (none for states that cannot catch).
    var catchers: [Catcher] {
        switch self {
        case .task(let state): return state.catchers
        case .map(let state): return state.catchers
        case .parallel(let state): return state.catchers
        default: return []
        }
    }
}

/// Serves every task of a state test with the mocked outcome; its result stands in for a callback.
struct MockedOutcomeHandler: TaskHandler {
    let outcome: StateTest.Mock.Outcome

    func invoke(_ request: TaskRequest) async throws -> JSONValue {
        switch outcome {
        case .result(let value): return value
        case .error(let error): throw error
        }
    }

    var returnsCallbackResult: Bool { true }
}
