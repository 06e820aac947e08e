import Foundation
import Synchronization

extension ExecutionRunner {
    func runTask(_ state: TaskState, input: JSONValue, variables: VariableScope, previous: inout Int) async throws
        -> StepOutcome
    {
        let entered = try enter("Task", state.name, input: input, previous: &previous)
        let effective =
            state.queryLanguage == .jsonata
            ? input
            : try processing(entered) { () throws(StatesError) -> JSONValue in
                try applyPath(
                    state.inputPath, to: input, field: "InputPath", context: contextValue(entered), variables: variables)
            }
        let (step, catcher) = try await withRetryAndCatch(
            entered, retriers: state.retriers, catchers: state.catchers, input: input, language: state.queryLanguage,
            variables: variables, previous: &previous
        ) { retryCount, previous in
            try await attemptTask(
                state, entered: entered, input: input, effective: effective, variables: variables,
                retryCount: retryCount, previous: &previous)
        }
        try exit("Task", state.name, output: step.output, assigned: step.assigned, previous: &previous)
        let transition = catcher.map { Transition.next($0.next) } ?? state.transition
        return StepOutcome(output: step.output, transition: transition, assigned: step.assigned)
    }

    private func seconds(
        _ setting: TaskState.Seconds?, field: String, in input: JSONValue, query: @autoclosure () -> QueryData,
        variables: VariableScope, entered: EnteredState, previous: inout Int
    ) throws(StatesError) -> Int? {
        switch setting {
        case nil: return nil
        case .literal(let value): return value
        case .expression(let expression):
            return Int(try number(expression, query(), minimum: 1, integral: true, entered: entered, previous: &previous))
        case .path(let path):
            guard let value = path.path.value(in: environment(input, entered, variables: variables)),
                case .number(let n) = value, let seconds = n.intValue, seconds > 0
            else {
                throw runtimeError(
                    "The value of '\(field)' ('\(path)') must select a positive integer in the input '\(input.jsonString())'",
                    in: entered)
            }
            return seconds
        }
    }

    private func attemptTask(
        _ state: TaskState, entered: EnteredState, input: JSONValue, effective: JSONValue, variables: VariableScope,
        retryCount: Int, previous: inout Int
    ) async throws -> StepResult {
        let resource = state.resource
        let token: String? = resource.integrationPattern == .waitForTaskToken ? UUID().uuidString : nil
        let context = contextValue(entered, retryCount: retryCount, taskToken: token)
        var paths = PathEnvironment(input: effective, context: context)
        paths.variables = variables.values
        let query = QueryData(input: input, context: context, variables: variables.values, environment: queryEnvironment)
        let parameters: JSONValue
        var credentials = state.credentials
        switch state.queryLanguage {
        case .jsonPath:
            parameters = try processing(entered) { () throws(StatesError) -> JSONValue in
                guard let template = state.parameters else { return effective }
                return try template.evaluate(in: paths)
            }
            if let template = state.credentialsTemplate {
                credentials = try processing(entered) { () throws(StatesError) -> JSONValue in
                    try template.evaluate(in: paths)
                }
            }
        case .jsonata:
            parameters = try querying(entered, previous: &previous) { () throws(QueryFailure) -> JSONValue in
                try state.arguments?.evaluate(query) ?? input
            }
            if let template = state.credentialsQuery {
                credentials = try querying(entered, previous: &previous) { () throws(QueryFailure) -> JSONValue in
                    try template.evaluate(query)
                }
            }
        }
        let timeout = try seconds(
            state.timeout, field: "TimeoutSecondsPath", in: effective, query: query, variables: variables,
            entered: entered, previous: &previous)
        let heartbeat = try seconds(
            state.heartbeat, field: "HeartbeatSecondsPath", in: effective, query: query, variables: variables,
            entered: entered, previous: &previous)
        // The quota also covers the input data a task is scheduled with.
        try checkPayload(parameters, source: state.name)
        guard let handler = executor.registry.handler(for: resource) else {
            throw runtimeError(
                "No task handler is registered for the resource '\(resource)'. Register one in the executor's TaskRegistry or mock the state.",
                in: entered)
        }
        let type = resource.resourceType, name = resource.resourceName
        // A bare Lambda function ARN has its own event family in AWS's history.
        let isLambda = resource.kind == .lambdaFunction
        previous = try recorder.record(
            isLambda
                ? .lambdaFunctionScheduled(resource: resource.rawValue, input: parameters, timeoutInSeconds: timeout)
                : .taskScheduled(
                    resourceType: type, resource: name, region: executor.region, parameters: parameters,
                    timeoutInSeconds: timeout, heartbeatInSeconds: heartbeat), after: previous)
        previous = try recorder.record(
            isLambda ? .lambdaFunctionStarted : .taskStarted(resourceType: type, resource: name), after: previous)

        let lastBeat = HeartbeatMonitor(clock.now)
        let clock = self.clock
        let request = TaskRequest(
            resource: resource, input: parameters, stateName: state.name, retryCount: retryCount, taskToken: token,
            timeoutSeconds: timeout, heartbeatSeconds: heartbeat, credentials: credentials, context: context,
            clock: clock, sendHeartbeat: { lastBeat.beat(at: clock.now) })
        if let token { tokens.open(token, heartbeat: request.sendHeartbeat) }
        defer { if let token { tokens.close(token) } }

        let result: JSONValue
        do {
            let raw = try await race(handler: handler, request: request, timeout: timeout, heartbeat: heartbeat, lastBeat: lastBeat)
            try checkPayload(raw, source: resource.kind == .optimized ? resource.resourceType : resource.rawValue)
            result = raw
        } catch let error as StatesError {
            let timedOut = error.name == .timeout || error.name == .heartbeatTimeout
            let kind: ExecutionEvent.Kind
            switch (isLambda, timedOut) {
            case (true, true): kind = .lambdaFunctionTimedOut(error: error.name.rawValue, cause: error.cause)
            case (true, false): kind = .lambdaFunctionFailed(error: error.name.rawValue, cause: error.cause)
            case (false, true):
                kind = .taskTimedOut(resourceType: type, resource: name, error: error.name.rawValue, cause: error.cause)
            case (false, false):
                kind = .taskFailed(resourceType: type, resource: name, error: error.name.rawValue, cause: error.cause)
            }
            previous = try recorder.record(kind, after: previous)
            throw error
        }
        previous = try recorder.record(
            isLambda
                ? .lambdaFunctionSucceeded(output: result)
                : .taskSucceeded(resourceType: type, resource: name, output: result), after: previous)

        return try finish(
            result: result, input: input, language: state.queryLanguage, resultSelector: state.resultSelector,
            resultPath: state.resultPath, outputPath: state.outputPath, output: state.output, assign: state.assign,
            context: context, query: query, variables: variables, entered: entered, previous: &previous)
    }

