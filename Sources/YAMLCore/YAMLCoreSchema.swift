import JSONCore

/// YAML 1.2's core schema: which plain scalars are null, booleans and numbers.
///
/// Only plain (unquoted) scalars are resolved; quoted and block scalars are always strings. This is
/// YAML 1.2, not 1.1: `yes`, `no`, `on`, `off`, `y` and `n` are strings, and so are timestamps
/// such as `2026-01-01T00:00:00Z` and sexagesimal numbers such as `1:30`.
/// See <https://yaml.org/spec/1.2.2/#1032-tag-resolution>.
enum YAMLCoreSchema {
    enum Resolution: Equatable {
        case value(JSONValue)
        /// `.inf`, `-.inf` or `.nan`, which JSON cannot hold.
        case nonFinite
    }

    static func resolve(_ text: String) -> Resolution {
        switch text {
        case "", "~", "null", "Null", "NULL": return .value(.null)
        case "true", "True", "TRUE": return .value(.bool(true))
        case "false", "False", "FALSE": return .value(.bool(false))
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN":
            return .nonFinite
        default: break
        }
        let bytes = Array(text.utf8)
        guard let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: ".")
            || isDigit(first)
        else { return .value(.string(text)) }
        if let number = integer(bytes) ?? float(bytes) {
            // A literal too large for a double (1e999) would print as invalid JSON.
            return number.doubleValue.isFinite ? .value(.number(number)) : .nonFinite
        }
        return .value(.string(text))
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

    /// `[-+]?[0-9]+`, `0o[0-7]+` or `0x[0-9a-fA-F]+`.
    private static func integer(_ bytes: [UInt8]) -> JSONNumber? {
        if bytes.count > 2, bytes[0] == UInt8(ascii: "0"), bytes[1] == UInt8(ascii: "o") || bytes[1] == UInt8(ascii: "x") {
            let radix: UInt64 = bytes[1] == UInt8(ascii: "o") ? 8 : 16
            var value: UInt64 = 0
            var overflow = false
            for c in bytes.dropFirst(2) {
                guard let digit = YAMLScanner.hexValue(c), UInt64(digit) < radix else { return nil }
                let (shifted, o1) = value.multipliedReportingOverflow(by: radix)
                let (sum, o2) = shifted.addingReportingOverflow(UInt64(digit))
                overflow = overflow || o1 || o2
                value = sum
            }
            if !overflow, value <= UInt64(Int64.max) { return .integer(Int64(value)) }
            // Too large for 64 bits: keep the magnitude, as the JSON reader does for long integers.
            var approximate = 0.0
            for c in bytes.dropFirst(2) { approximate = approximate * Double(radix) + Double(YAMLScanner.hexValue(c)!) }
            return .double(approximate)
        }
        let digits = bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") ? bytes.dropFirst() : bytes[...]
        guard !digits.isEmpty, digits.allSatisfy(isDigit) else { return nil }
        let text = String(decoding: bytes.first == UInt8(ascii: "+") ? bytes.dropFirst() : bytes[...], as: UTF8.self)
        if let value = Int64(text) { return .integer(value) }
        return Double(text).map { .double($0) }
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`.
    private static func float(_ bytes: [UInt8]) -> JSONNumber? {
        var i = 0
        var normalized: [UInt8] = []
        func take(_ accepts: (UInt8) -> Bool) -> Bool {
            guard i < bytes.count, accepts(bytes[i]) else { return false }
            normalized.append(bytes[i])
            i += 1
            return true
        }
        func digits() -> Int {
            var count = 0
            while take(isDigit) { count += 1 }
            return count
        }
        if take({ $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") }), normalized == [UInt8(ascii: "+")] {
            normalized.removeAll()
        }
        let integerDigits = digits()
        var fractionDigits = 0
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            // Swift's Double(_:) wants digits on both sides of the point: ".5" → "0.5", "1." → "1.0".
            if integerDigits == 0 { normalized.append(UInt8(ascii: "0")) }
            _ = take { _ in true }
            fractionDigits = digits()
            if fractionDigits == 0 { normalized.append(UInt8(ascii: "0")) }
        }
        guard integerDigits > 0 || fractionDigits > 0 else { return nil }
        if take({ $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
            _ = take { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") }
            guard digits() > 0 else { return nil }
        }
        guard i == bytes.count, let value = Double(String(decoding: normalized, as: UTF8.self)) else { return nil }
        return .double(value)
    }
}
