package extension Sequence where Element == UInt8 {
    /// The bytes as lowercase hexadecimal, two digits each (`[0x0f, 0xa0]` → `"0fa0"`), the
    /// form `States.Hash` returns and SigV4 signs.
    var hexEncodedString: String {
        let digits = Array("0123456789abcdef".utf8)
        var characters: [UInt8] = []
        characters.reserveCapacity(underestimatedCount * 2)
        for byte in self {
            characters.append(digits[Int(byte >> 4)])
            characters.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: characters, as: UTF8.self)
    }
}
