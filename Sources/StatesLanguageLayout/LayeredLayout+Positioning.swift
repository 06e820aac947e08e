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
        for round in 0..<10 {
            let both = round >= 8
            for layer in layers.indices.dropFirst() { place(layer, towards: both ? [.up, .down] : [.up]) }
            for layer in layers.indices.dropLast().reversed() { place(layer, towards: both ? [.up, .down] : [.down]) }
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

    private enum Side { case up, down }

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
    /// neighbours on `sides`, minimising the weighted squared distance (weighted isotonic
    /// regression after subtracting the cumulative gaps, solved by pool-adjacent-violators).
    private mutating func place(_ layer: Int, towards sides: [Side]) {
        let vertices = layers[layer]
        guard !vertices.isEmpty else { return }
        var targets: [Double] = []
        var weights: [Double] = []
        var offset = 0.0
        var offsets: [Double] = []
        for (index, vertex) in vertices.enumerated() {
            if index > 0 { offset += separation(vertices[index - 1], vertex) }
            offsets.append(offset)
            var sum = 0.0
            var count = 0
            for side in sides {
                for neighbour in side == .up ? preds[vertex] : succs[vertex] {
                    sum += lineX(neighbour)
                    count += 1
                }
            }
            let desired = count == 0 ? x[vertex] : sum / Double(count) - anchor[vertex]
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
