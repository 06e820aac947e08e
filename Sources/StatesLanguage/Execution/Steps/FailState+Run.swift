extension ExecutionRunner {
    /// Records `FailStateEntered` and throws the state's error.
    func runFail(_ state: FailState, input: JSONValue, previous: inout Int) throws(StatesError) -> Never {
        let entered = try enter("Fail", state.name, input: input, previous: &previous)
        func resolve(_ source: FailState.Source?, field: String) throws(StatesError) -> String? {
            switch source {
            case nil: return nil
            case .literal(let text): return text
            case .path(let path):
                guard let value = path.value(in: input) else {
                    throw runtimeError(
                        "The JSONPath '\(path)' specified for the field '\(field)' could not be found in the input '\(input.jsonString())'",
                        in: entered)
                }
                guard case .string(let text) = value else {
                    throw runtimeError(
                        "The value at '\(path)' specified for the field '\(field)' must be a string, got \(value.typeName)",
                        in: entered)
                }
                return text
            case .intrinsic(let call):
                let value = try processing(entered) { () throws(StatesError) -> JSONValue in
                    try call.evaluate(in: environment(input, entered))
                }
                guard case .string(let text) = value else {
                    throw runtimeError(
                        "The intrinsic function specified for the field '\(field)' must return a string, got \(value.typeName)",
                        in: entered)
                }
                return text
            }
        }
        let error = try resolve(state.error, field: "ErrorPath")
        let cause = try resolve(state.cause, field: "CausePath")
        throw StatesError(ErrorName(rawValue: error ?? ""), cause: cause)
    }
}
