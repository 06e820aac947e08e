/// One level of a ``WorkflowDiagram``: the top level, a Parallel branch or a Map item processor.
public struct DiagramGraph: Sendable {
    /// `Branch 1`, `Item processor`; `nil` at the top level.
    public var title: String?
    /// The nodes, `Start` first and `End` last at the top level, states in definition order.
    public var nodes: [DiagramNode]
    /// The edges, as indexes into ``nodes``.
    public var edges: [DiagramEdge]

    /// Creates a graph.
    public init(title: String?, nodes: [DiagramNode], edges: [DiagramEdge]) {
        self.title = title
        self.nodes = nodes
        self.edges = edges
    }
}
