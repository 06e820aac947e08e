extension LayeredLayout {
    /// Marks the edges that close a cycle (found by a depth-first search from the root, then
    /// from every node not yet seen, in order) as reversed; self-loops are set aside.
    mutating func breakCycles() {
        let count = sizes.count
        isReversed = Array(repeating: false, count: edges.count)
        loops = Array(repeating: [], count: count)
        var outgoing = Array(repeating: [Int](), count: count)
        for (index, edge) in edges.enumerated() {
            if edge.from == edge.to {
                loops[edge.from].append(index)
            } else {
                outgoing[edge.from].append(index)
            }
        }
        // 0: not seen, 1: on the search path, 2: done.
        var state = Array(repeating: 0, count: count)
        var starts = Array(0..<count)
        if let root { starts.insert(root, at: 0) }
        for start in starts where state[start] == 0 {
            var stack: [(node: Int, next: Int)] = [(start, 0)]
            state[start] = 1
            while let top = stack.last {
                if top.next == outgoing[top.node].count {
                    state[top.node] = 2
                    stack.removeLast()
                    continue
                }
                stack[stack.count - 1].next += 1
                let edge = outgoing[top.node][top.next]
                let target = edges[edge].to
                switch state[target] {
                case 1: isReversed[edge] = true
                case 0:
                    state[target] = 1
                    stack.append((target, 0))
                default: break
                }
            }
        }
    }

    /// The edge as it points after cycle breaking: from the upper node to the lower one.
    func orientation(of index: Int) -> (upper: Int, lower: Int) {
        let edge = edges[index]
        return isReversed[index] ? (edge.to, edge.from) : (edge.from, edge.to)
    }

    /// Longest-path ranks, two per edge; the sink goes below everything; then nodes with more
    /// edges out than in move down next to their nearest successor.
    mutating func assignRanks() {
        let count = sizes.count
        var down = Array(repeating: [Int](), count: count)
        var up = Array(repeating: [Int](), count: count)
        var indegree = Array(repeating: 0, count: count)
        for index in edges.indices where edges[index].from != edges[index].to {
            let (upper, lower) = orientation(of: index)
            down[upper].append(lower)
            up[lower].append(upper)
            indegree[lower] += 1
        }
        var ranks = Array(repeating: 0, count: count)
        var order: [Int] = []
        var ready = (0..<count).filter { indegree[$0] == 0 }
        var cursor = 0
        while cursor < ready.count {
            let node = ready[cursor]
            cursor += 1
            order.append(node)
            for next in down[node] {
                ranks[next] = max(ranks[next], ranks[node] + 2)
                indegree[next] -= 1
                if indegree[next] == 0 { ready.append(next) }
            }
        }
        for node in order.reversed() where node != root && node != sink {
            guard down[node].count > up[node].count, let nearest = down[node].map({ ranks[$0] }).min() else { continue }
            ranks[node] = max(ranks[node], nearest - 2)
        }
        if let sink {
            let deepest = ranks.indices.filter { $0 != sink }.map { ranks[$0] }.max() ?? -2
            ranks[sink] = max(ranks[sink], deepest + 2)
        }
        rank = ranks
    }
}
