/// The documents a path or intrinsic function can read while a state runs:
/// the state's input (`$`) and the context object (`$$`).
package struct PathEnvironment: Sendable {
    /// What `$` refers to: the state input, or the effective input being built.
    package var input: JSONValue
    /// Builds what `$$` refers to, only when a path asks for it (most states never do).
    private let makeContext: @Sendable () -> JSONValue

    /// What `$$` refers to: the context object (`Execution`, `State`, `Task`, `Map`…).
    package var context: JSONValue { makeContext() }

    /// Creates an environment.
    package init(input: JSONValue, context: JSONValue) {
        self.input = input
        self.makeContext = { context }
    }

    /// Creates an environment whose context object is built on first use.
    package init(input: JSONValue, context: @escaping @Sendable () -> JSONValue) {
        self.input = input
        self.makeContext = context
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
