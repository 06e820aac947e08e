// How a state's output and assigned variables are made from its result, in either query language.
extension ExecutionRunner {
    /// The end of a Task, Map or Parallel attempt: `ResultSelector`, `ResultPath`, `OutputPath` and
    /// `Assign` on the raw result (JSONPath), or `Output` and `Assign` with `$states.result` (JSONata).
    func finish(
        result: JSONValue, input: JSONValue, language: QueryLanguage, resultSelector: PayloadTemplate?,
        resultPath: ResultPathSetting?, outputPath: PayloadPath?, output: QueryTemplate?,
        assign: VariableAssignment?, context: JSONValue, query: QueryData, variables: VariableScope,
        entered: EnteredState, previous: inout Int
    ) throws(StatesError) -> StepResult {
        switch language {
        case .jsonPath:
            var paths = PathEnvironment(input: result, context: context)
            paths.variables = variables.values
            // AWS evaluates Assign "at the same time as ResultSelector": `$` is the raw result.
            let assigned = try evaluate(
                assign, environment: paths, query: query, variables: variables, entered: entered, previous: &previous)
            let output = try processing(entered) { () throws(StatesError) -> JSONValue in
                var selected = result
                if let resultSelector { selected = try resultSelector.evaluate(in: paths) }
                let combined = try applyResultPath(resultPath, result: selected, input: input)
                return try applyPath(outputPath, to: combined, field: "OutputPath", context: context, variables: variables)
            }
            return StepResult(output: output, assigned: assigned)
        case .jsonata:
            return try outputAndAssign(
                output: output, assign: assign, data: query.with(result: result), default: result,
                variables: variables, entered: entered, previous: &previous)
        }
    }

    /// A JSONata state's `Output` (or `default`) and `Assign`, both evaluated on the same `$states`.
    func outputAndAssign(
        output: QueryTemplate?, assign: VariableAssignment?, data: QueryData, default value: JSONValue,
        variables: VariableScope, entered: EnteredState, previous: inout Int
    ) throws(StatesError) -> StepResult {
        let assigned = try evaluate(
            assign, environment: PathEnvironment(input: value, context: .null), query: data, variables: variables,
            entered: entered, previous: &previous)
        var result = value
        if let output {
            result = try querying(entered, previous: &previous) { () throws(QueryFailure) -> JSONValue in
                try output.evaluate(data)
            }
        }
        return StepResult(output: result, assigned: assigned)
    }
}
