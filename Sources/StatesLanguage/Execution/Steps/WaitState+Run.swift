import Foundation

extension ExecutionRunner {
    /// The longest delay AWS accepts in a Wait state, in seconds (2³¹ − 1): a longer one fails with
    /// `States.Runtime` "Wait state delay is too long." when the state is entered. Recorded on AWS
    /// (a `TimestampPath` 24,855 days ahead is accepted, 24,856 days ahead is refused).
    static let longestWaitSeconds: Double = 2_147_483_647

    func runWait(_ state: WaitState, input: JSONValue, variables: VariableScope, previous: inout Int) async throws
        -> StepOutcome
    {
        let entered = try enter("Wait", state.name, input: input, previous: &previous)
        let isJSONata = state.queryLanguage == .jsonata
        let effective =
            isJSONata
            ? input
            : try processing(entered) { () throws(StatesError) -> JSONValue in
                try applyPath(
                    state.inputPath, to: input, field: "InputPath", context: contextValue(entered), variables: variables)
            }
        let paths = environment(effective, entered, variables: variables)
        var deadline: Date
        switch state.duration {
        case .seconds(let seconds):
            deadline = entered.time.addingTimeInterval(Double(seconds))
        case .timestamp(let date):
            deadline = date
        case .secondsExpression(let expression):
            let data = queryData(entered, input: input, variables: variables)
            let seconds = try number(expression, data, minimum: 0, integral: true, entered: entered, previous: &previous)
            deadline = entered.time.addingTimeInterval(seconds)
        case .timestampExpression(let expression):
            let data = queryData(entered, input: input, variables: variables)
            deadline = try querying(entered, previous: &previous) { () throws(QueryFailure) -> Date in
                let value = try expression.evaluate(data)
                guard case .string(let text) = value, let date = Timestamp.parse(text) else {
                    throw QueryFailure(
                        field: expression.field,
                        message: "The JSONata expression '\(expression.source)' specified for the field 'Timestamp' did not return a valid ISO-8601 extended offset date-time string: \(value.jsonString())")
                }
                return date
            }
        case .secondsPath(let path):
            // Causes follow AWS's wording for each failure.
            guard let value = path.value(in: paths) else {
                throw runtimeError("The SecondsPath parameter does not reference an input value: \(path)", in: entered)
            }
            guard case .number(let number) = value, let seconds = number.int64Value else {
                throw runtimeError(
                    "The SecondsPath parameter cannot be parsed as a long value: \(path) == \(value.jsonString())",
                    in: entered)
            }
            guard seconds >= 0 else {
                throw runtimeError(
                    "The SecondsPath parameter references a negative value: \(path) == \(seconds)", in: entered)
            }
            deadline = entered.time.addingTimeInterval(Double(seconds))
        case .timestampPath(let path):
            let value = path.value(in: paths)
            guard case .string(let text)? = value, let date = Timestamp.parse(text) else {
                let shown = value.map { $0.stringValue ?? $0.jsonString() } ?? "null"
                throw runtimeError(
                    "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: \(path) == \(shown)",
                    in: entered)
            }
            deadline = date
        }
        if deadline.timeIntervalSince(entered.time) > ExecutionRunner.longestWaitSeconds {
            throw runtimeError("Wait state delay is too long.", in: entered)
        }
        let override = executor.waitOverrides[state.name]
        if let override { deadline = entered.time.addingTimeInterval(override) }
        if let journal, let cursor = JournalCursor.current {
            // The first run's deadline: a resumed Wait waits only what is left of it.
            // Unless this run overrides the Wait's duration (`sfnrun resume --wait-seconds`): it then lasts
            // that long from when it was first entered (`deadline` already says so), even if it began
            // before the process stopped.
            let computed = deadline
            let recorded = cursor.date { computed }
            if override == nil { deadline = recorded }
            journal.flush()
        }
        try await sleepWithinMaximumDuration(until: deadline)
        let step: StepResult
        if isJSONata {
            step = try outputAndAssign(
                output: state.output, assign: state.assign, data: queryData(entered, input: input, variables: variables),
                default: input, variables: variables, entered: entered, previous: &previous)
        } else {
            // AWS: in a Wait state's Assign, `$` is the effective input.
            let assigned = try evaluate(
                state.assign, environment: paths, query: queryData(entered, input: input, variables: variables),
                variables: variables, entered: entered, previous: &previous)
            let output = try processing(entered) { () throws(StatesError) -> JSONValue in
                try applyPath(
                    state.outputPath, to: effective, field: "OutputPath", context: contextValue(entered),
                    variables: variables)
            }
            step = StepResult(output: output, assigned: assigned)
        }
        try exit("Wait", state.name, output: step.output, assigned: step.assigned, previous: &previous)
        return StepOutcome(output: step.output, transition: state.transition, assigned: step.assigned)
    }
}
