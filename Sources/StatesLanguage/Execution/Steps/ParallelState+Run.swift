extension ExecutionRunner {
    func runParallel(_ state: ParallelState, input: JSONValue, variables: VariableScope, previous: inout Int)
        async throws -> StepOutcome
    {
        let isJSONata = state.queryLanguage == .jsonata
        return try await runRetrying(
            "Parallel", name: state.name, language: state.queryLanguage, inputPath: state.inputPath,
            retriers: state.retriers, catchers: state.catchers, transition: state.transition, input: input,
            variables: variables, previous: &previous
        ) { entered, effective, retryCount, previous in
            let context = contextValue(entered, retryCount: retryCount)
            let query = QueryData(
                input: input, context: context, variables: variables.values, environment: queryEnvironment)
            let branchInput: JSONValue
            if isJSONata {
                branchInput = try querying(entered, previous: &previous) { () throws(QueryFailure) -> JSONValue in
                    try state.arguments?.evaluate(query) ?? input
                }
            } else {
                branchInput = try processing(entered) { () throws(StatesError) -> JSONValue in
                    guard let parameters = state.parameters else { return effective }
                    return try parameters.evaluate(
                        in: environment(effective, entered, retryCount: retryCount, variables: variables))
                }
            }
            previous = try recorder.record(.parallelStateStarted, after: previous)
            let results: [JSONValue]
            do {
                results = try await runBranches(
                    state.branches, input: branchInput, variables: variables, retryCount: retryCount, after: previous)
            } catch let error as StatesError {
                // Recorded once the failure is final (no retrier takes it).
                throw FailedAttempt(error: error, event: .parallelStateFailed(error: error.name.rawValue, cause: error.cause))
            } catch {
                previous = try recorder.recordAfterLatest(.parallelStateAborted)
                throw error
            }
            previous = try recorder.recordAfterLatest(.parallelStateSucceeded)
            return try finish(
                result: .array(results), input: input, language: state.queryLanguage,
                resultSelector: state.resultSelector, resultPath: state.resultPath, outputPath: state.outputPath,
                output: state.output, assign: state.assign, context: context, query: query, variables: variables,
                entered: entered, previous: &previous)
        }
    }

    /// Runs every branch at once, each with its own copy of the variables; the first failure cancels the
    /// others and is rethrown.
    private func runBranches(
        _ branches: [StateGraph], input: JSONValue, variables: VariableScope, retryCount: Int, after start: Int
    ) async throws -> [JSONValue] {
        var results = [JSONValue](repeating: .null, count: branches.count)
        let stepCursor = journal == nil ? nil : JournalCursor.current
        try await withThrowingTaskGroup(of: (Int, JSONValue).self) { group in
            for (index, branch) in branches.enumerated() {
                group.addTask {
                    // Each branch is a lane of the journal of its own.
                    let branchLane = stepCursor?.lane(retryCount, "{\(index)}")
                    branchLane?.noteLaneBegun()
                    return try await JournalLane.$current.withValue(branchLane.map { JournalLane($0) }) {
                        var lane = start
                        return (index, try await self.runGraph(branch, input: input, previous: &lane, variables: variables))
                    }
                }
            }
            while let (index, output) = try await group.next() { results[index] = output }
        }
        return results
    }
}
