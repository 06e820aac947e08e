extension ExecutionRunner {
    func runPass(_ state: PassState, input: JSONValue, variables: VariableScope, previous: inout Int)
        throws(StatesError) -> StepOutcome
    {
        let entered = try enter("Pass", state.name, input: input, previous: &previous)
        let step: StepResult
        switch state.queryLanguage {
        case .jsonPath:
            let (result, output) = try processing(entered) { () throws(StatesError) -> (JSONValue, JSONValue) in
                let effective = try applyPath(
                    state.inputPath, to: input, field: "InputPath", context: contextValue(entered), variables: variables)
                var result = effective
                if let parameters = state.parameters {
                    result = try parameters.evaluate(in: environment(effective, entered, variables: variables))
                }
                if let fixed = state.result { result = fixed }
                let combined = try applyResultPath(state.resultPath, result: result, input: input)
                let output = try applyPath(
                    state.outputPath, to: combined, field: "OutputPath", context: contextValue(entered),
                    variables: variables)
                return (result, output)
            }
            // AWS: in a Pass state's Assign, `$` is the result (Result, or the Parameters/InputPath output).
            let assigned = try evaluate(
                state.assign, environment: environment(result, entered, variables: variables),
                query: queryData(entered, input: input, variables: variables), variables: variables, entered: entered,
                previous: &previous)
            step = StepResult(output: output, assigned: assigned)
        case .jsonata:
            step = try outputAndAssign(
                output: state.output, assign: state.assign, data: queryData(entered, input: input, variables: variables),
                default: input, variables: variables, entered: entered, previous: &previous)
        }
        try exit("Pass", state.name, output: step.output, assigned: step.assigned, previous: &previous)
        return StepOutcome(output: step.output, transition: state.transition, assigned: step.assigned)
    }
}
