extension ExecutionRunner {
    func runSucceed(_ state: SucceedState, input: JSONValue, variables: VariableScope, previous: inout Int)
        throws(StatesError) -> StepOutcome
    {
        let entered = try enter("Succeed", state.name, input: input, previous: &previous)
        let output: JSONValue
        switch state.queryLanguage {
        case .jsonPath:
            output = try processing(entered) { () throws(StatesError) -> JSONValue in
                let effective = try applyPath(
                    state.inputPath, to: input, field: "InputPath", context: contextValue(entered), variables: variables)
                return try applyPath(
                    state.outputPath, to: effective, field: "OutputPath", context: contextValue(entered),
                    variables: variables)
            }
        case .jsonata:
            output = try outputAndAssign(
                output: state.output, assign: nil, data: queryData(entered, input: input, variables: variables),
                default: input, variables: variables, entered: entered, previous: &previous
            ).output
        }
        try exit("Succeed", state.name, output: output, previous: &previous)
        return StepOutcome(output: output, transition: .end)
    }
}
