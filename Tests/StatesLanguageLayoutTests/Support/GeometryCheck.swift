import StatesLanguageLayout

/// The geometric promises of a ``DiagramLayout``, checked exhaustively.
enum GeometryCheck {
    /// Every broken promise, as text; empty when the layout is sound.
    ///
    /// - No two boxes overlap, unless one is a Parallel or Map node and the other lies inside it,
    ///   below its header.
    /// - No edge label overlaps a box (other than the containers it is drawn in, and never their
    ///   header) or another label.
    /// - No edge passes through a box other than its ends and its containers.
    /// - Groups lie inside their node; everything lies inside the drawing.
    static func problems(in layout: DiagramLayout) -> [String] {
        var problems: [String] = []
        let parents = Dictionary(layout.boxes.map { ($0.node.id, $0.node.id) }, uniquingKeysWith: { a, _ in a })
            .mapValues { id in layout.boxes.first { $0.node.id == id }?.parentID }
        let boxesByID = Dictionary(layout.boxes.map { ($0.node.id, $0) }, uniquingKeysWith: { a, _ in a })
        func ancestors(_ id: String?) -> Set<String> {
            var result = Set<String>()
            var current = id
            while let id = current {
                result.insert(id)
                current = parents[id] ?? nil
            }
            return result
        }
        func header(_ box: DiagramLayout.Box) -> Rect {
            Rect(x: box.frame.x, y: box.frame.y, width: box.frame.width, height: box.headerHeight)
        }
        func shrunk(_ rect: Rect) -> Rect {
            Rect(x: rect.x + 0.5, y: rect.y + 0.5, width: max(0, rect.width - 1), height: max(0, rect.height - 1))
        }
        let canvas = Rect(x: 0, y: 0, width: layout.size.width, height: layout.size.height)
        let lineage = Dictionary(layout.boxes.map { ($0.node.id, ancestors($0.parentID)) }, uniquingKeysWith: { a, _ in a })
        let sorted = layout.boxes.sorted { $0.frame.x < $1.frame.x }
        for (i, a) in sorted.enumerated() {
            if !canvas.contains(a.frame) { problems.append("box \(a.node.name) lies outside the drawing") }
            for b in sorted[(i + 1)...] {
                if b.frame.x >= a.frame.maxX { break }
                if lineage[b.node.id]?.contains(a.node.id) == true {
                    if !a.frame.contains(b.frame) || shrunk(header(a)).overlaps(b.frame) {
                        problems.append("box \(b.node.name) is not inside its container \(a.node.name)")
                    }
                } else if lineage[a.node.id]?.contains(b.node.id) == true {
                    if !b.frame.contains(a.frame) || shrunk(header(b)).overlaps(a.frame) {
                        problems.append("box \(a.node.name) is not inside its container \(b.node.name)")
                    }
                } else if shrunk(a.frame).overlaps(b.frame) {
                    problems.append("boxes \(a.node.name) and \(b.node.name) overlap")
                }
            }
        }
        for group in layout.groups {
            guard let owner = boxesByID[group.parentID], owner.frame.contains(group.frame),
                !shrunk(header(owner)).overlaps(group.frame)
            else {
                problems.append("group \(group.title) of \(group.parentID) is not inside its node")
                continue
            }
        }
        var labels: [(Rect, String)] = []
        for route in layout.routes {
            let containers = ancestors(route.parentID)
            let ends: Set<String> = [route.fromID, route.toID]
            if let frame = route.labelFrame {
                let label = route.edge.label ?? ""
                for box in layout.boxes {
                    if containers.contains(box.node.id) {
                        if !box.frame.contains(frame) || shrunk(header(box)).overlaps(frame) {
                            problems.append("label '\(label)' sits outside or on the header of \(box.node.name)")
                        }
                    } else if shrunk(box.frame).overlaps(frame) {
                        problems.append("label '\(label)' sits on node \(box.node.name)")
                    }
                }
                labels.append((frame, label))
            }
            for (p, q) in zip(route.points, route.points.dropFirst()) {
                let segment = Rect(
                    x: min(p.x, q.x), y: min(p.y, q.y), width: abs(p.x - q.x), height: abs(p.y - q.y))
                for box in layout.boxes where !ends.contains(box.node.id) && !containers.contains(box.node.id) {
                    if shrunk(box.frame).overlaps(segment) || shrunk(box.frame).strictlyContains(segment) {
                        problems.append("edge \(route.fromID)→\(route.toID) crosses node \(box.node.name)")
                    }
                }
            }
        }
        labels.sort { $0.0.x < $1.0.x }
        for (i, a) in labels.enumerated() {
            for b in labels[(i + 1)...] {
                if b.0.x >= a.0.maxX { break }
                if shrunk(a.0).overlaps(b.0) { problems.append("labels '\(a.1)' and '\(b.1)' overlap") }
            }
        }
        return problems
    }
}

extension Rect {
    /// Whether a degenerate rectangle (a vertical or horizontal segment) runs through the interior.
    func strictlyContains(_ segment: Rect) -> Bool {
        (segment.width == 0 && segment.x > x && segment.x < maxX && segment.y < maxY && segment.maxY > y)
            || (segment.height == 0 && segment.y > y && segment.y < maxY && segment.x < maxX && segment.maxX > x)
    }
}
