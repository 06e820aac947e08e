import JSONCore

/// An object value with insertion-ordered keys.
///
/// A reference type, as in the reference implementation: the transform
/// operator updates the objects a pattern selects, and `in` compares objects
/// by identity. Objects that come from the input document wrap its
/// `JSONObject` and convert member values only when they are read, so an
/// expression that touches two fields of a large document converts two values.
final class ValueObject {
    // @exclusivity(unchecked): objects belong to a single evaluation on one thread and no
    // access overlaps another, so the run-time exclusivity checks only cost time.
    @exclusivity(unchecked) private(set) var keys: [String]
    @exclusivity(unchecked) private var storage: [String: JSONataValue]
    /// The unconverted input object, while this object is unmodified.
    @exclusivity(unchecked) private(set) var source: JSONObject?
    /// The nesting depth once measured (exact, below the cap it was measured with); any change clears it.
    @exclusivity(unchecked) private var measuredDepth: Int?

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
            measuredDepth = nil
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

    /// ``JSONataValue/nestingDepth(cappedAt:)`` for this object, remembered between calls.
    func nestingDepth(cappedAt cap: Int) -> Int {
        if let measuredDepth { return Swift.min(measuredDepth, cap) }
        guard cap > 0 else { return 0 }
        var deepest = 0
        for key in keys {
            let depth: Int
            if let value = storage[key] {
                depth = value.nestingDepth(cappedAt: cap - 1)
            } else if let json = source?[key] {
                depth = json.nestingDepth(cappedAt: cap - 1)
            } else {
                continue
            }
            deepest = Swift.max(deepest, depth)
            if deepest >= cap - 1 { return cap }
        }
        measuredDepth = deepest + 1
        return deepest + 1
    }

    var entries: [(key: String, value: JSONataValue)] { keys.map { ($0, self[$0]!) } }

    func copy() -> ValueObject {
        let result = ValueObject(keys: keys, storage: storage)
        result.source = source
        return result
    }
}
