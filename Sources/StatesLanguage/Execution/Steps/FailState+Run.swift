extension ExecutionRunner {
    /// Records `FailStateEntered` and throws the state's error.
    func runFail(_ state: FailState, input: JSONValue, variables: VariableScope, previous: inout Int)
        throws(StatesError) -> Never
    {
        let entered = try enter("Fail", state.name, input: input, previous: &previous)
        func resolve(_ source: FailState.Source?, field: String, previous: inout Int) throws(StatesError) -> String? {
            switch source {
            case nil: return nil
            case .literal(let text): return text
            case .expression(let expression):
                let data = queryData(entered, input: input, variables: variables)
                return try querying(entered, previous: &previous) { () throws(QueryFailure) -> String in
                    let value = try expression.evaluate(data)
                    guard case .string(let text) = value else { throw expression.unexpectedType(value, expected: "string") }
                    return text
                }
            case .path(let path):
                guard let value = path.value(in: environment(input, entered, variables: variables)) else {
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
                    try call.evaluate(in: environment(input, entered, variables: variables))
                }
                guard case .string(let text) = value else {
                    throw runtimeError(
                        "The intrinsic function specified for the field '\(field)' must return a string, got \(value.typeName)",
                        in: entered)
                }
                return text
            }
        }
        let error = try resolve(state.error, field: "ErrorPath", previous: &previous)
        let cause = try resolve(state.cause, field: "CausePath", previous: &previous)
        throw StatesError(ErrorName(rawValue: error ?? ""), cause: cause)
    }
}
