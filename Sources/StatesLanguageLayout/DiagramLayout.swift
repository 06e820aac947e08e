/// The geometry of a ``WorkflowDiagram``: a box for every node, a frame for every Parallel
/// branch and Map item processor, a route and a label box for every edge.
///
/// A pure function of the diagram: no fonts are loaded and nothing is read or written; text
/// widths come from ``TextMetrics``. Nested graphs are laid out first, each with the layered
/// algorithm, and their node grows to hold them, so boxes at one level never overlap and
/// children stay inside their parent.
///
/// ```swift
/// let layout = DiagramLayout(WorkflowDiagram(machine))
/// for box in layout.boxes { print(box.node.name, box.frame) }
/// ```
public struct DiagramLayout: Sendable {
    /// A node and where it is drawn.
    public struct Box: Sendable {
        /// The node (without its children, which have boxes of their own).
        public var node: DiagramNode
        /// Its rectangle.
        public var frame: Rect
        /// For a Parallel or Map node: the height of the part above its branches.
        public var headerHeight: Double
        /// 0 at the top level, 1 inside a branch or processor, and so on.
        public var depth: Int
        /// The ``DiagramNode/id`` of the Parallel or Map node it is drawn in, if any.
        public var parentID: String?
    }

    /// A Parallel branch or a Map item processor, drawn inside its node.
    public struct Group: Sendable {
        /// `Branch 1`, `Item processor`.
        public var title: String
        /// Its rectangle.
        public var frame: Rect
        /// 1 for the groups of a top-level node, and so on.
        public var depth: Int
        /// The ``DiagramNode/id`` of the Parallel or Map node it belongs to.
        public var parentID: String
    }

    /// An edge and where it runs.
    public struct Route: Sendable {
        /// The edge.
        public var edge: DiagramEdge
        /// The ``DiagramNode/id`` of its source.
        public var fromID: String
        /// The ``DiagramNode/id`` of its target.
        public var toID: String
        /// The polyline from source to target. Segments are vertical, horizontal, or cross a gap
        /// between bands; a renderer may round the slanted ones into curves with vertical ends.
        public var points: [Point]
        /// The label's box, when the edge has a label.
        public var labelFrame: Rect?
        /// The ``DiagramNode/id`` of the Parallel or Map node the edge is drawn in, if any.
        public var parentID: String?
    }

    /// The font size of node names.
    public static let nameFontSize = 13.0
    /// The font size of the other lines in a node, of group titles and edge labels.
    public static let detailFontSize = 11.0
    /// The line height of node names.
    public static let nameLineHeight = 18.0
    /// The line height of the other lines.
    public static let detailLineHeight = 15.0
    /// Space between a box's edge and its text.
    public static let padding = 10.0
    /// Space around the whole drawing.
    public static let margin = 16.0

    /// The extent of the drawing, margins included.
    public var size: Size
    /// Every node, parents before their children.
    public var boxes: [Box]
    /// Every branch and item processor.
    public var groups: [Group]
    /// Every edge, nested ones included.
    public var routes: [Route]

    /// Lays out `diagram`.
    public init(_ diagram: WorkflowDiagram) {
        var local = Self.layout(diagram.graph, depth: 0, parentID: nil)
        local.move(by: Self.margin, Self.margin)
        size = Size(width: local.size.width + 2 * Self.margin, height: local.size.height + 2 * Self.margin)
        boxes = local.boxes
        groups = local.groups
        routes = local.routes
    }

    /// The lines drawn in a node's box, each with whether it is the bold name line.
    public static func lines(of node: DiagramNode) -> [(text: String, isName: Bool)] {
        guard node.type != nil else { return [(node.name, true)] }
        var lines: [(String, Bool)] = [(node.name, true), (node.typeLine, false)]
        lines += node.details.map { ($0, false) }
        if let runs = node.runs { lines.append((runs, false)) }
        return lines
    }

    /// The size of a node's box without nested graphs.
    static func headerSize(of node: DiagramNode) -> Size {
        guard node.type != nil else { return Size(width: 72, height: 30) }
        var width = 120.0
        var height = 2 * padding
        for (text, isName) in lines(of: node) {
            let fontSize = isName ? nameFontSize : detailFontSize
            width = max(width, TextMetrics.width(of: text, fontSize: fontSize, bold: isName) + 2 * padding)
            height += isName ? nameLineHeight : detailLineHeight
        }
        return Size(width: width.rounded(.up), height: height)
    }

