extension LayeredLayout {
    /// Creates the vertices: one per node (wide enough for its self-loops), one dummy per rank
    /// an edge passes, the dummy on the odd rank nearest the edge's middle carrying its label;
    /// bundled edges share their dummies below their label.
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
        let bundled = bundledEdges()
        // Trunks shared by bundled edges: (target, group) → rank → dummy vertex.
        var trunks: [[Int]: [Int: Int]] = [:]
        var linked = Set<[Int]>()
        for index in edges.indices where edges[index].from != edges[index].to {
            let (upper, lower) = orientation(of: index)
            let middle = (rank[upper] + rank[lower]) / 2
            let isBundled = bundled.contains(index)
            // A bundled edge carries its label next to its source, then joins the trunk.
            let labelRank = isBundled ? rank[upper] + 1 : (middle % 2 == 1 ? middle : middle - 1)
            var chain = [upper]
            var r = rank[upper] + 1
            while r < rank[lower] {
                if isBundled, r > rank[upper] + 1 || edges[index].label == nil {
                    let key = [lower, edges[index].group]
                    if let shared = trunks[key]?[r] {
                        chain.append(shared)
                    } else {
                        let vertex = addDummy(rank: r, label: nil)
                        trunks[key, default: [:]][r] = vertex
                        chain.append(vertex)
                    }
                } else {
                    let label = r == labelRank ? edges[index].label : nil
                    let vertex = addDummy(rank: r, label: label)
                    if label != nil { labelVertex[index] = vertex }
                    chain.append(vertex)
                }
                r += 1
            }
            chain.append(lower)
            for (a, b) in zip(chain, chain.dropFirst()) where linked.insert([a, b]).inserted {
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

    /// Adds a dummy vertex on rank `rank`, wide enough for `label` if it carries one.
    private mutating func addDummy(rank r: Int, label: Size?) -> Int {
        rank.append(r)
        isDummy.append(true)
        preds.append([])
        succs.append([])
        if let label {
            width.append(label.width + 12)
            height.append(label.height)
            anchor.append(-(label.width + 12) / 2 + 4)
        } else {
            width.append(0)
            height.append(0)
            anchor.append(0)
        }
        return rank.count - 1
    }

    /// The edges that share a trunk: where at least three long downward edges of one group
    /// (Catches, say) go to the same node, they merge into one line, as Graphviz's
    /// `concentrate` does; this keeps a shared alert or failure state from drawing (and
    /// laying out) one line per source across the whole graph.
    private func bundledEdges() -> Set<Int> {
        var candidates: [[Int]: [Int]] = [:]
        for index in edges.indices where edges[index].from != edges[index].to && !isReversed[index] {
            let (upper, lower) = orientation(of: index)
            if rank[lower] - rank[upper] >= 4 { candidates[[lower, edges[index].group], default: []].append(index) }
        }
        return Set(candidates.values.filter { $0.count >= 3 }.joined())
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
