import Foundation

/// Text forms of values, following JavaScript's `JSON.stringify` and number printing.
extension Evaluator {
    /// `$string` semantics: strings unchanged, everything else as compact JSON.
    static func string(_ value: JSONataValue, pretty: Bool = false) throws(JSONataError) -> String {
        switch value {
        case .string(let s): return s
        case .function: return ""
        case .number(let n):
            guard n.isFinite else { throw JSONataError("D3001", value: .number(0), message: "Attempting to invoke string function on Infinity or NaN") }
            return formatNumber(n)
        default:
            var out = ""
            var v = value
            if case .array(let array) = value, array.outerWrapper, let first = array.items.first { v = first }
            try stringify(v, into: &out, indent: pretty ? 2 : nil, level: 0)
            return out
        }
    }

    private static func stringify(_ value: JSONataValue, into out: inout String, indent: Int?, level: Int)
        throws(JSONataError)
    {
        // Constructors keep values within the value-depth limit; this guards the recursion regardless.
        if level > 4_096 { throw JSONataError("U1002", message: "A value nests too deeply to be written as text") }
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n):
            guard n.isFinite else { throw JSONataError("D1001", value: .number(0), message: "Number out of range: \(n)") }
            out += formatNumber(n)
        case .string(let s): quote(s, into: &out)
        case .function: out += "\"\""
        case .array(let array):
            if array.items.isEmpty { out += "[]"; return }
            out += "["
            for (i, item) in array.items.enumerated() {
                if i > 0 { out += "," }
                newline(&out, indent, level + 1)
                try stringify(item, into: &out, indent: indent, level: level + 1)
            }
            newline(&out, indent, level)
            out += "]"
        case .object(let object):
            if object.isEmpty { out += "{}"; return }
            out += "{"
            for (i, (key, item)) in object.entries.enumerated() {
                if i > 0 { out += "," }
                newline(&out, indent, level + 1)
                quote(key, into: &out)
                out += indent == nil ? ":" : ": "
                try stringify(item, into: &out, indent: indent, level: level + 1)
            }
            newline(&out, indent, level)
            out += "}"
        }
    }

    private static func newline(_ out: inout String, _ indent: Int?, _ level: Int) {
        guard let indent else { return }
        out += "\n" + String(repeating: " ", count: indent * level)
    }

    static func quote(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    /// Numbers print with 15 significant digits, the way JavaScript prints `Number(n.toPrecision(15))`.
    static func formatNumber(_ n: Double) -> String {
        if n == n.rounded(), abs(n) < 1e15 { return String(Int64(n)) }
        if n == n.rounded(), abs(n) < 1e21 { return jsNumberString(n) }
        let rounded = Double(String(format: "%.14e", n)) ?? n
        return jsNumberString(rounded)
    }

    /// JavaScript's `Number.prototype.toString()` for finite numbers.
    static func jsNumberString(_ n: Double) -> String {
        if n.isNaN { return "NaN" }
        if n.isInfinite { return n < 0 ? "-Infinity" : "Infinity" }
        if n == 0 { return "0" }
        if n < 0 { return "-" + jsNumberString(-n) }
        // shortest round-trip digits and exponent from Swift's description
        let text = "\(n)"
        var mantissa = text
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = String(text[..<e])
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        var digits = ""
        var pointPosition = 0
        if let dot = mantissa.firstIndex(of: ".") {
            let intPart = String(mantissa[..<dot])
            let fracPart = String(mantissa[mantissa.index(after: dot)...])
            digits = intPart + fracPart
            pointPosition = intPart.count
        } else {
            digits = mantissa
            pointPosition = mantissa.count
        }
        // strip leading zeros
        while digits.hasPrefix("0") && digits.count > 1 {
            digits.removeFirst()
            pointPosition -= 1
        }
        while digits.hasSuffix("0") && digits.count > 1 { digits.removeLast() }
        let k = digits.count
        let nExp = pointPosition + exponent  // value = 0.digits * 10^nExp
        if k <= nExp && nExp <= 21 {
            return digits + String(repeating: "0", count: nExp - k)
        }
        if 0 < nExp && nExp <= 21 {
            let i = digits.index(digits.startIndex, offsetBy: nExp)
            return String(digits[..<i]) + "." + String(digits[i...])
        }
        if -6 < nExp && nExp <= 0 {
            return "0." + String(repeating: "0", count: -nExp) + digits
        }
        let e = nExp - 1
        let sign = e < 0 ? "-" : "+"
        let first = String(digits.prefix(1))
        let rest = String(digits.dropFirst())
        return first + (rest.isEmpty ? "" : "." + rest) + "e" + sign + String(abs(e))
    }
}
