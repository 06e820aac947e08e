/// A box of a ``WorkflowDiagram``: `Start`, `End`, or a state.
public struct DiagramNode: Sendable {
    /// What the node stands for.
    public enum Kind: Sendable, Hashable {
        /// Where the execution begins.
        case start
        /// Where it ends.
        case end
        /// A state of the given `Type` (`Task`, `Choice`, …).
        case state(type: String)
    }

    /// An identifier unique in the diagram (`start`, `end`, `n0`, `n1`, …), safe in any output format.
    public var id: String
    /// What the node stands for.
    public var kind: Kind
    /// The state's name, or `Start` and `End`.
    public var name: String
    /// Lines shown under the name: the resource, each Retry, a Map's concurrency.
    public var details: [String] = []
    /// What happened to the state in the execution the diagram shows.
    public var status: StateStatus?
    /// How often the state ran (`3 runs, 2 retries`) or a Map's iterations (`5 iterations: 4 succeeded, 1 failed`).
    public var runs: String?
    /// A Parallel state's branches or a Map state's item processor, drawn inside the node.
    public var children: [DiagramGraph] = []

    /// Creates a node.
    public init(id: String, kind: Kind, name: String) {
        self.id = id
        self.kind = kind
        self.name = name
    }

    /// The state type, or `nil` for `Start` and `End`.
    public var type: String? {
        if case .state(let type) = kind { return type }
        return nil
    }

    /// The line under the name: `Task`, `Map`; empty for `Start` and `End`.
    public var typeLine: String { type ?? "" }
}