    private enum RaceOutcome: Sendable {
        case result(JSONValue)
        case timedOut
        case heartbeatMissed
    }

    /// Runs the handler against the task's timeout and heartbeat timers on the execution's clock.
    private func race(
        handler: any TaskHandler, request: TaskRequest, timeout: Int?, heartbeat: Int?, lastBeat: HeartbeatMonitor
    ) async throws -> JSONValue {
        let clock = self.clock
        let tokens = self.tokens
        let start = clock.now
        let outcome: RaceOutcome = try await withThrowingTaskGroup(of: RaceOutcome.self) { group in
            group.addTask {
                do {
                    let value = try await handler.invoke(request)
                    if let token = request.taskToken, !handler.returnsCallbackResult {
                        return .result(try await tokens.wait(for: token))
                    }
                    return .result(value)
                } catch let error as StatesError {
                    throw error
                } catch is CancellationError where Task.isCancelled {
                    throw CancellationError()
                } catch {
                    throw StatesError(.taskFailed, cause: String(describing: error))
                }
            }
            if let timeout {
                group.addTask {
                    try await clock.sleep(until: start.addingTimeInterval(Double(timeout)))
                    return .timedOut
                }
            }
            if let heartbeat {
                group.addTask {
                    while true {
                        let beat = lastBeat.last
                        try await clock.sleep(until: beat.addingTimeInterval(Double(heartbeat)))
                        if lastBeat.last == beat { return .heartbeatMissed }
                    }
                }
            }
            defer { group.cancelAll() }
            return try await group.next()!
        }
        switch outcome {
        case .result(let value): return value
        case .timedOut: throw StatesError(.timeout, cause: "The task did not complete within \(timeout ?? 0) seconds.")
        case .heartbeatMissed:
            throw StatesError(.heartbeatTimeout, cause: "The task sent no heartbeat for \(heartbeat ?? 0) seconds.")
        }
    }
}

/// The time of a task's latest heartbeat, shared between the handler and the heartbeat timer.
final class HeartbeatMonitor: Sendable {
    private let time: Mutex<Date>

    init(_ start: Date) { time = Mutex(start) }

    var last: Date { time.withLock { $0 } }

    func beat(at now: Date) { time.withLock { $0 = now } }
}
