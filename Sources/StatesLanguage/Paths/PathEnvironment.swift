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
