/// One match of a regular expression, with UTF-16 offsets as JavaScript reports them.
struct RegexMatch {
    var match: String
    var start: Int
    var end: Int
    var groups: [String]

    /// What ``value(matcher:)`` builds, in items of the evaluator's budget: an object of five members
    /// and the groups.
    var items: Int { Evaluator.objectItems + 5 * Evaluator.memberItems + groups.count }

    /// The match as the object a matcher function returns: `match`, `start`, `end`,
    /// `groups` and, when `matcher` is given, a `next()` function for the following match.
    func value(matcher: RegexMatcher?) -> JSONataValue {
        let object = ValueObject()
        object["match"] = .string(match)
        object["start"] = .number(Double(start))
        object["end"] = .number(Double(end))
        object["groups"] = .array(ValueArray(groups.map { .string($0) }))
        if let matcher {
            let end = self.end
            object["next"] = .function(FunctionValue(.closure(arity: 0) { evaluator, _ throws(JSONataError) -> JSONataValue? in
                guard end < matcher.length, let next = try matcher.match(from: end) else { return nil }
                if next.match.isEmpty { throw JSONataError("D1004", value: .string(matcher.regex.source)) }
                try evaluator.allocate(next.items)
                return next.value(matcher: matcher)
            }))
        }
        return .object(object)
    }
}
