/// A set of states with a start state: the top level of a state machine, a
/// Parallel branch, or a Map's item processor.
public struct StateGraph: Sendable {
    /// The states, in definition order; ``Transition/next(_:)`` indexes into this array.
    public var states: [State]
    /// The index of the `StartAt` state.
    public var startIndex: Int
    /// The query language the graph's states use unless they set their own.
    public var queryLanguage: QueryLanguage

    /// The index of the state named `name`.
    public func index(of name: String) -> Int? { states.firstIndex { $0.name == name } }

    /// The state named `name`.
    public subscript(name: String) -> State? { index(of: name).map { states[$0] } }
}

/// The query language used for a state's data fields.
public enum QueryLanguage: String, Sendable, Hashable {
    /// JSONPath: `InputPath`, `Parameters`, `ResultSelector`, `ResultPath`, `OutputPath` (the default).
    case jsonPath = "JSONPath"
    /// JSONata: `Arguments`, `Output`, `{% expressions %}`.
    case jsonata = "JSONata"
}
