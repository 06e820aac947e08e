extension LayeredLayout {
    /// Horizontal positions by alternating least-squares sweeps; vertical bands per rank.
    mutating func assignCoordinates() {
        x = Array(repeating: 0, count: rank.count)
        for layer in layers {
            var cursor = 0.0
            for (index, vertex) in layer.enumerated() {
                if index > 0 { cursor += separation(layer[index - 1], vertex) }
                x[vertex] = cursor
            }
        }
        for round in 0..<8 {
            let both = round >= 6
            for layer in layers.indices.dropFirst() { place(layer, up: true, down: both) }
            for layer in layers.indices.dropLast().reversed() { place(layer, up: both, down: true) }
        }
        let left = x.indices.map { x[$0] - width[$0] / 2 }.min() ?? 0
        for vertex in x.indices { x[vertex] -= left }

        bandTop = []
        bandHeight = []
        var top = 0.0
        for layer in layers {
            let tallest = layer.map { height[$0] }.max() ?? 0
            bandTop.append(top)
            bandHeight.append(tallest)
            top += tallest + Self.bandGap
        }
    }

    /// The least distance between the centres of two neighbours in a layer.
    private func separation(_ left: Int, _ right: Int) -> Double {
        let gap: Double
        switch (isDummy[left], isDummy[right]) {
        case (false, false): gap = Self.nodeGap
        case (true, true): gap = Self.dummyGap
        default: gap = (Self.nodeGap + Self.dummyGap) / 2
        }
        return (width[left] + width[right]) / 2 + gap
    }

    /// Moves the vertices of `layer` as close as the gaps allow to the mean position of their
    /// neighbours above (`up`) and below (`down`), minimising the weighted squared distance (weighted isotonic
    /// regression after subtracting the cumulative gaps, solved by pool-adjacent-violators).
    private mutating func place(_ layer: Int, up: Bool, down: Bool) {
        let vertices = layers[layer]
        guard !vertices.isEmpty else { return }
        var targets: [Double] = []
        var weights: [Double] = []
        var offset = 0.0
        var offsets: [Double] = []
        targets.reserveCapacity(vertices.count)
        weights.reserveCapacity(vertices.count)
        offsets.reserveCapacity(vertices.count)
        for (index, vertex) in vertices.enumerated() {
            if index > 0 { offset += separation(vertices[index - 1], vertex) }
            offsets.append(offset)
            var sum = 0.0
            var count = 0
            // Line the edge's two ends up: the neighbour's attachment and this vertex's own.
            if up {
                for neighbour in preds[vertex] {
                    sum += attachmentX(neighbour, toward: vertex) - attachmentX(vertex, toward: neighbour) + x[vertex]
                }
                count += preds[vertex].count
            }
            if down {
                for neighbour in succs[vertex] {
                    sum += attachmentX(neighbour, toward: vertex) - attachmentX(vertex, toward: neighbour) + x[vertex]
                }
                count += succs[vertex].count
            }
            let desired = count == 0 ? x[vertex] : sum / Double(count)
            targets.append(desired - offset)
            weights.append(count == 0 ? 0.01 : isDummy[vertex] ? 4 : 1)
        }
        // Blocks of equal value: (weighted mean, total weight, size).
        var blocks: [(mean: Double, weight: Double, size: Int)] = []
        for (target, weight) in zip(targets, weights) {
            blocks.append((target, weight, 1))
            while blocks.count > 1, blocks[blocks.count - 2].mean > blocks[blocks.count - 1].mean {
                let last = blocks.removeLast()
                let previous = blocks.removeLast()
                let total = previous.weight + last.weight
                blocks.append(
                    ((previous.mean * previous.weight + last.mean * last.weight) / total, total, previous.size + last.size))
            }
        }
        var index = 0
        for block in blocks {
            for _ in 0..<block.size {
                x[vertices[index]] = block.mean + offsets[index]
                index += 1
            }
        }
    }
}
