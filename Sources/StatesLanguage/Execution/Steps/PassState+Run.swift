extension ExecutionRunner {
    func runPass(_ state: PassState, input: JSONValue, previous: inout Int) throws(StatesError) -> StepOutcome {
        let entered = try enter("Pass", state.name, input: input, previous: &previous)
        let output = try processing(entered) { () throws(StatesError) -> JSONValue in
            let effective = try applyPath(state.inputPath, to: input, field: "InputPath", context: contextValue(entered))
            var result = effective
            if let parameters = state.parameters {
                result = try parameters.evaluate(in: environment(effective, entered))
            }
            if let fixed = state.result { result = fixed }
            let combined = try applyResultPath(state.resultPath, result: result, input: input)
            return try applyPath(state.outputPath, to: combined, field: "OutputPath", context: contextValue(entered))
        }
        try exit("Pass", state.name, output: output, previous: &previous)
        return StepOutcome(output: output, transition: state.transition)
    }
}
