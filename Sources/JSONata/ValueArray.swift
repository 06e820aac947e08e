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
