import JSONata

// JSONata fields and workflow variables, shared by every state's run step.
extension ExecutionRunner {
    /// `$states` and the variables for a JSONata state's fields.
    func queryData(
        _ entered: EnteredState, input: JSONValue, variables: VariableScope, retryCount: Int? = nil,
        taskToken: String? = nil, mapItem: (index: Int, value: JSONValue)? = nil
    ) -> QueryData {
        QueryData(
            input: input,
            context: contextValue(entered, retryCount: retryCount, taskToken: taskToken, mapItem: mapItem),
            variables: variables.values, environment: queryEnvironment)
    }

    /// Runs JSONata evaluation; a failure is recorded as `EvaluationFailed` and thrown as
    /// `States.QueryEvaluationError`, which `Catch` (`States.ALL`, not `States.TaskFailed`) can handle.
    func querying<T>(_ entered: EnteredState, previous: inout Int, _ body: () throws(QueryFailure) -> T)
        throws(StatesError) -> T
    {
        do {
            return try body()
        } catch {
            // a stopped execution cancels the evaluation: that is no evaluation failure
            if Task.isCancelled { throw StatesError(.queryEvaluationError, cause: "The execution was stopped.") }
            let cause =
                "An error occurred while executing the state '\(entered.name)' (entered at the event id #\(entered.id)). \(error.message)"
            // AWS links EvaluationFailed to the event before the state's entered event (recorded
            // executions show previousEventId 0 for a first state, and the prior state's exit otherwise).
            previous = try recorder.record(
                .evaluationFailed(
                    error: ErrorName.queryEvaluationError.rawValue, cause: cause, location: error.field,
                    state: entered.name), after: entered.previousID)
            throw StatesError(.queryEvaluationError, cause: cause)
        }
    }

    /// Evaluates an `Assign` field and checks the result against the variable quotas.
    ///
    /// - Parameters:
    ///   - environment: what `$` means for a JSONPath `Assign` (the result, the effective input or the error).
    ///   - query: `$states` for a JSONata `Assign`.
    /// - Returns: the assigned variables, or `nil` when there is no `Assign`.
    func evaluate(
        _ assignment: VariableAssignment?, environment: @autoclosure () -> PathEnvironment,
        query: @autoclosure () -> QueryData, variables: VariableScope, entered: EnteredState, previous: inout Int
    ) throws(StatesError) -> JSONObject? {
        guard let assignment else { return nil }
        let value: JSONValue
        switch assignment {
        case .jsonPath(let template):
            let env = environment()
            value = try processing(entered) { () throws(StatesError) -> JSONValue in try template.evaluate(in: env) }
        case .jsonata(let template):
            let data = query()
            value = try querying(entered, previous: &previous) { () throws(QueryFailure) -> JSONValue in
                try template.evaluate(data)
            }
        }
        guard case .object(let assigned) = value else { return nil }
        try variables.check(assigned, limits: executor.limits)
        return assigned
    }

    /// A JSONata number field (`TimeoutSeconds`, `MaxConcurrency`, `Seconds`…), checked to be a
    /// number within `minimum...maximum` (and whole, when `integral`).
    func number(
        _ expression: QueryExpression, _ data: QueryData, minimum: Double, maximum: Double = .infinity, integral: Bool,
        entered: EnteredState, previous: inout Int
    ) throws(StatesError) -> Double {
        try querying(entered, previous: &previous) { () throws(QueryFailure) -> Double in
            let value = try expression.evaluate(data)
            guard case .number(let number) = value, number.doubleValue >= minimum, number.doubleValue <= maximum,
                !integral || number.doubleValue.rounded() == number.doubleValue
            else {
                throw expression.unexpectedType(value, expected: integral ? "integer" : "number")
            }
            return number.doubleValue
        }
    }
}
