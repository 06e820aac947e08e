extension ExecutionRunner {
    /// Runs a state that can retry and catch (Task, Map, Parallel): records its entry, applies
    /// `InputPath` (JSONPath states), runs `attempt` under the state's `Retry` and `Catch`, and
    /// records its exit with the output or the catcher's output.
    ///
    /// - Parameter attempt: one attempt, given the entered state, the effective input and the retry count.
    func runRetrying(
        _ type: String, name: String, language: QueryLanguage, inputPath: PayloadPath?, retriers: [Retrier],
        catchers: [Catcher], transition: Transition, input: JSONValue, variables: VariableScope, previous: inout Int,
        attempt: (_ entered: EnteredState, _ effective: JSONValue, _ retryCount: Int, _ previous: inout Int)
            async throws -> StepResult
    ) async throws -> StepOutcome {
        let entered = try enter(type, name, input: input, previous: &previous)
        let effective =
            language == .jsonata
            ? input
            : try processing(entered) { () throws(StatesError) -> JSONValue in
                try applyPath(inputPath, to: input, field: "InputPath", context: contextValue(entered), variables: variables)
            }
        let (step, catcher) = try await withRetryAndCatch(
            entered, retriers: retriers, catchers: catchers, input: input, language: language, variables: variables,
            previous: &previous
        ) { retryCount, previous in
            try await attempt(entered, effective, retryCount, &previous)
        }
        try exit(type, name, output: step.output, assigned: step.assigned, previous: &previous)
        let next = catcher.map { Transition.next($0.next) } ?? transition
        return StepOutcome(output: step.output, transition: next, assigned: step.assigned)
    }
}
