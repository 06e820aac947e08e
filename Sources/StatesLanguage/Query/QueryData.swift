import JSONata

/// What a JSONata expression can read while a state runs: `$states` and the workflow variables.
///
/// `$states.input` is the state's input, `$states.context` the context object,
/// `$states.result` the task, Map or Parallel result (only in `Output` and `Assign`), and
/// `$states.errorOutput` the error (only in a catcher's `Output` and `Assign`).
struct QueryData: Sendable {
    /// The members of `$states`.
    var states: JSONObject
    /// The variables in scope, by name.
    var variables: [String: JSONValue]
    /// Limits, the execution's clock and the extra functions Step Functions adds.
    var environment: JSONataEnvironment

    /// Creates the data for a state's fields.
    init(input: JSONValue, context: JSONValue, variables: [String: JSONValue], environment: JSONataEnvironment) {
        states = ["input": input, "context": context]
        self.variables = variables
        self.environment = environment
    }

    /// The same data with `$states.result` set.
    func with(result: JSONValue) -> QueryData {
        var copy = self
        copy.states["result"] = result
        return copy
    }

    /// The same data with `$states.errorOutput` set.
    func with(errorOutput: JSONValue) -> QueryData {
        var copy = self
        copy.states["errorOutput"] = errorOutput
        return copy
    }

    /// The bindings handed to the evaluator: every variable, then `$states`.
    var bindings: [String: JSONValue] {
        var bindings = variables
        bindings["states"] = .object(states)
        return bindings
    }
}
