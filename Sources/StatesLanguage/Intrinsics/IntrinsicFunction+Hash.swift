// States.Hash.
// https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#asl-intrsc-func-hash-calc

extension IntrinsicFunction {
    /// Step Functions hashes at most 10,000 characters.
    static let maximumHashInputLength = 10_000

    /// `States.Hash(data, algorithm)`: the lowercase hexadecimal digest of the
    /// string's UTF-8 bytes with `MD5`, `SHA-1`, `SHA-256`, `SHA-384` or `SHA-512`.
    func applyHash(_ values: [JSONValue]) throws(IntrinsicFailure) -> JSONValue {
        try expect(values, count: 2)
        let data = try string(values, 0, "data")
        let name = try string(values, 1, "algorithm")
        guard let algorithm = HashAlgorithm(rawValue: name) else {
            let names = HashAlgorithm.allCases.map(\.rawValue).joined(separator: ", ")
            throw failure("the second argument (algorithm) must be one of \(names), got '\(name)'")
        }
        // Java counts UTF-16 code units.
        let length = data.utf16.count
        guard length <= IntrinsicFunction.maximumHashInputLength else {
            throw failure(
                "the input has \(length) characters; at most \(IntrinsicFunction.maximumHashInputLength) are allowed")
        }
        return .string(algorithm.digest(data.utf8).hexEncodedString)
    }
}
