import Foundation

/// `$formatBase`, `$formatNumber`, `$formatInteger` and `$parseInteger`.
extension Evaluator {
    func formatBaseFunction(_ args: [JSONataValue?]) throws(JSONataError) -> JSONataValue? {
        guard case .number(let n)? = args.first ?? nil else { return nil }
        let value = Evaluator.round(n, precision: nil)
        var radix = 10.0
        if args.count > 1, case .number(let r)? = args[1] { radix = Evaluator.round(r, precision: nil) }
        guard radix >= 2, radix <= 36 else { throw JSONataError("D3100", value: .number(radix)) }
        guard let integer = Int64(exactly: value) else { return .string(Evaluator.jsNumberString(value)) }
        return .string(String(integer, radix: Int(radix)))
    }

    func formatIntegerFunction(_ args: [JSONataValue?]) throws(JSONataError) -> JSONataValue? {
        guard case .number(let n)? = args.first ?? nil else { return nil }
        let picture = try IntegerPicture(args.count > 1 ? args[1]?.stringValue ?? "" : "")
        return .string(try picture.format(Foundation.floor(n)))
    }

    func parseIntegerFunction(_ args: [JSONataValue?]) throws(JSONataError) -> JSONataValue? {
        guard case .string(let text)? = args.first ?? nil else { return nil }
        let picture = try IntegerPicture(args.count > 1 ? args[1]?.stringValue ?? "" : "")
        return try picture.parse(text).map { .number($0) }
    }

    func formatNumberFunction(_ args: [JSONataValue?]) throws(JSONataError) -> JSONataValue? {
        guard case .number(let value)? = args.first ?? nil else { return nil }
        let picture = args.count > 1 ? args[1]?.stringValue ?? "" : ""
        var symbols = NumberPicture.Symbols()
        if args.count > 2, case .object(let options)? = args[2] {
            for (key, option) in options.entries {
                guard case .string(let text) = option else { continue }
                switch key {
                case "decimal-separator": symbols.decimalSeparator = text
                case "grouping-separator": symbols.groupingSeparator = text
                case "exponent-separator": symbols.exponentSeparator = text
                case "minus-sign": symbols.minusSign = text
                case "percent": symbols.percent = text
                case "per-mille": symbols.perMille = text
                case "zero-digit": symbols.zeroDigit = text
                case "digit": symbols.digit = text
                case "pattern-separator": symbols.patternSeparator = text
                default: break
                }
            }
        }
        return .string(try NumberPicture(symbols: symbols).format(value, picture: picture))
    }
}
