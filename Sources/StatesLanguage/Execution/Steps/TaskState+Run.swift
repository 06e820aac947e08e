import Foundation
import Synchronization

extension ExecutionRunner {
    func runTask(_ state: TaskState, input: JSONValue, variables: VariableScope, previous: inout Int) async throws
        -> StepOutcome
    {
        try await runRetrying(
            "Task", name: state.name, language: state.queryLanguage, inputPath: state.inputPath, retriers: state.retriers,
            catchers: state.catchers, transition: state.transition, input: input, variables: variables,
            previous: &previous
        ) { entered, effective, retryCount, previous in
            try await attemptTask(
                state, entered: entered, input: input, effective: effective, variables: variables,
                retryCount: retryCount, previous: &previous)
        }
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
            guard let value = path.value(in: environment(input, entered, variables: variables)) else {
                // Recorded: test_invalid_jsonpath[ST.INVALID_JSONPATH_IN_TIMEOUTSECONDSPATH].
                throw runtimeError(noResultsCause(path.path, in: input), in: entered)
            }
            guard case .number(let n) = value, let seconds = n.intValue, seconds > 0 else {
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
        let pattern = resource.integrationPattern
        // AWS gives `.sync` tasks a task token too ($$.Task.Token; recording test_sync_with_task_token).
        let token: String? =
            pattern == .requestResponse ? nil : JournalCursor.generated { .string(UUID().uuidString) }.stringValue
        let context = contextValue(entered, retryCount: retryCount, taskToken: token)
        var paths = PathEnvironment(input: effective, context: context)
        paths.variables = variables.values
        let query = QueryData(
            input: input, context: context, variables: variables.values,
            environment: queryEnvironment(for: state.queryLanguage))
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
        // A durable run keys the task's outcome: a replay serves the recorded one instead of calling
        // the handler, and a task with none is called (again).
        let cursor = journal == nil ? nil : JournalCursor.current
        let taskKey = cursor?.nextKey()
        let recorded = taskKey.flatMap { journal?.replay.outcomes[$0] }
        let submission = taskKey.flatMap { journal?.replay.submitted[$0] }
        if let cursor, journal?.isRedrive == true, recorded == nil { cursor.goLive() }
        let registered = executor.registry.handler(for: resource)
        let handler: any TaskHandler
        if let registered, submission == nil {
            handler = registered
        } else if recorded != nil || submission != nil {
            // Submitted before the process ended: wait for the callback again rather than submit twice.
            handler = CallbackWaiter(tokens: tokens)
        } else {
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
        // A `.waitForTaskToken` task whose handler sends the token away records TaskSubmitted with the
        // handler's response once it returns (below). Every other `.sync` or `.waitForTaskToken` task
        // (a mock, or a handler that does the whole job) records it at once: AWS records it for each of
        // them, before the outcome. The service's immediate response is not known here, so it is `{}`.
        let waitsForCallback =
            pattern == .waitForTaskToken && (submission != nil || !(registered?.returnsCallbackResult ?? true))
        if pattern != .requestResponse, !waitsForCallback {
            previous = try recorder.record(
                .taskSubmitted(resourceType: type, resource: name, output: .object(JSONObject())), after: previous)
        }

        let lastBeat = HeartbeatMonitor(clock.now)
        let clock = self.clock
        let request = TaskRequest(
            resource: resource, input: parameters, stateName: state.name, retryCount: retryCount, taskToken: token,
            timeoutSeconds: timeout, heartbeatSeconds: heartbeat, credentials: credentials, context: context,
            clock: clock, sendHeartbeat: { lastBeat.beat(at: clock.now) })
        let openToken = waitsForCallback ? token : nil
        // A resumed task that was submitted already only waits (CallbackWaiter) for its token.
        let callbackToken = submission == nil ? openToken : nil
        if let openToken, recorded == nil { tokens.open(openToken, stateName: state.name, heartbeat: request.sendHeartbeat) }
        defer { if let openToken { tokens.close(openToken) } }

        let result: JSONValue
        // A callback task records TaskSubmitted with the service's response before it waits (AWS).
        let submittedID = Mutex<Int?>(nil)
        do {
            let recorder = self.recorder
            let started = previous
            let journal = self.journal
            if let submission {
                if recorded == nil { registered?.replayed(request) }
                previous = try recorder.record(
                    .taskSubmitted(resourceType: type, resource: name, output: submission), after: started)
            }
            let raw: JSONValue
            if let recorded {
                registered?.replayed(request)
                switch recorded {
                case .succeeded(let output): raw = output
                case .failed(let error): throw error
                }
            } else {
                // Recorded (handed to the system, so it survives the process) before the handler runs; only
                // outcomes wait for stable storage, since a lost start record means the same as a lost
                // outcome: the task runs (again) on resume.
                if let taskKey, submission == nil { try journal?.appendWritten(.taskStarted(key: taskKey)) }
                do {
                    raw = try await race(
                        handler: handler, request: request, callbackToken: callbackToken, timeout: timeout,
                        heartbeat: heartbeat, lastBeat: lastBeat
                    ) { response in
                        if let taskKey { try? journal?.appendDurably(.taskSubmitted(key: taskKey, response: response)) }
                        let id = try? recorder.record(
                            .taskSubmitted(resourceType: type, resource: name, output: response), after: started)
                        submittedID.withLock { $0 = id }
                    }
                } catch let error as StatesError {
                    if let taskKey {
                        try journal?.appendDurably(.taskFailed(key: taskKey, error: error.name.rawValue, cause: error.cause))
                    }
                    throw error
                }
                if let taskKey { try journal?.appendDurably(.taskSucceeded(key: taskKey, output: raw)) }
            }
            if let id = submittedID.withLock({ $0 }) { previous = id }
            try checkPayload(raw, source: resource.kind == .optimized ? resource.resourceType : resource.rawValue)
            result = raw
        } catch let error as StatesError {
            if let id = submittedID.withLock({ $0 }) { previous = id }
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
    ///
    /// The first of handler, timer and cancellation to finish decides the outcome at once; the others
    /// are cancelled but not awaited, so a handler that ignores cancellation cannot hold up a
    /// timeout, a failing sibling or a stopped execution (AWS, too, leaves such work running).
    ///
    /// - Parameters:
    ///   - callbackToken: the token whose callback decides the task, when the handler only sends it away.
    ///   - submitted: called with the handler's response when a `.waitForTaskToken` task starts
    ///     waiting for its callback.
    private func race(
        handler: any TaskHandler, request: TaskRequest, callbackToken: String?, timeout: Int?, heartbeat: Int?,
        lastBeat: HeartbeatMonitor, submitted: @escaping @Sendable (JSONValue) -> Void
    ) async throws -> JSONValue {
        let clock = self.clock
        let tokens = self.tokens
        let start = clock.now
        let referee = RaceReferee<JSONValue>(clock: clock)
        defer { referee.endSettling() }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<JSONValue, any Error>) in
                referee.begin(continuation)
                // A simulated clock is held still until the handler waits on its clock or returns
                // (HandlerClock), so the timers racing it fire in simulated time only while it waits.
                let hold = clock.beginExternalWork()
                var request = request
                request.clock = HandlerClock(base: clock, hold: hold)
                referee.add(
                    Task { [request] in
                        defer { hold.end() }
                        do {
                            let value = try await handler.invoke(request)
                            if let token = callbackToken {
                                submitted(value)
                                hold.end()
                                referee.finish(.success(try await tokens.wait(for: token)))
                            } else {
                                referee.finish(.success(value))
                            }
                        } catch let error as StatesError {
                            referee.finish(.failure(error))
                        } catch is CancellationError where Task.isCancelled {
                            referee.finish(.failure(CancellationError()))
                        } catch {
                            referee.finish(.failure(StatesError(.taskFailed, cause: String(describing: error))))
                        }
                    })
                if let timeout {
                    referee.add(
                        Task {
                            guard (try? await clock.sleep(until: start.addingTimeInterval(Double(timeout)))) != nil else {
                                return
                            }
                            referee.finish(
                                .failure(StatesError(.timeout, cause: "The task did not complete within \(timeout) seconds.")))
                        })
                }
                if let heartbeat {
                    referee.add(
                        Task {
                            while true {
                                let beat = lastBeat.last
                                guard (try? await clock.sleep(until: beat.addingTimeInterval(Double(heartbeat)))) != nil
                                else { return }
                                if lastBeat.last == beat { break }
                            }
                            referee.finish(
                                .failure(
                                    StatesError(
                                        .heartbeatTimeout, cause: "The task sent no heartbeat for \(heartbeat) seconds.")))
                        })
                }
            }
        } onCancel: {
            referee.finish(.failure(CancellationError()))
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

/// Serves a `.waitForTaskToken` task that was submitted before its process ended: it only waits
/// for the callback, so a resume does not send the request a second time.
struct CallbackWaiter: TaskHandler {
    let tokens: TaskTokenRegistry

    func invoke(_ request: TaskRequest) async throws -> JSONValue {
        guard let token = request.taskToken else { throw StatesError(.taskFailed, cause: "The task has no token.") }
        return try await tokens.wait(for: token)
    }

    var returnsCallbackResult: Bool { true }
}
