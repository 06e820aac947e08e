/// An arrow of a ``WorkflowDiagram`` between two nodes of the same ``DiagramGraph``.
public struct DiagramEdge: Sendable, Hashable {
    /// Why the arrow is there.
    public enum Kind: String, Sendable, Hashable {
        /// `Next`, `StartAt`, or the way to `End`.
        case next
        /// A Choice rule.
        case choice
        /// A Choice state's `Default`.
        case defaultChoice = "default"
        /// A `Catch` clause.
        case catcher = "catch"
    }

    /// The index of the source node.
    public var from: Int
    /// The index of the target node.
    public var to: Int
    /// Why the arrow is there.
    public var kind: Kind
    /// A short form of the Choice rule, `Default`, or a Catch's error names.
    public var label: String?
    /// Whether the execution the diagram shows went this way (`nil` without an execution).
    public var isTaken: Bool?
    /// The whole text when ``label`` is shortened (a long Choice rule), for a tooltip.
    public var fullLabel: String?

    /// Creates an edge.
    public init(from: Int, to: Int, kind: Kind, label: String? = nil, isTaken: Bool? = nil) {
        self.from = from
        self.to = to
        self.kind = kind
        self.label = label
        self.isTaken = isTaken
    }
}
