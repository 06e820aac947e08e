/// Where a state goes when it completes.
public enum Transition: Sendable, Hashable {
    /// Continue with the state at this index of the enclosing ``StateGraph``.
    case next(Int)
    /// The state ends its graph (the execution, a Parallel branch or a Map iteration).
    case end
}

/// A state's optional `InputPath` or `OutputPath`.
///
/// Absent means `$` (the whole value); JSON `null` means an empty object `{}`.
public enum PayloadPath: Sendable, Hashable {
    /// Select with a path.
    case path(JSONPath)
    /// The field was `null`: use `{}`.
    case empty

    /// Applies the path to `value` (or the context object, or a variable); `nil` when the path selects nothing.
    ///
    /// - Throws: `States.Runtime` when the path reaches too many nodes (``JSONPath/maximumNodes``).
    func apply(to value: JSONValue, context: JSONValue, variables: [String: JSONValue] = [:]) throws(StatesError)
        -> JSONValue?
    {
        switch self {
        case .empty: return .object(JSONObject())
        case .path(let path):
            if let variable = path.variable {
                guard let root = variables[variable] else { return nil }
                return try path.value(in: root)
            }
            return try path.value(in: path.isContextPath ? context : value)
        }
    }
}

/// A state's optional `ResultPath`.
///
/// Absent means `$` (the result replaces the input); JSON `null` discards the
/// result and passes the input through.
public enum ResultPathSetting: Sendable, Hashable {
    /// Place the result at this reference path in the input.
    case path(ReferencePath)
    /// The field was `null`: the state's output is its input.
    case discard
}
