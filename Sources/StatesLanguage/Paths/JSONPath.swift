/// A compiled JSONPath expression, as Step Functions accepts it in `InputPath`,
/// `OutputPath`, `"key.$"` fields and intrinsic function arguments.
///
/// Step Functions evaluates paths with Jayway JsonPath semantics, and so does
/// this type: dot and bracket notation (`$.a.b`, `$['a b']`, `$["x"]`), array
/// indexes including negative ones (`$[0]`, `$[-1]`), wildcards (`$[*]`,
/// `$.*`), deep scan (`$..name`), slices (`$[1:3]`, `$[:2]`, `$[-2:]`), unions
/// (`$[0,2]`, `$['a','b']`) and filters (`$.books[?(@.price > 10 && @.isbn)]`).
/// A path starting with `$$` addresses the context object (`$$.Execution.Id`,
/// `$$.Map.Item.Value`).
///
/// The text is parsed once; ``value(in:)`` walks the compiled segments and
/// allocates nothing for a simple `$.a.b[0]` path beyond the result.
///
/// ```swift
/// let path = try JSONPath("$.order.items[0].sku")
/// try path.value(in: input)     // .string("A-1"), or nil when absent
/// try JSONPath("$.items[*].sku").value(in: input)  // ["A-1", "B-2"]
/// ```
///
/// See <https://docs.aws.amazon.com/step-functions/latest/dg/amazon-states-language-paths.html>.
public struct JSONPath: Sendable, Hashable, CustomStringConvertible {
    /// The path as written.
    public let text: String
    /// The compiled selectors after the leading `$` or `$$`.
    let segments: [Segment]
    /// Whether the path starts with `$$` and addresses the context object.
    public let isContextPath: Bool
    /// The workflow variable the path starts from (`$order.id` reads variable `order`), or `nil` for `$`/`$$`.
    public let variable: String?
    /// Whether the path selects at most one value.
    ///
    /// A path is definite when it uses only single keys and single indexes
    /// (`$.a['b'][0]`), or ends in a union of keys (`$.a['b','c']`), which
    /// Jayway merges into one object. Wildcards, deep scans, slices, index
    /// unions and filters make a path indefinite: it then yields an array of
    /// every match, possibly empty.
    public let isDefinite: Bool
    /// Whether every segment is a single key or index, so evaluation is a plain loop.
    let isSimple: Bool

    /// Parses a path.
    ///
    /// - Parameter text: the path, starting with `$` (or `$$` for the context object).
    /// - Throws: ``PathSyntaxError`` naming the offset of the first problem.
    public init(_ text: String) throws(PathSyntaxError) {
        var parser = JSONPathParser(text: text)
        let parsed = try parser.parsePath()
        self.init(text: text, segments: parsed.segments, isContextPath: parsed.isContextPath, variable: parsed.variable)
    }

    init(text: String, segments: [Segment], isContextPath: Bool, variable: String? = nil) {
        self.text = text
        self.segments = segments
        self.isContextPath = isContextPath
        self.variable = variable
        self.isSimple = segments.allSatisfy(\.isSingular)
        self.isDefinite = JSONPath.definiteness(of: segments)
    }

    /// The path as written.
    public var description: String { text }

    /// Two paths are equal when they are written the same way.
    public static func == (lhs: JSONPath, rhs: JSONPath) -> Bool { lhs.text == rhs.text }

    /// Hashes the path text.
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }

    /// Evaluates the path against `root`.
    ///
    /// For a context path (`$$…`) pass the context object as `root`; the
    /// segments after `$$` are applied to it.
    ///
    /// - Parameter root: the document the leading `$` (or `$$`) stands for.
    /// - Returns: for a definite path, the selected value, or `nil` when it does
    ///   not exist. For an indefinite path, an array of all matches, empty when
    ///   nothing matches, as on AWS (`$.missing[*]` on `{}` gives `[]`).
    /// - Throws: `States.Runtime` when the path's unions, deep scans and filters reach more than
    ///   ``maximumNodes`` nodes between them.
    public func value(in root: JSONValue) throws(StatesError) -> JSONValue? {
        try value(in: root, maximumNodes: JSONPath.maximumNodes)
    }

    /// ``value(in:)`` with another node limit (the fuzz target's is small, so that the inputs that
    /// reach it stay cheap).
    package func value(in root: JSONValue, maximumNodes: Int) throws(StatesError) -> JSONValue? {
        var budget = maximumNodes
        do {
            return try value(in: root, budget: &budget)
        } catch {
            throw .runtime(
                "The JSONPath '\(Diagnostic.shortened(text))' reaches more than \(maximumNodes) nodes: "
                    + "its unions, deep scans and filters multiply, and a path may reach at most that many")
        }
    }

    /// ``value(in:)`` spending a budget shared with the evaluation this path is part of (a filter
    /// operand spends its filter's budget).
    func value(in root: JSONValue, budget: inout Int) throws(NodeLimitReached) -> JSONValue? {
        if isSimple { return singularValue(in: root) }
        let matches = try JSONPath.evaluate(segments, root: root, budget: &budget)
        if isDefinite { return matches.first }
        return .array(matches)
    }

    /// The value a path made only of keys and indexes (``isSimple``) selects, or `nil`; such a
    /// path reaches at most one node per segment, so it needs no budget.
    func singularValue(in root: JSONValue) -> JSONValue? {
        var current = root
        for segment in segments {
            switch segment {
            case .name(let key):
                guard case .object(let object) = current, let next = object[key] else { return nil }
                current = next
            case .index(let index):
                guard case .array(let array) = current else { return nil }
                let position = index < 0 ? array.count + index : index
                guard array.indices.contains(position) else { return nil }
                current = array[position]
            default:
                return nil
            }
        }
        return current
    }

    /// Evaluates the path against the state input, the context object for a `$$` path, or a
    /// workflow variable for a `$name` path (`nil` when the variable is not set).
    package func value(in environment: PathEnvironment) throws(StatesError) -> JSONValue? {
        if let variable {
            guard let root = environment.variables[variable] else { return nil }
            return try value(in: root)
        }
        return try value(in: isContextPath ? environment.context : environment.input)
    }

    private static func definiteness(of segments: [Segment]) -> Bool {
        for (position, segment) in segments.enumerated() {
            switch segment {
            case .name, .index: continue
            case .names: if position == segments.count - 1 { continue } else { return false }
            default: return false
            }
        }
        return true
    }
}
