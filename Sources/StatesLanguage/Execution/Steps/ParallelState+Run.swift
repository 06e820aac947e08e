extension ExecutionRunner {
    func runParallel(_ state: ParallelState, input: JSONValue, previous: inout Int) async throws -> StepOutcome {
        let entered = try enter("Parallel", state.name, input: input, previous: &previous)
        let effective = try processing(entered) { () throws(StatesError) -> JSONValue in
            try applyPath(state.inputPath, to: input, field: "InputPath", context: contextValue(entered))
        }
        let (output, catcher) = try await withRetryAndCatch(
            entered, retriers: state.retriers, catchers: state.catchers, input: input, previous: &previous
        ) { retryCount, previous in
            let branchInput = try processing(entered) { () throws(StatesError) -> JSONValue in
                guard let parameters = state.parameters else { return effective }
                return try parameters.evaluate(in: environment(effective, entered, retryCount: retryCount))
            }
            previous = try recorder.record(.parallelStateStarted, after: previous)
            let results: [JSONValue]
            do {
                results = try await runBranches(state.branches, input: branchInput, after: previous)
            } catch let error as StatesError {
                previous = try recorder.record(
                    .parallelStateFailed(error: error.name.rawValue, cause: error.cause), after: recorder.lastID)
                throw error
            } catch {
                previous = try recorder.record(.parallelStateAborted, after: recorder.lastID)
                throw error
            }
            previous = try recorder.record(.parallelStateSucceeded, after: recorder.lastID)
            return try processing(entered) { () throws(StatesError) -> JSONValue in
                var result = JSONValue.array(results)
                let context = contextValue(entered, retryCount: retryCount)
                if let selector = state.resultSelector {
                    result = try selector.evaluate(in: PathEnvironment(input: result, context: context))
                }
                let combined = try applyResultPath(state.resultPath, result: result, input: input)
                return try applyPath(state.outputPath, to: combined, field: "OutputPath", context: context)
            }
        }
        try exit("Parallel", state.name, output: output, previous: &previous)
        if let catcher { return StepOutcome(output: output, transition: .next(catcher.next)) }
        return StepOutcome(output: output, transition: state.transition)
    }

    /// Runs every branch at once; the first failure cancels the others and is rethrown.
    private func runBranches(_ branches: [StateGraph], input: JSONValue, after start: Int) async throws -> [JSONValue] {
        var results = [JSONValue](repeating: .null, count: branches.count)
        try await withThrowingTaskGroup(of: (Int, JSONValue).self) { group in
            for (index, branch) in branches.enumerated() {
                group.addTask {
                    var lane = start
                    return (index, try await self.runGraph(branch, input: input, previous: &lane))
                }
            }
            while let (index, output) = try await group.next() { results[index] = output }
        }
        return results
    }
}
