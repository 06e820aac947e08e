// States.StringToJson, States.JsonToString and States.JsonMerge.
// https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#asl-intrsc-func-json-manipulate

extension IntrinsicFunction {
    /// `States.StringToJson(string)`: the JSON value the string holds.
    ///
    /// A blank string or `null` gives `null`, as Step Functions returns for them.
    func applyStringToJson(_ values: [JSONValue]) throws(IntrinsicFailure) -> JSONValue {
        try expect(values, count: 1)
        if case .null = values[0] { return .null }
        let text = try string(values, 0, "string")
        if text.allSatisfy(\.isWhitespace) { return .null }
        do {
            return try JSONValue(parsing: text)
        } catch {
            throw failure("the first argument is not valid JSON (\(error.description)): \(abbreviated(.string(text)))")
        }
    }

    /// `States.JsonToString(value)`: the value as compact JSON text.
    func applyJsonToString(_ values: [JSONValue]) throws(IntrinsicFailure) -> JSONValue {
        try expect(values, count: 1)
        return .string(values[0].jsonString())
    }

    /// `States.JsonMerge(left, right, false)`: `left` with the keys of `right`
    /// added or replacing. Only the shallow merge exists: the third argument must be `false`.
    func applyJsonMerge(_ values: [JSONValue]) throws(IntrinsicFailure) -> JSONValue {
        try expect(values, count: 3)
        var merged = try object(values, 0, "first object")
        let other = try object(values, 1, "second object")
        let deep = try boolean(values, 2, "deep merge flag")
        guard !deep else { throw failure("deep merging is not supported; the third argument must be false") }
        for (key, value) in other { merged[key] = value }
        return .object(merged)
    }
}
