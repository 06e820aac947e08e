/// Values concatenated as `$append` concatenates them, gathered one at a time without copying
/// what was gathered before (grouping collects a key's values so, and a tuple stream's bindings).
///
/// One value stays as it is; from the second on, the values are flattened one level into a plain
/// array.
struct GatheredValues {
    private var first: JSONataValue?
    private var items: [JSONataValue] = []
    private var isArray = false

    init(_ first: JSONataValue? = nil) {
        self.first = first
    }

    /// Adds `value` (nothing when it is undefined) and returns how many items it placed in the
    /// gathered array, for the evaluator's item budget.
    mutating func add(_ value: JSONataValue?) -> Int {
        guard let value else { return 0 }
        guard isArray else {
            guard let held = first else {
                first = value
                return 0
            }
            first = nil
            isArray = true
            return GatheredValues.flatten(held, into: &items) + GatheredValues.flatten(value, into: &items)
        }
        return GatheredValues.flatten(value, into: &items)
    }

    /// The value gathered so far: the single value, a plain array, or undefined.
    var value: JSONataValue? {
        isArray ? .array(ValueArray(items)) : first
    }

    private static func flatten(_ value: JSONataValue, into items: inout [JSONataValue]) -> Int {
        if case .array(let array) = value {
            items.append(contentsOf: array.items)
            return array.items.count
        }
        items.append(value)
        return 1
    }
}
