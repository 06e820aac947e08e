import Foundation
import JSONCore

/// A value during JSONata evaluation.
///
/// JSONata works on more than JSON: functions and regular expressions are
/// values, and arrays carry flags that say whether they are sequences built by
/// path navigation (which collapse to their single item) or arrays the
/// expression constructed. "No result" (JavaScript's `undefined`) is `nil` in
/// an `Optional<JSONataValue>`.
enum JSONataValue {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array(ValueArray)
    case object(ValueObject)
    case function(FunctionValue)

    var isArray: Bool { if case .array = self { return true } else { return false } }
    var arrayValue: ValueArray? { if case .array(let a) = self { return a } else { return nil } }
    var objectValue: ValueObject? { if case .object(let o) = self { return o } else { return nil } }
    var stringValue: String? { if case .string(let s) = self { return s } else { return nil } }
    var numberValue: Double? { if case .number(let n) = self { return n } else { return nil } }
    var functionValue: FunctionValue? { if case .function(let f) = self { return f } else { return nil } }
    var isFunction: Bool { if case .function = self { return true } else { return false } }
    var isSequence: Bool { if case .array(let a) = self { return a.isSequence } else { return false } }
    var isTupleStream: Bool { if case .array(let a) = self { return a.isTupleStream } else { return false } }

    /// The one-letter type symbol used by function signatures.
    var signatureSymbol: Character {
        switch self {
        case .null: return "l"
        case .bool: return "b"
        case .number: return "n"
        case .string: return "s"
        case .array: return "a"
        case .object: return "o"
        case .function: return "f"
        }
    }
}

extension Optional where Wrapped == JSONataValue {
    var isArray: Bool { if case .array? = self { return true } else { return false } }
}

/// An array value with the flags JSONata's flattening rules need.
struct ValueArray {
    var items: [JSONataValue]
    /// Built by path navigation: a singleton collapses to its item.
    var isSequence = false
    /// A sequence that must stay an array even with one item (`[]` in a path).
    var keepSingleton = false
    /// The input document was an array and was wrapped to be treated as one item.
    var outerWrapper = false
    /// Built by an array constructor that must not be flattened into a path result.
    var isCons = false
    /// Holds tuples (objects with `@` and variable bindings) rather than values.
    var isTupleStream = false

    init(_ items: [JSONataValue] = []) { self.items = items }

    static func sequence(_ items: [JSONataValue] = []) -> ValueArray {
        var result = ValueArray(items)
        result.isSequence = true
        return result
    }

    static func sequence(of item: JSONataValue?) -> ValueArray {
        var result = ValueArray.sequence()
        if let item { result.items.append(item) }
        return result
    }

    var count: Int { items.count }
    var isEmpty: Bool { items.isEmpty }
    mutating func append(_ value: JSONataValue) { items.append(value) }
}

/// An object value with insertion-ordered keys.
///
/// A reference type, as in the reference implementation: the transform
/// operator updates the objects a pattern selects, and `in` compares objects
/// by identity. Objects that come from the input document wrap its
/// `JSONObject` and convert member values only when they are read, so an
/// expression that touches two fields of a large document converts two values.
final class ValueObject {
    private(set) var keys: [String]
    private var storage: [String: JSONataValue]
    /// The unconverted input object, while this object is unmodified.
    private(set) var source: JSONObject?

    init() {
        keys = []
        storage = [:]
        source = nil
    }

    init(keys: [String], storage: [String: JSONataValue]) {
        self.keys = keys
        self.storage = storage
        self.source = nil
    }

    init(wrapping object: JSONObject) {
        keys = object.keys
        storage = [:]
        source = object
    }

    var count: Int { keys.count }
    var isEmpty: Bool { keys.isEmpty }

    subscript(key: String) -> JSONataValue? {
        get {
            if let value = storage[key] { return value }
            guard let source, let json = source[key] else { return nil }
            let value = JSONataValue(json)
            // containers are cached so that repeated reads yield the same object (identity matters
            // to `in` and to transforms); scalars are cheap to convert again
            switch json {
            case .array, .object: storage[key] = value
            default: break
            }
            return value
        }
        set {
            materialize()
            if let newValue {
                if storage.updateValue(newValue, forKey: key) == nil { keys.append(key) }
            } else if storage.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
            }
        }
    }

    /// Converts every remaining input value, before the object diverges from its source.
    private func materialize() {
        guard let source else { return }
        for (key, json) in source where storage[key] == nil { storage[key] = JSONataValue(json) }
        self.source = nil
    }

    var entries: [(key: String, value: JSONataValue)] { keys.map { ($0, self[$0]!) } }

    func copy() -> ValueObject {
        let result = ValueObject(keys: keys, storage: storage)
        result.source = source
        return result
    }
}