    /// The size of an edge label's box.
    static func labelSize(_ text: String) -> Size {
        Size(width: (TextMetrics.width(of: text, fontSize: detailFontSize) + 6).rounded(.up), height: detailLineHeight)
    }

    /// A laid-out graph with its origin at the top left.
    private struct Local {
        var size: Size
        var boxes: [Box] = []
        var groups: [Group] = []
        var routes: [Route] = []

        mutating func move(by dx: Double, _ dy: Double) {
            for index in boxes.indices { boxes[index].frame = boxes[index].frame.offset(dx, dy) }
            for index in groups.indices { groups[index].frame = groups[index].frame.offset(dx, dy) }
            for index in routes.indices {
                routes[index].points = routes[index].points.map { $0.offset(dx, dy) }
                routes[index].labelFrame = routes[index].labelFrame?.offset(dx, dy)
            }
        }

        mutating func append(_ other: Local) {
            boxes += other.boxes
            groups += other.groups
            routes += other.routes
        }
    }

    private static let groupGap = 16.0
    private static let groupTitleHeight = 18.0

    private static func layout(_ graph: DiagramGraph, depth: Int, parentID: String?) -> Local {
        var sizes: [Size] = []
        var nested: [[Local]] = []
        var headers: [Size] = []
        for node in graph.nodes {
            let header = headerSize(of: node)
            let inner = node.children.map { layout($0, depth: depth + 1, parentID: node.id) }
            headers.append(header)
            nested.append(inner)
            guard !inner.isEmpty else {
                sizes.append(header)
                continue
            }
            let groupsWidth =
                inner.reduce(0) { $0 + $1.size.width + 2 * padding } + groupGap * Double(inner.count - 1)
            let groupsHeight = inner.map { $0.size.height + groupTitleHeight + padding }.max() ?? 0
            sizes.append(
                Size(
                    width: max(header.width, groupsWidth + 2 * padding),
                    height: header.height + groupsHeight + padding))
        }
        let edges = graph.edges.map { edge in
            LayeredLayout.Edge(
                from: edge.from, to: edge.to, label: edge.label.map(labelSize), group: edge.kind == .catcher ? 1 : 0)
        }
        var layered = LayeredLayout(
            sizes: sizes, edges: edges, root: graph.nodes.firstIndex { $0.kind == .start },
            sink: graph.nodes.firstIndex { $0.kind == .end })
        let result = layered.solve()
        var local = Local(size: result.size)
        var children = Local(size: .zero)
        for (index, node) in graph.nodes.enumerated() {
            var bare = node
            bare.children = []
            let frame = result.frames[index]
            local.boxes.append(
                Box(node: bare, frame: frame, headerHeight: nested[index].isEmpty ? frame.height : headers[index].height,
                    depth: depth, parentID: parentID))
            let inner = nested[index]
            guard !inner.isEmpty else { continue }
            let groupsWidth =
                inner.reduce(0) { $0 + $1.size.width + 2 * padding } + groupGap * Double(inner.count - 1)
            var groupX = frame.x + (frame.width - groupsWidth) / 2
            let groupY = frame.y + headers[index].height
            for (child, var laidOut) in zip(node.children, inner) {
                let groupFrame = Rect(
                    x: groupX, y: groupY, width: laidOut.size.width + 2 * padding,
                    height: laidOut.size.height + groupTitleHeight + padding)
                children.groups.append(
                    Group(title: child.title ?? "", frame: groupFrame, depth: depth + 1, parentID: node.id))
                laidOut.move(by: groupX + padding, groupY + groupTitleHeight)
                children.append(laidOut)
                groupX += groupFrame.width + groupGap
            }
        }
        for (index, edge) in graph.edges.enumerated() {
            local.routes.append(
                Route(
                    edge: edge, fromID: graph.nodes[edge.from].id, toID: graph.nodes[edge.to].id,
                    points: result.routes[index], labelFrame: result.labelFrames[index], parentID: parentID))
        }
        local.append(children)
        return local
    }
}
