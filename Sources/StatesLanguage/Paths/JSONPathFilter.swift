/// A compiled filter expression, the `…` in `[?(…)]`.
///
/// Operands are relative paths (`@.price`, `@['a b']`, `@`), absolute paths
/// (`$.limit`) and literals (`'text'`, `"text"`, `10`, `-2.5`, `true`,
/// `false`, `null`). Comparisons are `==`, `!=`, `<`, `<=`, `>`, `>=`; an
/// operand alone tests that the path exists (`[?(@.isbn)]`); `!`, `&&`, `||`
/// and parentheses combine tests, `&&` binding tighter than `||`.
///
/// Comparison follows Jayway: numbers compare numerically, strings
/// lexicographically, and ordering between other types is false. `==` also
/// equates a string with a number whose text is the same; a missing operand
/// equals nothing, so `!=` holds for it.
indirect enum JSONPathFilter: Sendable, Hashable {
    case or(JSONPathFilter, JSONPathFilter)
    case and(JSONPathFilter, JSONPathFilter)
    case not(JSONPathFilter)
    case exists(Operand)
    case compare(Operand, Comparison, Operand)

    /// One side of a comparison.
    enum Operand: Sendable, Hashable {
        /// `@…`: a path relative to the element under test.
        case current(JSONPath)
        /// `$…`: a path from the document root.
        case root(JSONPath)
        case literal(JSONValue)
    }

    /// A comparison operator.
    enum Comparison: String, Sendable, Hashable {
        case equal = "=="
        case notEqual = "!="
        case less = "<"
        case lessOrEqual = "<="
        case greater = ">"
        case greaterOrEqual = ">="
    }

    /// Whether `element` passes the filter; `root` is the document `$` refers to.
    ///
    /// Each test spends one unit of `budget`, and the paths it evaluates spend theirs, so filters
    /// nested in filters cannot multiply without bound (see ``JSONPath/maximumNodes``).
    func matches(_ element: JSONValue, root: JSONValue, budget: inout Int) throws(JSONPath.NodeLimitReached)
        -> Bool
    {
        budget -= 1
        guard budget >= 0 else { throw JSONPath.NodeLimitReached() }
        switch self {
        case .or(let lhs, let rhs):
            if try lhs.matches(element, root: root, budget: &budget) { return true }
            return try rhs.matches(element, root: root, budget: &budget)
        case .and(let lhs, let rhs):
            guard try lhs.matches(element, root: root, budget: &budget) else { return false }
            return try rhs.matches(element, root: root, budget: &budget)
        case .not(let inner): return !(try inner.matches(element, root: root, budget: &budget))
        case .exists(let operand): return try operand.resolve(element, root: root, budget: &budget) != nil
        case .compare(let lhs, let comparison, let rhs):
            let left = try lhs.resolve(element, root: root, budget: &budget)
            let right = try rhs.resolve(element, root: root, budget: &budget)
            return comparison.holds(left, right)
        }
    }
}

extension JSONPathFilter.Operand {
    /// The operand's value, or `nil` when its path selects nothing; its path spends `budget`.
    func resolve(_ element: JSONValue, root: JSONValue, budget: inout Int) throws(JSONPath.NodeLimitReached)
        -> JSONValue?
    {
        switch self {
        case .current(let path): return try path.value(in: element, budget: &budget)
        case .root(let path): return try path.value(in: root, budget: &budget)
        case .literal(let value): return value
        }
    }
}

extension JSONPathFilter.Comparison {
    func holds(_ left: JSONValue?, _ right: JSONValue?) -> Bool {
        switch self {
        case .equal: return Self.equal(left, right)
        case .notEqual: return !Self.equal(left, right)
        case .less: return Self.order(left, right).map { $0 < 0 } ?? false
        case .lessOrEqual: return Self.order(left, right).map { $0 <= 0 } ?? false
        case .greater: return Self.order(left, right).map { $0 > 0 } ?? false
        case .greaterOrEqual: return Self.order(left, right).map { $0 >= 0 } ?? false
        }
    }

    private static func equal(_ left: JSONValue?, _ right: JSONValue?) -> Bool {
        guard let left, let right else { return false }
        switch (left, right) {
        case (.string(let text), .number(let number)), (.number(let number), .string(let text)):
            return text == number.description
        default:
            return left == right
        }
    }

    /// -1, 0 or 1 for two numbers or two strings; `nil` for anything else.
    private static func order(_ left: JSONValue?, _ right: JSONValue?) -> Int? {
        switch (left, right) {
        case (.number(let a)?, .number(let b)?):
            return a < b ? -1 : (a == b ? 0 : 1)
        case (.string(let a)?, .string(let b)?):
            // Java compares strings by UTF-16 code units.
            let lhs = Array(a.utf16), rhs = Array(b.utf16)
            return lhs.lexicographicallyPrecedes(rhs) ? -1 : (lhs == rhs ? 0 : 1)
        default:
            return nil
        }
    }
}
