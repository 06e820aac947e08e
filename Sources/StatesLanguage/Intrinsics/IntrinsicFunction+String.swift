// States.Format and States.StringSplit.
// https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#asl-intrsc-func-generic

extension IntrinsicFunction {
    /// `States.Format(template, values…)`: each `{}` in the template replaced by the next value.
    ///
    /// A literal template keeps `\{` and `\}` as braces that are not
    /// placeholders. Strings are inserted as they are; numbers, booleans and
    /// `null` as JSON; arrays and objects the way Step Functions' Java runtime
    /// prints them (`[1, a]`, `{key=value, list=[]}`).
    func applyFormat(_ values: [JSONValue], arguments: [IntrinsicArgument]) throws(IntrinsicFailure) -> JSONValue {
        guard !values.isEmpty else { throw failure("expected at least 1 argument, got 0") }
        let pieces: [String]
        if case .string(let literal) = arguments[0] {
            pieces = literal.formatPieces
        } else {
            pieces = IntrinsicFunction.splitAtPlaceholders(try string(values, 0, "format string"))
        }
        let placeholders = pieces.count - 1
        guard placeholders == values.count - 1 else {
            throw failure(
                "the format string has \(placeholders) placeholder\(placeholders == 1 ? "" : "s") but \(values.count - 1) value\(values.count == 2 ? " was" : "s were") given"
            )
        }
        var result = pieces[0]
        for (offset, piece) in pieces.dropFirst().enumerated() {
            result += IntrinsicFunction.formatted(values[offset + 1])
            result += piece
        }
        return .string(result)
    }

    /// `text` split at each `{}`.
    static func splitAtPlaceholders(_ text: String) -> [String] {
        var pieces: [String] = []
        var piece = Substring()
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            let next = rest.index(after: open)
            if next < rest.endIndex && rest[next] == "}" {
                piece += rest[..<open]
                pieces.append(String(piece))
                piece = ""
                rest = rest[rest.index(after: next)...]
            } else {
                piece += rest[...open]
                rest = rest[next...]
            }
        }
        piece += rest
        pieces.append(String(piece))
        return pieces
    }

    /// A value as `States.Format` inserts it.
    static func formatted(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): return text
        case .array(let elements): return "[" + elements.map(formatted).joined(separator: ", ") + "]"
        case .object(let object): return "{" + object.map { "\($0.key)=\(formatted($0.value))" }.joined(separator: ", ") + "}"
        default: return value.jsonString()
        }
    }

    /// `States.StringSplit(string, delimiters)`: splits at every character of
    /// `delimiters` and drops empty parts (`"a,,b"` and `","` give `["a", "b"]`).
    func applyStringSplit(_ values: [JSONValue]) throws(IntrinsicFailure) -> JSONValue {
        try expect(values, count: 2)
        let text = try string(values, 0, "string")
        let delimiters = Set(try string(values, 1, "delimiting characters"))
        let parts = text.split(omittingEmptySubsequences: true, whereSeparator: { delimiters.contains($0) })
        return .array(parts.map { .string(String($0)) })
    }
}
