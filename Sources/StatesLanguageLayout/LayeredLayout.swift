/// A Sugiyama-style layered layout of one flat directed graph of boxes, top to bottom.
///
/// The steps, each in its own facet:
/// 1. ``breakCycles()``: a depth-first search from the root turns every edge that closes a
///    loop around, so the graph becomes acyclic (loops are drawn as edges going up).
/// 2. ``assignRanks()``: longest-path layering, every edge two ranks long, so each edge has a
///    vertex on the odd rank in between, where its label sits; then nodes with more edges
///    out than in move down towards their successors.
/// 3. ``insertDummies()``: long edges become chains of dummy vertices, one per rank.
/// 4. ``reduceCrossings()``: barycenter sweeps down and up, keeping the order with the
///    fewest crossings (counted exactly per pair of layers).
/// 5. ``assignCoordinates()``: each layer is placed as the least-squares fit of its vertices
///    to their neighbours' positions, subject to minimum gaps (pool-adjacent-violators), in
///    alternating sweeps; layers are stacked in horizontal bands.
/// 6. ``route(edge:)``: each edge runs vertically through the bands of its dummies and
///    crosses only the empty gaps between bands diagonally, so no edge crosses a box and no
///    label (which lives on an odd band with no boxes) sits on one.
///
/// Self-loops do not take part: they are drawn on the right of their node, whose reserved
/// width grows to hold them and their labels.
struct LayeredLayout {
    /// An edge between two input nodes, with the size of its label if it has one; edges of the
    /// same `group` into the same node may be bundled.
    struct Edge {
        var from: Int
        var to: Int
        var label: Size?
        var group = 0
    }

    /// Where everything went.
    struct Result {
        /// Each node's box.
        var frames: [Rect]
        /// Each edge's route, from its source to its target.
        var routes: [[Point]]
        /// Each edge's label box.
        var labelFrames: [Rect?]
        /// The extent of the whole drawing, from the origin.
        var size: Size
    }

    static let nodeGap = 28.0
    static let dummyGap = 10.0
    static let bandGap = 18.0
    static let loopReach = 16.0
    static let loopStep = 8.0

    let sizes: [Size]
    let edges: [Edge]
    let root: Int?
    let sink: Int?

    // Per vertex (input nodes first, then dummies).
    var rank: [Int] = []
    var width: [Double] = []
    var height: [Double] = []
    /// Where an edge runs through the vertex, or a box's centre, relative to the vertex's centre.
    var anchor: [Double] = []
    var isDummy: [Bool] = []
    var preds: [[Int]] = []
    var succs: [[Int]] = []
    var layers: [[Int]] = []
    var position: [Int] = []
    var x: [Double] = []
    var bandTop: [Double] = []
    var bandHeight: [Double] = []

    // Per edge.
    var isReversed: [Bool] = []
    var chains: [[Int]] = []
    var labelVertex: [Int?] = []
    var loops: [[Int]] = []

    init(sizes: [Size], edges: [Edge], root: Int?, sink: Int?) {
        self.sizes = sizes
        self.edges = edges
        self.root = root
        self.sink = sink
    }

    /// Runs every step.
    mutating func solve() -> Result {
        breakCycles()
        assignRanks()
        insertDummies()
        reduceCrossings()
        assignCoordinates()
        var frames: [Rect] = []
        for node in sizes.indices { frames.append(box(of: node)) }
        var routes: [[Point]] = []
        var labels: [Rect?] = []
        for index in edges.indices {
            let (points, label) = route(edge: index)
            routes.append(points)
            labels.append(label)
        }
        var right = 0.0
        for vertex in x.indices { right = max(right, x[vertex] + width[vertex] / 2) }
        let bottom = (bandTop.last ?? 0) + (bandHeight.last ?? 0)
        return Result(frames: frames, routes: routes, labelFrames: labels, size: Size(width: right, height: bottom))
    }

    /// The box of input node `node`.
    func box(of node: Int) -> Rect {
        let size = sizes[node]
        let center = x[node] + anchor[node]
        let band = rank[node]
        return Rect(
            x: center - size.width / 2, y: bandTop[band] + (bandHeight[band] - size.height) / 2, width: size.width,
            height: size.height)
    }

    /// The x where an edge passes through `vertex` (a box's centre for a node).
    func lineX(_ vertex: Int) -> Double { x[vertex] + anchor[vertex] }
}
