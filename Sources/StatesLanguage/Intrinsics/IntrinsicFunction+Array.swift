// States.Array, ArrayPartition, ArrayContains, ArrayRange, ArrayGetItem, ArrayLength, ArrayUnique.
// https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#asl-intrsc-func-arrays

extension IntrinsicFunction {
    /// Step Functions caps `States.ArrayRange` results at 1000 elements.
    static let maximumRangeCount: Int64 = 1000

    /// `States.ArrayPartition(array, chunkSize)`: consecutive chunks; the last may be shorter.
    func applyArrayPartition(_ values: [JSONValue]) throws(IntrinsicFailure) -> JSONValue {
        try expect(values, count: 2)
        let elements = try array(values, 0, "array")
        let size = try integer(values, 1, "chunk size")
        guard size > 0 else { throw failure("the second argument (chunk size) must be a positive integer, got \(size)") }
        var chunks: [JSONValue] = []
        chunks.reserveCapacity(elements.count / Int(min(size, Int64(Int.max))) + 1)
        var start = 0
        while start < elements.count {
            let end = Int64(start) + size >= Int64(elements.count) ? elements.count : start + Int(size)
            chunks.append(.array(Array(elements[start..<end])))
            start = end
        }
        return .array(chunks)
    }

    /// `States.ArrayContains(array, value)`: whether an element equals the value.
    func applyArrayContains(_ values: [JSONValue]) throws(IntrinsicFailure) -> JSONValue {
        try expect(values, count: 2)
        let elements = try array(values, 0, "array")
        return .bool(elements.contains(values[1]))
    }

    /// `States.ArrayRange(first, last, step)`: `first`, `first + step`, … up to and including `last`.
    func applyArrayRange(_ values: [JSONValue]) throws(IntrinsicFailure) -> JSONValue {
        try expect(values, count: 3)
        let first = try integer(values, 0, "first")
        let last = try integer(values, 1, "last")
        let step = try integer(values, 2, "step")
        guard step != 0 else { throw failure("the third argument (step) must not be 0") }
        // Computed in Double first so extreme bounds cannot overflow.
        let span = (Double(last) - Double(first)) / Double(step)
        let count: Int64 = span < 0 ? 0 : Int64(min(span.rounded(.down), 1e15)) + 1
        guard count <= IntrinsicFunction.maximumRangeCount else {
            throw failure("the range would contain \(count) elements; at most \(IntrinsicFunction.maximumRangeCount) are allowed")
        }
        var result: [JSONValue] = []
        result.reserveCapacity(Int(count))
        var current = first
        for _ in 0..<count {
            result.append(.number(.integer(current)))
            current &+= step
        }
        return .array(result)
    }

    /// `States.ArrayGetItem(array, index)`: the element at a zero-based index.
    func applyArrayGetItem(_ values: [JSONValue]) throws(IntrinsicFailure) -> JSONValue {
        try expect(values, count: 2)
        let elements = try array(values, 0, "array")
        let index = try integer(values, 1, "index")
        guard index >= 0, index < Int64(elements.count) else {
            throw failure("the second argument (index) \(index) is out of bounds for an array of \(elements.count) element\(elements.count == 1 ? "" : "s")")
        }
        return elements[Int(index)]
    }

    /// `States.ArrayLength(array)`.
    func applyArrayLength(_ values: [JSONValue]) throws(IntrinsicFailure) -> JSONValue {
        try expect(values, count: 1)
        return .integer(try array(values, 0, "array").count)
    }

    /// `States.ArrayUnique(array)`: the elements without repeats, first occurrences kept in order.
    func applyArrayUnique(_ values: [JSONValue]) throws(IntrinsicFailure) -> JSONValue {
        try expect(values, count: 1)
        let elements = try array(values, 0, "array")
        var seen = Set<JSONValue>()
        var unique: [JSONValue] = []
        for element in elements where seen.insert(element).inserted {
            unique.append(element)
        }
        return .array(unique)
    }
}
