/// The standard library functions.
enum Builtin: String, CaseIterable {
    case sum, count, max, min, average
    case string, substring, substringBefore, substringAfter, lowercase, uppercase, length, trim, pad
    case match, contains, replace, split, join
    case formatNumber, formatBase, formatInteger, parseInteger
    case number, floor, ceil, round, abs, sqrt, power, random
    case boolean, not, exists
    case map, zip, filter, single, reduce, sift
    case keys, lookup, append, spread, merge, reverse, each, error, assert, type, sort, shuffle, distinct
    case base64encode, base64decode, encodeUrlComponent, encodeUrl, decodeUrlComponent, decodeUrl
    case eval, toMillis, fromMillis, clone, now, millis

    var signatureText: String {
        switch self {
        case .sum, .max, .min, .average: return "<a<n>:n>"
        case .count: return "<a:n>"
        case .string: return "<x-b?:s>"
        case .substring: return "<s-nn?:s>"
        case .substringBefore, .substringAfter: return "<s-s:s>"
        case .lowercase, .uppercase, .trim: return "<s-:s>"
        case .length: return "<s-:n>"
        case .pad: return "<s-ns?:s>"
        case .match: return "<s-f<s:o>n?:a<o>>"
        case .contains: return "<s-(sf):b>"
        case .replace: return "<s-(sf)(sf)n?:s>"
        case .split: return "<s-(sf)n?:a<s>>"
        case .join: return "<a<s>s?:s>"
        case .formatNumber: return "<n-so?:s>"
        case .formatBase: return "<n-n?:s>"
        case .formatInteger: return "<n-s:s>"
        case .parseInteger: return "<s-s:n>"
        case .number: return "<(nsb)-:n>"
        case .floor, .ceil, .abs, .sqrt: return "<n-:n>"
        case .round: return "<n-n?:n>"
        case .power: return "<n-n:n>"
        case .random, .millis: return "<:n>"
        case .boolean, .not: return "<x-:b>"
        case .exists: return "<x:b>"
        case .map, .filter: return "<af>"
        case .zip: return "<a+>"
        case .single: return "<af?>"
        case .reduce: return "<afj?:j>"
        case .sift: return "<o-f?:o>"
        case .keys: return "<x-:a<s>>"
        case .lookup: return "<x-s:x>"
        case .append: return "<xx:a>"
        case .spread: return "<x-:a<o>>"
        case .merge: return "<a<o>:o>"
        case .reverse, .shuffle: return "<a:a>"
        case .each: return "<o-f:a>"
        case .error: return "<s?:x>"
        case .assert: return "<bs?:x>"
        case .type: return "<x:s>"
        case .sort: return "<af?:a>"
        case .distinct: return "<x:x>"
        case .base64encode, .base64decode, .encodeUrlComponent, .encodeUrl, .decodeUrlComponent, .decodeUrl:
            return "<s-:s>"
        case .eval: return "<sx?:x>"
        case .toMillis: return "<s-s?:n>"
        case .fromMillis: return "<n-s?s?:s>"
        case .clone: return "<(oa)-:o>"
        case .now: return "<s?s?:s>"
        }
    }

    /// The parameter count of the reference implementation's function, which
    /// decides how many arguments higher-order functions pass to it.
    var arity: Int {
        switch self {
        case .random, .millis, .zip: return 0
        case .string, .sum, .count, .max, .min, .average, .lowercase, .uppercase, .length, .trim, .number, .floor, .ceil,
            .abs, .sqrt, .boolean, .not, .keys, .exists, .spread, .merge, .reverse, .error, .type, .shuffle,
            .distinct, .base64encode, .base64decode, .encodeUrlComponent, .encodeUrl, .decodeUrlComponent,
            .decodeUrl, .clone:
            return 1
        case .substring, .pad, .match, .split, .formatNumber, .reduce, .fromMillis: return 3
        case .replace: return 4
        default: return 2
        }
    }

    private static let signatures: [Builtin: Signature] = {
        var table: [Builtin: Signature] = [:]
        for builtin in Builtin.allCases {
            // the table is fixed and known to parse
            table[builtin] = try? Signature(builtin.signatureText)
        }
        return table
    }()

    var signature: Signature? { Builtin.signatures[self] }

    nonisolated(unsafe) static let named: [String: FunctionValue] = {
        var table: [String: FunctionValue] = [:]
        for builtin in Builtin.allCases { table[builtin.rawValue] = FunctionValue(.builtin(builtin)) }
        return table
    }()

    static let transformSignature: Signature? = try? Signature("<(oa):o>")
}

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
