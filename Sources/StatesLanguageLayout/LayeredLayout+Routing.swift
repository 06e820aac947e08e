extension LayeredLayout {
    /// The route of an edge from its source to its target, and its label's box.
    ///
    /// The route leaves the upper node through a port on its bottom side, runs straight down
    /// through the band of each dummy, and enters the lower node through a port on its top
    /// side; only the gaps between bands are crossed at a slant. An edge reversed to break a
    /// cycle is the same route walked backwards.
    func route(edge index: Int) -> ([Point], Rect?) {
        let edge = edges[index]
        if edge.from == edge.to { return loopRoute(edge: index) }
        let chain = chains[index]
        let upper = chain[0]
        let lower = chain[chain.count - 1]
        let top = box(of: upper)
        let bottom = box(of: lower)
        let start = attachmentX(upper, toward: chain[1])
        let end = attachmentX(lower, toward: chain[chain.count - 2])
        var points = [Point(x: start, y: top.maxY), Point(x: start, y: bandBottom(rank[upper]))]
        for vertex in chain.dropFirst().dropLast() {
            points.append(Point(x: lineX(vertex), y: bandTop[rank[vertex]]))
            points.append(Point(x: lineX(vertex), y: bandBottom(rank[vertex])))
        }
        points.append(Point(x: end, y: bandTop[rank[lower]]))
        points.append(Point(x: end, y: bottom.y))
        var route: [Point] = []
        for point in points where route.last != point { route.append(point) }
        if isReversed[index] { route.reverse() }
        var label: Rect?
        if let vertex = labelVertex[index], let size = edge.label {
            let band = rank[vertex]
            label = Rect(
                x: lineX(vertex) + 6, y: bandTop[band] + (bandHeight[band] - size.height) / 2, width: size.width,
                height: size.height)
        }
        return (route, label)
    }

    func bandBottom(_ band: Int) -> Double { bandTop[band] + bandHeight[band] }

    /// Where the edge to `neighbour` meets `vertex`: a dummy's line, or a port on a node's bottom
    /// side (neighbour below) or top side, the node's edges spread in the order of where they go.
    func attachmentX(_ vertex: Int, toward neighbour: Int) -> Double {
        let center = x[vertex] + anchor[vertex]
        if isDummy[vertex] { return center }
        let others = rank[neighbour] > rank[vertex] ? succs[vertex] : preds[vertex]
        guard others.count > 1 else { return center }
        let target = lineX(neighbour)
        var slot = 0
        var passed = false
        for other in others {
            if other == neighbour {
                passed = true
                continue
            }
            let otherX = lineX(other)
            if otherX < target || (otherX == target && !passed) { slot += 1 }
        }
        let width = sizes[vertex].width
        return center - width * 0.4 + width * 0.8 * Double(slot + 1) / Double(others.count + 1)
    }

    /// A self-loop: out of the node's right side and back, nested with the node's other loops;
    /// the labels are stacked to the right of the outermost loop.
    private func loopRoute(edge index: Int) -> ([Point], Rect?) {
        let node = edges[index].from
        let frame = box(of: node)
        let nodeLoops = loops[node]
        let slot = nodeLoops.firstIndex(of: index) ?? 0
        let reach = Self.loopReach + Self.loopStep * Double(slot)
        let rise = min(frame.height / 2 - 2, 5 + 3 * Double(slot))
        let center = frame.center.y
        let points = [
            Point(x: frame.maxX, y: center - rise), Point(x: frame.maxX + reach, y: center - rise),
            Point(x: frame.maxX + reach, y: center + rise), Point(x: frame.maxX, y: center + rise),
        ]
        guard let size = edges[index].label else { return (points, nil) }
        let labelled = nodeLoops.filter { edges[$0].label != nil }
        let stacked = labelled.reduce(0) { $0 + (edges[$1].label?.height ?? 0) + 2 }
        var y = center - stacked / 2
        for other in labelled {
            if other == index { break }
            y += (edges[other].label?.height ?? 0) + 2
        }
        let outermost = Self.loopReach + Self.loopStep * Double(nodeLoops.count - 1)
        return (points, Rect(x: frame.maxX + outermost + 6, y: y, width: size.width, height: size.height))
    }
}
