extension LayeredLayout {
    /// Creates the vertices: one per node (wide enough for its self-loops), one dummy per rank
    /// an edge passes, the dummy on the odd rank nearest the edge's middle carrying its label.
    mutating func insertDummies() {
        let count = sizes.count
        width = sizes.map(\.width)
        height = sizes.map(\.height)
        anchor = Array(repeating: 0, count: count)
        isDummy = Array(repeating: false, count: count)
        preds = Array(repeating: [], count: count)
        succs = Array(repeating: [], count: count)
        for node in 0..<count where !loops[node].isEmpty {
            let labels = loops[node].compactMap { edges[$0].label }
            let extra =
                Self.loopReach + Self.loopStep * Double(loops[node].count - 1)
                + (labels.isEmpty ? 0 : 6 + (labels.map(\.width).max() ?? 0))
            width[node] += extra
            anchor[node] = -extra / 2
            let stacked = labels.reduce(0) { $0 + $1.height + 2 }
            height[node] = max(height[node], stacked)
        }
        chains = Array(repeating: [], count: edges.count)
        labelVertex = Array(repeating: nil, count: edges.count)
        for index in edges.indices where edges[index].from != edges[index].to {
            let (upper, lower) = orientation(of: index)
            let first = rank[upper] + 1
            let last = rank[lower] - 1
            let middle = (rank[upper] + rank[lower]) / 2
            let labelRank = middle % 2 == 1 ? middle : middle - 1
            var chain = [upper]
            if first <= last {
                for r in first...last {
                    let vertex = rank.count
                    rank.append(r)
                    isDummy.append(true)
                    preds.append([])
                    succs.append([])
                    if r == labelRank, let label = edges[index].label {
                        width.append(label.width + 12)
                        height.append(label.height)
                        anchor.append(-(label.width + 12) / 2 + 4)
                        labelVertex[index] = vertex
                    } else {
                        width.append(0)
                        height.append(0)
                        anchor.append(0)
                    }
                    chain.append(vertex)
                }
            }
            chain.append(lower)
            for (a, b) in zip(chain, chain.dropFirst()) {
                succs[a].append(b)
                preds[b].append(a)
            }
            chains[index] = chain
        }
        let depth = (rank.max() ?? 0) + 1
        layers = Array(repeating: [], count: depth)
        // The first order: depth-first discovery from the root, so a chain's vertices line up.
        var seen = Array(repeating: false, count: rank.count)
        var starts = Array(0..<sizes.count)
        if let root { starts.insert(root, at: 0) }
        for start in starts where !seen[start] {
            var stack = [start]
            seen[start] = true
            while let vertex = stack.popLast() {
                layers[rank[vertex]].append(vertex)
                for next in succs[vertex].reversed() where !seen[next] {
                    seen[next] = true
                    stack.append(next)
                }
            }
        }
        for vertex in rank.indices where !seen[vertex] { layers[rank[vertex]].append(vertex) }
        position = Array(repeating: 0, count: rank.count)
        updatePositions()
    }

    mutating func updatePositions() {
        for layer in layers {
            for (index, vertex) in layer.enumerated() { position[vertex] = index }
        }
    }

    /// Barycenter sweeps, alternately down and up, keeping the best order seen.
    mutating func reduceCrossings() {
        var best = layers
        var fewest = crossings()
        var stale = 0
        var round = 0
        while fewest > 0, stale < 4, round < 24 {
            sweep(down: round % 2 == 0)
            round += 1
            let count = crossings()
            if count < fewest {
                fewest = count
                best = layers
                stale = 0
            } else {
                stale += 1
            }
        }
        layers = best
        updatePositions()
    }

    private mutating func sweep(down: Bool) {
        let indices = down ? Array(layers.indices.dropFirst()) : Array(layers.indices.dropLast().reversed())
        for layer in indices {
            var keyed: [(key: Double, index: Int, vertex: Int)] = []
            keyed.reserveCapacity(layers[layer].count)
            for (index, vertex) in layers[layer].enumerated() {
                let neighbours = down ? preds[vertex] : succs[vertex]
                var key = Double(index)
                if !neighbours.isEmpty {
                    key = Double(neighbours.reduce(0) { $0 + position[$1] }) / Double(neighbours.count)
                }
                keyed.append((key, index, vertex))
            }
            keyed.sort { $0.key != $1.key ? $0.key < $1.key : $0.index < $1.index }
            layers[layer] = keyed.map(\.vertex)
            for (index, vertex) in layers[layer].enumerated() { position[vertex] = index }
        }
    }

    /// The number of edge crossings between every pair of adjacent layers.
    func crossings() -> Int {
        var total = 0
        for layer in layers.indices.dropLast() {
            var pairs: [(Int, Int)] = []
            for vertex in layers[layer] {
                for next in succs[vertex] { pairs.append((position[vertex], position[next])) }
            }
            pairs.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
            // Count inversions of the lower ends with a Fenwick tree.
            let size = layers[layer + 1].count
            var tree = Array(repeating: 0, count: size + 1)
            for (seen, pair) in pairs.enumerated() {
                var atMost = 0
                var i = pair.1 + 1
                while i > 0 {
                    atMost += tree[i]
                    i -= i & -i
                }
                total += seen - atMost
                i = pair.1 + 1
                while i <= size {
                    tree[i] += 1
                    i += i & -i
                }
            }
        }
        return total
    }
}
