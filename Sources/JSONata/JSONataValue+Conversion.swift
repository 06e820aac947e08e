import JSONCore

extension JSONataValue {
    /// Converts a JSON document into an evaluation value.
    init(_ json: JSONValue) {
        switch json {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .number(let n): self = .number(n.doubleValue)
        case .string(let s): self = .string(s)
        case .array(let items):
            var values: [JSONataValue] = []
            values.reserveCapacity(items.count)
            for item in items { values.append(JSONataValue(item)) }
            self = .array(ValueArray(values))
        case .object(let object):
            self = .object(ValueObject(wrapping: object))
        }
    }

    /// The value as JSON; functions have no JSON form and become `nil`.
    var jsonValue: JSONValue? {
        switch self {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .number(let n): return n.isFinite ? .number(JSONNumber(normalizing: n)) : .null
        case .string(let s): return .string(s)
        case .array(let array):
            var items: [JSONValue] = []
            items.reserveCapacity(array.count)
            for item in array.items {
                if let json = item.jsonValue { items.append(json) }
            }
            return .array(items)
        case .object(let object):
            if let source = object.source { return .object(source) }
            var result = JSONObject()
            for (key, value) in object.entries {
                if let json = value.jsonValue { result.appendUnchecked(json, forKey: key) }
            }
            return .object(result)
        case .function: return nil
        }
    }
}
