extension ExecutionRunner {
    func runSucceed(_ state: SucceedState, input: JSONValue, previous: inout Int) throws(StatesError) -> StepOutcome {
        let entered = try enter("Succeed", state.name, input: input, previous: &previous)
        let output = try processing(entered) { () throws(StatesError) -> JSONValue in
            let effective = try applyPath(state.inputPath, to: input, field: "InputPath", context: contextValue(entered))
            return try applyPath(state.outputPath, to: effective, field: "OutputPath", context: contextValue(entered))
        }
        try exit("Succeed", state.name, output: output, previous: &previous)
        return StepOutcome(output: output, transition: .end)
    }
}
