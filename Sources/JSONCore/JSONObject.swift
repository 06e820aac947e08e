/// A JSON object that keeps its keys in insertion order.
///
/// Output keeps the order in which keys were written (a workflow author reads
/// `{"InstanceId": …, "State": …}` back the way they wrote it), while equality
/// ignores order, as JSON object equality does.
///
/// Small objects, the common case in workflow payloads, are searched
/// linearly; larger ones keep a key index.
public struct JSONObject: Sendable {
    /// One key and its value.
    public typealias Element = (key: String, value: JSONValue)

    @usableFromInline var keyStorage: [String]
    @usableFromInline var valueStorage: [JSONValue]
    @usableFromInline var index: [String: Int]?

    @usableFromInline static let indexThreshold = 12

    /// Creates an empty object.
    @inlinable
    public init() {
        keyStorage = []
        valueStorage = []
        index = nil
    }

    /// Creates an object from key-value pairs; a later duplicate key replaces the earlier value.
    public init<S: Sequence>(_ pairs: S) where S.Element == (String, JSONValue) {
        self.init()
        for (key, value) in pairs { self[key] = value }
    }

    /// The number of keys.
    @inlinable public var count: Int { keyStorage.count }

    /// Whether the object has no keys.
    @inlinable public var isEmpty: Bool { keyStorage.isEmpty }

    /// The keys in insertion order.
    @inlinable public var keys: [String] { keyStorage }

    /// The values in key order.
    @inlinable public var values: [JSONValue] { valueStorage }

    /// The position of `key`, if present.
    @inlinable
    public func position(of key: String) -> Int? {
        if let index { return index[key] }
        for i in keyStorage.indices where keyStorage[i] == key { return i }
        return nil
    }

    /// Reads or writes the value for `key`; assigning `nil` removes the key.
    @inlinable
    public subscript(key: String) -> JSONValue? {
        get {
            guard let i = position(of: key) else { return nil }
            return valueStorage[i]
        }
        set {
            if let newValue {
                updateValue(newValue, forKey: key)
            } else {
                removeValue(forKey: key)
            }
        }
    }

    /// Sets `value` for `key`, keeping the key's position when it already exists.
    @inlinable
    public mutating func updateValue(_ value: JSONValue, forKey key: String) {
        if let i = position(of: key) {
            valueStorage[i] = value
        } else {
            appendUnchecked(value, forKey: key)
        }
    }

    /// Appends `value` for `key` without checking for an existing key.
    ///
    /// Only for callers that know `key` is new (the parser checks duplicates itself).
    @inlinable
    public mutating func appendUnchecked(_ value: JSONValue, forKey key: String) {
        keyStorage.append(key)
        valueStorage.append(value)
        if index != nil {
            index![key] = keyStorage.count - 1
        } else if keyStorage.count > JSONObject.indexThreshold {
            buildIndex()
        }
    }

    /// Removes `key` and returns its value, if it was present.
    @inlinable
    @discardableResult
    public mutating func removeValue(forKey key: String) -> JSONValue? {
        guard let i = position(of: key) else { return nil }
        keyStorage.remove(at: i)
        let old = valueStorage.remove(at: i)
        if index != nil { buildIndex() }
        return old
    }

    /// Mutates the value stored for `key` in place, if present, keeping storage unique.
    @inlinable
    public mutating func modifyValue<R>(forKey key: String, _ body: (inout JSONValue) throws -> R) rethrows -> R? {
        guard let i = position(of: key) else { return nil }
        return try body(&valueStorage[i])
    }

    @usableFromInline
    mutating func buildIndex() {
        var map = [String: Int](minimumCapacity: keyStorage.count)
        for (i, key) in keyStorage.enumerated() { map[key] = i }
        index = map
    }
}

extension JSONObject: Sequence {
    /// Iterates over key-value pairs in insertion order.
    public struct Iterator: IteratorProtocol {
        @usableFromInline let object: JSONObject
        @usableFromInline var position = 0
        @inlinable init(object: JSONObject) { self.object = object }
        @inlinable
        public mutating func next() -> Element? {
            guard position < object.keyStorage.count else { return nil }
            defer { position += 1 }
            return (object.keyStorage[position], object.valueStorage[position])
        }
    }

    @inlinable
    public func makeIterator() -> Iterator { Iterator(object: self) }

    @inlinable
    public var underestimatedCount: Int { keyStorage.count }
}

extension JSONObject: Equatable, Hashable {
    /// Objects are equal when they hold the same keys with equal values, in any order.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.count == rhs.count else { return false }
        if lhs.keyStorage == rhs.keyStorage { return lhs.valueStorage == rhs.valueStorage }
        for (key, value) in lhs {
            guard let other = rhs[key], other == value else { return false }
        }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        // Order-independent: combine per-entry hashes commutatively.
        var combined = 0
        for (key, value) in self {
            var entry = Hasher()
            entry.combine(key)
            entry.combine(value)
            combined ^= entry.finalize()
        }
        hasher.combine(count)
        hasher.combine(combined)
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements)
    }
}
