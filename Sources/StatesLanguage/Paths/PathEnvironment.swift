/// The documents a path or intrinsic function can read while a state runs:
/// the state's input (`$`) and the context object (`$$`).
package struct PathEnvironment: Sendable {
    /// What `$` refers to: the state input, or the effective input being built.
    package var input: JSONValue
    /// What `$$` refers to: the context object (`Execution`, `State`, `Task`, `Map`…).
    package var context: JSONValue

    /// Creates an environment.
    package init(input: JSONValue, context: JSONValue) {
        self.input = input
        self.context = context
    }
}

extension PathEnvironment {
    /// The `States.Runtime` error for a path that selects nothing, in Step Functions' wording.
    static func notFound(_ path: JSONPath, field: String?, in environment: PathEnvironment) -> StatesError {
        let document = path.isContextPath ? environment.context : environment.input
        if let field {
            return .runtime(
                "The JSONPath '\(path.text)' specified for the field '\(field)' could not be found in the input '\(document.jsonString())'"
            )
        }
        return .runtime("The JSONPath '\(path.text)' could not be found in the input '\(document.jsonString())'")
    }
}
