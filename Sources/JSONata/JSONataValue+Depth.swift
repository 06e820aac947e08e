import JSONCore

extension JSONataValue {
    /// How many levels of arrays and objects the value nests: 0 for a scalar, 1 for `[1]` or
    /// `{"a": 1}`, 2 for `[[1]]`. Counting stops at `cap`, so the walk never goes deeper than that.
    func nestingDepth(cappedAt cap: Int) -> Int {
        guard cap > 0 else { return 0 }
        switch self {
        case .array(let array):
            var deepest = 0
            for item in array.items {
                switch item {
                case .array, .object:
                    deepest = Swift.max(deepest, item.nestingDepth(cappedAt: cap - 1))
                    if deepest >= cap - 1 { return cap }
                default:
                    continue
                }
            }
            return deepest + 1
        case .object(let object):
            return object.nestingDepth(cappedAt: cap)
        default:
            return 0
        }
    }

    /// The value as JSON, or `nil` (no JSON form) for a function; raises `U1002` when it nests deeper
    /// than `maximumDepth`, so the conversion never recurses without bound.
    func json(maximumDepth: Int) throws(JSONataError) -> JSONValue? {
        if nestingDepth(cappedAt: maximumDepth + 1) > maximumDepth {
            throw JSONataError("U1002", message: "The result nests deeper than \(maximumDepth) levels, the limit for one value")
        }
        return jsonValue
    }
}

extension JSONValue {
    /// ``JSONataValue/nestingDepth(cappedAt:)`` for a JSON document.
    func nestingDepth(cappedAt cap: Int) -> Int {
        guard cap > 0 else { return 0 }
        var deepest = 0
        switch self {
        case .array(let items):
            for item in items {
                switch item {
                case .array, .object:
                    deepest = Swift.max(deepest, item.nestingDepth(cappedAt: cap - 1))
                    if deepest >= cap - 1 { return cap }
                default:
                    continue
                }
            }
        case .object(let object):
            for (_, item) in object {
                switch item {
                case .array, .object:
                    deepest = Swift.max(deepest, item.nestingDepth(cappedAt: cap - 1))
                    if deepest >= cap - 1 { return cap }
                default:
                    continue
                }
            }
        default:
            return 0
        }
        return deepest + 1
    }
}
