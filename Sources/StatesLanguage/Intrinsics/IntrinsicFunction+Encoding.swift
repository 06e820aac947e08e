// States.Base64Encode and States.Base64Decode.
// https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#asl-intrsc-func-data-encode-decode

extension IntrinsicFunction {
    /// Step Functions accepts at most 10,000 characters for Base64 encoding and decoding.
    static let maximumBase64InputLength = 10_000

    /// `States.Base64Encode(string)`: the UTF-8 bytes of the string in standard Base64 with padding.
    func applyBase64Encode(_ values: [JSONValue]) throws(StatesError) -> JSONValue {
        try expect(values, count: 1)
        let text = try string(values, 0, "string")
        try checkBase64Length(text)
        return .string(Base64.encode(Array(text.utf8)))
    }

    /// `States.Base64Decode(string)`: the text whose UTF-8 bytes the Base64 string encodes.
    func applyBase64Decode(_ values: [JSONValue]) throws(StatesError) -> JSONValue {
        try expect(values, count: 1)
        let text = try string(values, 0, "Base64 string")
        try checkBase64Length(text)
        guard let bytes = Base64.decode(text) else {
            throw failure("the first argument is not valid Base64: \(abbreviated(.string(text)))")
        }
        return .string(String(decoding: bytes, as: UTF8.self))
    }

    private func checkBase64Length(_ text: String) throws(StatesError) {
        // Step Functions runs on Java, whose string length counts UTF-16 code units.
        let length = text.utf16.count
        guard length <= IntrinsicFunction.maximumBase64InputLength else {
            throw failure(
                "the input has \(length) characters; at most \(IntrinsicFunction.maximumBase64InputLength) are allowed")
        }
    }
}

/// Standard Base64 (RFC 4648 §4) as Java's basic encoder and decoder handle it:
/// encoding pads with `=`; decoding accepts missing padding and rejects any
/// character outside the alphabet.
enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    private static let decodingTable: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for (value, byte) in alphabet.enumerated() { table[Int(byte)] = Int8(value) }
        return table
    }()

    static func encode(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index + 3 <= bytes.count {
            let chunk = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
            output.append(alphabet[Int(chunk >> 18 & 63)])
            output.append(alphabet[Int(chunk >> 12 & 63)])
            output.append(alphabet[Int(chunk >> 6 & 63)])
            output.append(alphabet[Int(chunk & 63)])
            index += 3
        }
        let remaining = bytes.count - index
        if remaining > 0 {
            var chunk = UInt32(bytes[index]) << 16
            if remaining == 2 { chunk |= UInt32(bytes[index + 1]) << 8 }
            output.append(alphabet[Int(chunk >> 18 & 63)])
            output.append(alphabet[Int(chunk >> 12 & 63)])
            output.append(remaining == 2 ? alphabet[Int(chunk >> 6 & 63)] : UInt8(ascii: "="))
            output.append(UInt8(ascii: "="))
        }
        return String(decoding: output, as: UTF8.self)
    }

    static func decode(_ text: String) -> [UInt8]? {
        var symbols = Array(text.utf8)
        var padding = 0
        while symbols.last == UInt8(ascii: "=") && padding < 2 {
            symbols.removeLast()
            padding += 1
        }
        if padding > 0 && (symbols.count + padding) % 4 != 0 { return nil }
        if symbols.count % 4 == 1 { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(symbols.count * 3 / 4)
        var buffer: UInt32 = 0
        var bits = 0
        for symbol in symbols {
            let value = decodingTable[Int(symbol)]
            guard value >= 0 else { return nil }
            buffer = buffer << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
            }
        }
        return output
    }
}
