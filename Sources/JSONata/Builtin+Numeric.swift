import Foundation

/// Numeric and aggregation functions.
extension Evaluator {
    func aggregate(_ builtin: Builtin, _ value: JSONataValue?) throws(JSONataError) -> JSONataValue? {
        guard case .array(let array)? = value else { return nil }
        var numbers: [Double] = []
        numbers.reserveCapacity(array.count)
        for case .number(let n) in array.items { numbers.append(n) }
        switch builtin {
        case .sum: return .number(numbers.reduce(0, +))
        case .max: return numbers.max().map { .number($0) }
        case .min: return numbers.min().map { .number($0) }
        default:
            guard !numbers.isEmpty else { return nil }
            return .number(numbers.reduce(0, +) / Double(numbers.count))
        }
    }

    func numericFunction(_ builtin: Builtin, _ args: [JSONataValue?]) throws(JSONataError) -> JSONataValue? {
        func arg(_ i: Int) -> JSONataValue? { i < args.count ? args[i] : nil }
        if builtin == .random { return .number(Double.random(in: 0..<1, using: &random)) }
        if builtin == .number { return try Evaluator.toNumber(arg(0)) }
        guard case .number(let n)? = arg(0) else { return nil }
        switch builtin {
        case .floor: return .number(Foundation.floor(n))
        case .ceil: return .number(Foundation.ceil(n))
        case .abs: return .number(Swift.abs(n))
        case .sqrt:
            if n < 0 { throw JSONataError("D3060", value: .number(n)) }
            return .number(n.squareRoot())
        case .power:
            let exponent = arg(1)?.numberValue ?? 0
            let result = Foundation.pow(n, exponent)
            if !result.isFinite {
                throw JSONataError("D3061", value: .number(n),
                                   message: "The power function has resulted in a value that cannot be represented as a JSON number: base=\(Evaluator.jsNumberString(n)), exponent=\(Evaluator.jsNumberString(exponent))")
            }
            return .number(result)
        case .round:
            return .number(Evaluator.round(n, precision: arg(1)?.numberValue))
        default:
            return nil
        }
    }

    static func toNumber(_ value: JSONataValue?) throws(JSONataError) -> JSONataValue? {
        switch value {
        case nil: return nil
        case .number?: return value
        case .bool(let b)?: return .number(b ? 1 : 0)
        case .string(let s)?:
            if let n = parseDecimal(s) { return .number(n) }
            if let n = parsePrefixed(s) { return .number(n) }
            throw JSONataError("D3030", value: value)
        default:
            throw JSONataError("D3030", value: value)
        }
    }

    /// Accepts `-?digits(.digits)?(e[+-]?digits)?`, as `$number` does.
    private static func parseDecimal(_ s: String) -> Double? {
        let chars = Array(s.utf8)
        var i = 0
        func digits() -> Int {
            let start = i
            while i < chars.count, chars[i] >= 48, chars[i] <= 57 { i += 1 }
            return i - start
        }
        if i < chars.count, chars[i] == UInt8(ascii: "-") { i += 1 }
        guard digits() > 0 else { return nil }
        if i < chars.count, chars[i] == UInt8(ascii: ".") {
            i += 1
            guard digits() > 0 else { return nil }
        }
        if i < chars.count, chars[i] == UInt8(ascii: "e") || chars[i] == UInt8(ascii: "E") {
            i += 1
            if i < chars.count, chars[i] == UInt8(ascii: "+") || chars[i] == UInt8(ascii: "-") { i += 1 }
            guard digits() > 0 else { return nil }
        }
        guard i == chars.count, let value = Double(s), value.isFinite else { return nil }
        return value
    }

    private static func parsePrefixed(_ s: String) -> Double? {
        guard s.count > 2, s.hasPrefix("0") else { return nil }
        let marker = s[s.index(after: s.startIndex)]
        let body = String(s.dropFirst(2))
        let radix: Int
        switch marker {
        case "x", "X": radix = 16
        case "o", "O": radix = 8
        case "b", "B": radix = 2
        default: return nil
        }
        guard let value = UInt64(body, radix: radix) else { return nil }
        return Double(value)
    }

    /// Rounds half to even, optionally at a decimal position, shifting in decimal text as the reference does.
    static func round(_ value: Double, precision: Double?) -> Double {
        var arg = value
        let places = precision.map { Int($0.rounded(.towardZero)) } ?? 0
        if places != 0 { arg = shift(arg, by: places) }
        var result = (arg + 0.5).rounded(.down)
        let diff = result - arg
        if Swift.abs(diff) == 0.5, Swift.abs(result.truncatingRemainder(dividingBy: 2)) == 1 {
            result -= 1
        }
        if places != 0 { result = shift(result, by: -places) }
        if result == 0 { result = 0 }
        return result
    }

    private static func shift(_ value: Double, by places: Int) -> Double {
        let text = jsNumberString(value)
        let parts = text.split(separator: "e", maxSplits: 1)
        let exponent = (parts.count > 1 ? Int(parts[1]) ?? 0 : 0) + places
        return Double(String(parts[0]) + "e" + String(exponent)) ?? value
    }
}
