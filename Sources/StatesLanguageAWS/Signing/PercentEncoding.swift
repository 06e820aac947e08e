/// Percent-encoding as SigV4 wants it (RFC 3986): every byte except the unreserved characters
/// `A–Z a–z 0–9 - . _ ~` becomes `%XY` with upper-case hex digits.
enum PercentEncoding {
    /// Encodes the UTF-8 bytes of `text`, keeping `/` as is when `keepsSlash` (for paths).
    static func encode(_ text: some StringProtocol, keepsSlash: Bool = false) -> String {
        encode(bytes: text.utf8, keepsSlash: keepsSlash)
    }

    /// Encodes `bytes`, keeping `/` as is when `keepsSlash`.
    static func encode(bytes: some Sequence<UInt8>, keepsSlash: Bool = false) -> String {
        var encoded: [UInt8] = []
        encoded.reserveCapacity(bytes.underestimatedCount)
        for byte in bytes {
            if isUnreserved(byte) || (keepsSlash && byte == UInt8(ascii: "/")) {
                encoded.append(byte)
            } else {
                encoded.append(UInt8(ascii: "%"))
                encoded.append(upperHexDigits[Int(byte >> 4)])
                encoded.append(upperHexDigits[Int(byte & 0x0f)])
            }
        }
        return String(decoding: encoded, as: UTF8.self)
    }

    /// Completes the encoding of a wire path: keeps `/`, unreserved characters and `%XY`
    /// escapes (with the hex made upper-case) and encodes every other byte, so an escaped `/`
    /// (`%2F`) stays distinct from a real one.
    static func completingEncoding(ofPath path: String) -> String {
        let bytes = Array(path.utf8)
        var completed: [UInt8] = []
        completed.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%"), index + 2 < bytes.count,
                let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
            {
                completed += [byte, upperHexDigits[Int(high)], upperHexDigits[Int(low)]]
                index += 3
                continue
            }
            if isUnreserved(byte) || byte == UInt8(ascii: "/") {
                completed.append(byte)
            } else {
                completed += [UInt8(ascii: "%"), upperHexDigits[Int(byte >> 4)], upperHexDigits[Int(byte & 0x0f)]]
            }
            index += 1
        }
        return String(decoding: completed, as: UTF8.self)
    }

    /// Decodes `%XY` sequences to bytes, which need not be UTF-8; a `%` not followed by two hex
    /// digits stays literal, and so does `+` (RFC 3986 has no `+`-for-space).
    static func decode(_ text: some StringProtocol) -> [UInt8] {
        let bytes = Array(text.utf8)
        guard bytes.contains(UInt8(ascii: "%")) else { return bytes }
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
                let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
            {
                decoded.append(high << 4 | low)
                index += 3
            } else {
                decoded.append(bytes[index])
                index += 1
            }
        }
        return decoded
    }

    private static let upperHexDigits = Array("0123456789ABCDEF".utf8)

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"):
            true
        default:
            false
        }
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
