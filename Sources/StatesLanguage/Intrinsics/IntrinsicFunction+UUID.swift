// States.UUID.
// https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#asl-intrsc-func-uuid-generate

extension IntrinsicFunction {
    /// `States.UUID()`: a version 4 UUID from the system random generator, in lowercase.
    func applyUUID(_ values: [JSONValue]) throws(IntrinsicFailure) -> JSONValue {
        try expect(values, count: 0)
        return JournalCursor.generated {
            var generator = SystemRandomNumberGenerator()
            return .string(IntrinsicFunction.makeUUIDv4(using: &generator))
        }
    }

    /// A random (version 4, variant 1) UUID in the 8-4-4-4-12 lowercase form.
    static func makeUUIDv4<Generator: RandomNumberGenerator>(using generator: inout Generator) -> String {
        var bytes = (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        bytes[6] = bytes[6] & 0x0F | 0x40
        bytes[8] = bytes[8] & 0x3F | 0x80
        let hex = Array("0123456789abcdef".utf8)
        var output: [UInt8] = []
        output.reserveCapacity(36)
        for (index, byte) in bytes.enumerated() {
            if index == 4 || index == 6 || index == 8 || index == 10 { output.append(UInt8(ascii: "-")) }
            output.append(hex[Int(byte >> 4)])
            output.append(hex[Int(byte & 0x0F)])
        }
        return String(decoding: output, as: UTF8.self)
    }
}
