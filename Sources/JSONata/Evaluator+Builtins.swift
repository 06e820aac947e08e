/// Dispatch from a built-in to its implementation.
extension Evaluator {
    func callBuiltin(_ builtin: Builtin, _ args: [JSONataValue?], input: JSONataValue?, _ env: Frame)
        throws(JSONataError) -> JSONataValue?
    {
        func arg(_ i: Int) -> JSONataValue? { i < args.count ? args[i] : nil }
        switch builtin {
        case .sum, .max, .min, .average: return try aggregate(builtin, arg(0))
        case .count:
            guard let value = arg(0) else { return .number(0) }
            if case .array(let array) = value { return .number(Double(array.count)) }
            return .number(1)
        case .string:
            guard let value = arg(0) else { return nil }
            return .string(try Evaluator.string(value, pretty: Evaluator.boolean(arg(1)) == true))
        case .substring, .substringBefore, .substringAfter, .lowercase, .uppercase, .length, .trim, .pad, .join,
            .base64encode, .base64decode, .encodeUrlComponent, .encodeUrl, .decodeUrlComponent, .decodeUrl:
            return try stringFunction(builtin, args)
        case .match, .contains, .replace, .split:
            return try regexFunction(builtin, args)
        case .formatNumber: return try formatNumberFunction(args)
        case .formatBase: return try formatBaseFunction(args)
        case .formatInteger: return try formatIntegerFunction(args)
        case .parseInteger: return try parseIntegerFunction(args)
        case .number, .floor, .ceil, .round, .abs, .sqrt, .power, .random:
            return try numericFunction(builtin, args)
        case .boolean:
            return Evaluator.boolean(arg(0)).map { .bool($0) }
        case .not:
            return Evaluator.boolean(arg(0)).map { .bool(!$0) }
        case .exists:
            return .bool(arg(0) != nil)
        case .map, .zip, .filter, .single, .reduce, .sift, .each, .sort:
            return try higherOrderFunction(builtin, args)
        case .keys, .lookup, .append, .spread, .merge, .reverse, .error, .assert, .type, .shuffle, .distinct,
            .clone:
            return try collectionFunction(builtin, args)
        case .eval: return try evalFunction(args, input: input, env)
        case .toMillis, .fromMillis, .now, .millis: return try dateTimeFunction(builtin, args)
        }
    }
}
