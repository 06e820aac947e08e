/// Number formatting functions.
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

}
