extension ErrorName {
    /// Whether a `Retry` or `Catch` entry with these `ErrorEquals` handles this error.
    ///
    /// - `States.Runtime` and `States.ReferencePathConflict` are never retried or caught: AWS always
    ///   fails the execution on them.
    /// - `States.ALL` matches every other name, `States.DataLimitExceeded` included: AWS's
    ///   documentation says otherwise, but its recorded executions catch an oversized task result
    ///   with `States.ALL`.
    /// - `States.TaskFailed` matches every name except `States.Timeout` (and the two above).
    /// - Any other entry matches its exact name.
    public func isMatched(by errorEquals: [ErrorName]) -> Bool {
        if self == .runtime || self == .referencePathConflict { return false }
        for pattern in errorEquals {
            if pattern == self { return true }
            if pattern == .all { return true }
            if pattern == .taskFailed, self != .timeout, self != .dataLimitExceeded, self != .queryEvaluationError {
                return true
            }
        }
        return false
    }
}

extension ExecutionRunner {
    /// Runs a state's work with its `Retry` and `Catch` rules.
    ///
    /// - Returns: the work's output and assigned variables, or, when a catcher handled an error, the
    ///   catcher's output (`ResultPath` or `Output`) and assignments, with the catcher.
    func withRetryAndCatch(
        _ entered: EnteredState, retriers: [Retrier], catchers: [Catcher], input: JSONValue, language: QueryLanguage,
        variables: VariableScope, previous: inout Int,
        work: (_ retryCount: Int, _ previous: inout Int) async throws -> StepResult
    ) async throws -> (result: StepResult, caughtBy: Catcher?) {
        var attempts = [Int](repeating: 0, count: retriers.count)
        var retryCount = 0
        while true {
            let error: StatesError
            var failedEvent: ExecutionEvent.Kind?
            do {
                return (try await work(retryCount, &previous), nil)
            } catch let failure as FailedAttempt {
                error = failure.error
                failedEvent = failure.event
            } catch let failure as StatesError {
                error = failure
            }
            // a failure caused by stopping the execution (a cancelled evaluation) is neither retried nor caught
            if Task.isCancelled { throw CancellationError() }
            if let index = retriers.firstIndex(where: { error.name.isMatched(by: $0.errorEquals) }),
                attempts[index] < retriers[index].maxAttempts
            {
                let retrier = retriers[index]
                var delay = retrier.delay(beforeRetry: attempts[index])
                if retrier.jitterStrategy == .full { delay = Double.random(in: 0...delay) }
                attempts[index] += 1
                retryCount += 1
                // A durable run keeps the deadline, so a resumed retry waits only what is left.
                let clock = self.clock
                let deadline =
                    journal == nil
                    ? clock.now.addingTimeInterval(delay)
                    : JournalCursor.current?.date { clock.now.addingTimeInterval(delay) }
                        ?? clock.now.addingTimeInterval(delay)
                journal?.flush()
                try await sleepWithinMaximumDuration(until: deadline)
                continue
            }
            if let failedEvent { previous = try recorder.recordAfterLatest(failedEvent) }
            guard let catcher = catchers.first(where: { error.name.isMatched(by: $0.errorEquals) }) else {
                throw error
            }
            let errorOutput = error.errorOutput
            let result = try caught(
                by: catcher, errorOutput: errorOutput, input: input, language: language, variables: variables,
                entered: entered, retryCount: retryCount, previous: &previous)
            return (result, catcher)
        }
    }

    /// A catcher's output and assignments: `ResultPath` and `Assign` with `$` as the error output
    /// (JSONPath), or `Output` and `Assign` with `$states.errorOutput` (JSONata).
    private func caught(
        by catcher: Catcher, errorOutput: JSONValue, input: JSONValue, language: QueryLanguage,
        variables: VariableScope, entered: EnteredState, retryCount: Int, previous: inout Int
    ) throws(StatesError) -> StepResult {
        switch language {
        case .jsonPath:
            let output = try processing(entered) { () throws(StatesError) -> JSONValue in
                try applyResultPath(catcher.resultPath, result: errorOutput, input: input)
            }
            let assigned = try evaluate(
                catcher.assign,
                environment: environment(errorOutput, entered, retryCount: retryCount, variables: variables),
                query: queryData(entered, input: input, variables: variables), variables: variables, entered: entered,
                previous: &previous)
            return StepResult(output: output, assigned: assigned)
        case .jsonata:
            let data = queryData(entered, input: input, variables: variables, retryCount: retryCount)
                .with(errorOutput: errorOutput)
            let assigned = try evaluate(
                catcher.assign, environment: environment(errorOutput, entered, variables: variables), query: data,
                variables: variables,
                entered: entered, previous: &previous)
            var output = errorOutput
            if let template = catcher.output {
                output = try querying(entered, previous: &previous) { () throws(QueryFailure) -> JSONValue in
                    try template.evaluate(data)
                }
            }
            return StepResult(output: output, assigned: assigned)
        }
    }
}
