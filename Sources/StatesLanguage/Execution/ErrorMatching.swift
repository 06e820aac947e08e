extension ErrorName {
    /// Whether a `Retry` or `Catch` entry with these `ErrorEquals` handles this error.
    ///
    /// - `States.Runtime` and `States.ReferencePathConflict` are never retried or caught: AWS always
    ///   fails the execution on them.
    /// - `States.ALL` matches every other name except `States.DataLimitExceeded`.
    /// - `States.TaskFailed` matches every name except `States.Timeout` (and the two above).
    /// - Any other entry matches its exact name.
    public func isMatched(by errorEquals: [ErrorName]) -> Bool {
        if self == .runtime || self == .referencePathConflict { return false }
        for pattern in errorEquals {
            if pattern == self { return true }
            if pattern == .all, self != .dataLimitExceeded { return true }
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
    /// - Returns: the work's output, or `nil` and the catcher's transition when a catcher handled an error
    ///   (in which case `caughtOutput` holds the state's output).
    func withRetryAndCatch(
        _ entered: EnteredState, retriers: [Retrier], catchers: [Catcher], input: JSONValue,
        previous: inout Int, work: (_ retryCount: Int, _ previous: inout Int) async throws -> JSONValue
    ) async throws -> (output: JSONValue, caughtBy: Catcher?) {
        var attempts = [Int](repeating: 0, count: retriers.count)
        var retryCount = 0
        while true {
            do {
                return (try await work(retryCount, &previous), nil)
            } catch let error as StatesError {
                if let index = retriers.firstIndex(where: { error.name.isMatched(by: $0.errorEquals) }),
                    attempts[index] < retriers[index].maxAttempts
                {
                    let retrier = retriers[index]
                    var delay = retrier.delay(beforeRetry: attempts[index])
                    if retrier.jitterStrategy == .full { delay = Double.random(in: 0...delay) }
                    attempts[index] += 1
                    retryCount += 1
                    try await clock.sleep(seconds: delay)
                    continue
                }
                guard let catcher = catchers.first(where: { error.name.isMatched(by: $0.errorEquals) }) else {
                    throw error
                }
                let output = try processing(entered) { () throws(StatesError) -> JSONValue in
                    try applyResultPath(catcher.resultPath, result: error.errorOutput, input: input)
                }
                return (output, catcher)
            }
        }
    }
}
