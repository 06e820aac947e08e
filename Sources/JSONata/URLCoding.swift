import Foundation

/// Percent-encoding as JavaScript's `encodeURI(Component)` and `decodeURI(Component)` do it.
enum URLCoding {
    private static let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()".unicodeScalars)
    private static let reserved = Set(";,/?:@&=+$#".unicodeScalars)

    static func encode(_ text: String, keepingReserved: Bool) throws(JSONataError) -> String {
        // lone surrogates cannot be encoded
        var utf16 = Array(text.utf16)
        var i = 0
        while i < utf16.count {
            let unit = utf16[i]
            if UTF16.isLeadSurrogate(unit) {
                guard i + 1 < utf16.count, UTF16.isTrailSurrogate(utf16[i + 1]) else {
                    throw JSONataError("D3140", value: .string(text), message: "Malformed URL: \(text)")
                }
                i += 2
            } else if UTF16.isTrailSurrogate(unit) {
                throw JSONataError("D3140", value: .string(text), message: "Malformed URL: \(text)")
            } else {
                i += 1
            }
        }
        utf16.removeAll()
        var out = ""
        for scalar in text.unicodeScalars {
            if unreserved.contains(scalar) || (keepingReserved && reserved.contains(scalar)) {
                out.unicodeScalars.append(scalar)
            } else {
                for byte in String(scalar).utf8 { out += String(format: "%%%02X", byte) }
            }
        }
        return out
    }

    static func decode(_ text: String, keepingReserved: Bool) -> String? {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        var i = 0
        func hex(_ b: UInt8) -> UInt8? {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return b - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return b - UInt8(ascii: "A") + 10
            default: return nil
            }
        }
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "%") {
                guard i + 2 < bytes.count, let h = hex(bytes[i + 1]), let l = hex(bytes[i + 2]) else { return nil }
                let value = h << 4 | l
                if keepingReserved, value < 0x80, reserved.contains(Unicode.Scalar(value)) {
                    out.append(contentsOf: bytes[i...(i + 2)])
                } else {
                    out.append(value)
                }
                i += 3
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(validating: out, as: UTF8.self)
    }
}
