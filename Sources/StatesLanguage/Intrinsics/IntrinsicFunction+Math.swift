// States.MathRandom and States.MathAdd.
// https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#asl-intrsc-func-math-operation

extension IntrinsicFunction {
    /// The 32-bit range Step Functions accepts for `States.MathAdd` arguments.
    static let mathAddRange: ClosedRange<Int64> = Int64(Int32.min)...Int64(Int32.max)

    /// `States.MathRandom(start, end[, seed])`: a random integer from `start` to `end`, both included.
    ///
    /// Non-integer bounds are rounded to the nearest integer. With a seed the
    /// result is the same for every call with the same arguments (the sequence
    /// differs from AWS's, which is not documented); without one it comes from
    /// the system generator.
    func applyMathRandom(_ values: [JSONValue]) throws(IntrinsicFailure) -> JSONValue {
        try expect(values, count: 2...3)
        let start = try roundedInteger(values, 0, "start")
        let end = try roundedInteger(values, 1, "end")
        guard start <= end else {
            throw failure("the first argument (start) \(start) must not be greater than the second argument (end) \(end)")
        }
        if values.count == 3 {
            var generator = SplitMix64(seed: UInt64(bitPattern: try roundedInteger(values, 2, "seed")))
            return .number(.integer(Int64.random(in: start...end, using: &generator)))
        }
        return JournalCursor.generated { .number(.integer(Int64.random(in: start...end))) }
    }

    /// `States.MathAdd(a, b)`: the sum of two integers in the 32-bit range.
    ///
    /// Non-integer arguments are rounded to the nearest integer first, as Step Functions does.
    func applyMathAdd(_ values: [JSONValue]) throws(IntrinsicFailure) -> JSONValue {
        try expect(values, count: 2)
        let lhs = try roundedInteger(values, 0, "first value")
        let rhs = try roundedInteger(values, 1, "second value")
        for (index, value) in [lhs, rhs].enumerated() where !IntrinsicFunction.mathAddRange.contains(value) {
            throw failure(
                "the \(ordinal(index)) argument \(value) is outside the range \(Int32.min) to \(Int32.max)")
        }
        return .number(.integer(lhs + rhs))
    }
}
