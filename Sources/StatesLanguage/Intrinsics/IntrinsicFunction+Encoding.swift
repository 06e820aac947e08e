// States.Base64Encode and States.Base64Decode.
// https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#asl-intrsc-func-data-encode-decode

extension IntrinsicFunction {
    /// Step Functions accepts at most 10,000 characters for Base64 encoding and decoding.
    static let maximumBase64InputLength = 10_000

    /// `States.Base64Encode(string)`: the UTF-8 bytes of the string in standard Base64 with padding.
    func applyBase64Encode(_ values: [JSONValue]) throws(IntrinsicFailure) -> JSONValue {
        try expect(values, count: 1)
        let text = try string(values, 0, "string")
        try checkBase64Length(text)
        return .string(Base64.encode(Array(text.utf8)))
    }

    /// `States.Base64Decode(string)`: the text whose UTF-8 bytes the Base64 string encodes.
    func applyBase64Decode(_ values: [JSONValue]) throws(IntrinsicFailure) -> JSONValue {
        try expect(values, count: 1)
        let text = try string(values, 0, "Base64 string")
        try checkBase64Length(text)
        guard let bytes = Base64.decode(text) else {
            throw failure("the first argument is not valid Base64: \(abbreviated(.string(text)))")
        }
        return .string(String(decoding: bytes, as: UTF8.self))
    }

    private func checkBase64Length(_ text: String) throws(IntrinsicFailure) {
        // Step Functions runs on Java, whose string length counts UTF-16 code units.
        let length = text.utf16.count
        guard length <= IntrinsicFunction.maximumBase64InputLength else {
            throw failure(
                "the input has \(length) characters; at most \(IntrinsicFunction.maximumBase64InputLength) are allowed")
        }
    }
}
