import Foundation

/// Array and object functions.
extension Evaluator {
    func collectionFunction(_ builtin: Builtin, _ args: [JSONataValue?]) throws(JSONataError) -> JSONataValue? {
        func arg(_ i: Int) -> JSONataValue? { i < args.count ? args[i] : nil }
        switch builtin {
        case .keys:
            let keys = Evaluator.keys(arg(0))
            try allocate(keys.count)
            return .array(ValueArray.sequence(keys.map { .string($0) }))
        case .lookup:
            return try lookup(arg(0), arg(1)?.stringValue ?? "")
        case .append:
            return try append(arg(0), arg(1))
        case .spread:
            return try spread(arg(0))
        case .merge:
            guard case .array(let array)? = arg(0) else { return nil }
            try allocate(objects: 1, members: 0)
            let result = ValueObject()
            for case .object(let object) in array.items {
                try allocate(members: object.count)
                for (key, value) in object.entries { result[key] = value }
            }
            return .object(result)
        case .reverse:
            guard case .array(var array)? = arg(0) else { return nil }
            if array.count <= 1 { return .array(array) }
            try allocate(array.count)
            array.items.reverse()
            return .array(ValueArray(array.items))
        case .error:
            let message = arg(0)?.stringValue ?? "$error() function evaluated"
            throw JSONataError("D3137", message: message)
        case .assert:
            if Evaluator.boolean(arg(0)) != true {
                throw JSONataError("D3141", message: arg(1)?.stringValue ?? "$assert() statement failed")
            }
            return nil
        case .type:
            guard let value = arg(0) else { return nil }
            switch value {
            case .null: return .string("null")
            case .number: return .string("number")
            case .string: return .string("string")
            case .bool: return .string("boolean")
            case .array: return .string("array")
            case .object: return .string("object")
            case .function: return .string("function")
            }
        case .shuffle:
            guard case .array(var array)? = arg(0) else { return nil }
            if array.count <= 1 { return .array(array) }
            try allocate(array.count)
            array.items.shuffle(using: &random)
            return .array(ValueArray(array.items))
        case .distinct:
            guard let value = arg(0) else { return nil }
            guard case .array(let array) = value, array.count > 1 else { return value }
            var result = array.isSequence ? ValueArray.sequence() : ValueArray()
            // Scalars are found in a set; only arrays and objects are compared one by one (with the
            // deadline checked, as that is quadratic).
            var seen: Set<ScalarKey> = []
            var containers: [JSONataValue] = []
            for item in array.items {
                if let key = ScalarKey(item) {
                    if seen.insert(key).inserted { result.append(item) }
                    continue
                }
                var found = false
                for other in containers {
                    try tick()
                    if Evaluator.deepEqual(other, item) {
                        found = true
                        break
                    }
                }
                if !found {
                    containers.append(item)
                    result.append(item)
                }
            }
            try allocate(result.count)
            return .array(result)
        case .clone:
            return try arg(0).map { value throws(JSONataError) in try copy(value) }
        default:
            return nil
        }
    }

    static func keys(_ value: JSONataValue?) -> [String] {
        switch value {
        case .array(let array)?:
            var seen = Set<String>()
            var result: [String] = []
            for item in array.items {
                for key in keys(item) where seen.insert(key).inserted { result.append(key) }
            }
            return result
        case .object(let object)?: return object.keys
        default: return []
        }
    }

    /// `$spread`: each member of an object as an object of its own; arrays are spread item by item
    /// into one plain array.
    func spread(_ value: JSONataValue?) throws(JSONataError) -> JSONataValue? {
        switch value {
        case .array(let array)?:
            var result = GatheredValues(.array(ValueArray.sequence()))
            for item in array.items { try allocate(result.add(try spread(item))) }
            return result.value
        case .object(let object)?:
            var result = ValueArray.sequence()
            try allocate(object.count)
            try allocate(objects: object.count, members: object.count)
            for (key, v) in object.entries {
                let single = ValueObject()
                single[key] = v
                result.append(.object(single))
            }
            return .array(result)
        default:
            return value
        }
    }

    /// A deep copy in which every object is a new instance, charged to the item budget as it is
    /// made (functions are dropped, as a JSON round trip would).
    func copy(_ value: JSONataValue) throws(JSONataError) -> JSONataValue {
        switch value {
        case .array(var array):
            try allocate(array.count)
            var items: [JSONataValue] = []
            items.reserveCapacity(array.count)
            for item in array.items where !item.isFunction { items.append(try copy(item)) }
            array.items = items
            return .array(array)
        case .object(let object):
            try allocate(objects: 1, members: object.count)
            let result = ValueObject()
            for (key, item) in object.entries where !item.isFunction { result[key] = try copy(item) }
            return .object(result)
        default:
            return value
        }
    }
}

/// A scalar value as a set element, for `$distinct`: equal keys are exactly the values `deepEqual` finds equal.
private enum ScalarKey: Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)

    init?(_ value: JSONataValue) {
        switch value {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        // -0 and 0 are equal, as they are to deepEqual; NaN never occurs in JSONata values
        case .number(let n): self = .number(n == 0 ? 0 : n)
        case .string(let s): self = .string(s)
        case .array, .object, .function: return nil
        }
    }
}
