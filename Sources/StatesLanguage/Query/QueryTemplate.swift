import Foundation
import JSONata

/// A JSONata state's field value, compiled: JSON whose strings wholly wrapped in `{% … %}`
/// are JSONata expressions, at any depth (`Arguments`, `Output`, `Assign`, `Items`,
/// `ItemSelector`, `TimeoutSeconds`, …).
///
/// ```swift
/// let output = try QueryTemplate(["id": "{% $states.input.order.id %}", "fixed": 1], field: "Output")
/// ```
///
/// Everything that is not an expression is copied as it is; subtrees without expressions are
/// stored once and never walked at run time.
public struct QueryTemplate: Sendable, Hashable {
    /// The value as written in the definition.
    public let template: JSONValue
    let root: Node

    /// Two templates are equal when they are written the same way.
    public static func == (lhs: QueryTemplate, rhs: QueryTemplate) -> Bool { lhs.template == rhs.template }

    /// Hashes the template.
    public func hash(into hasher: inout Hasher) { hasher.combine(template) }

    indirect enum Node: Sendable {
        case literal(JSONValue)
        case expression(QueryExpression)
        case array([Node])
        case object([(key: String, node: Node)])

        var isLiteral: Bool {
            if case .literal = self { return true }
            return false
        }
    }

    /// A `{% %}` string that does not parse, or that Step Functions refuses.
    public struct Problem: Error, Sendable, Hashable {
        /// The JSON Pointer of the string inside the field (`""` for the field itself).
        public var pointer: String
        /// The parser's message, or why Step Functions refuses the expression.
        public var message: String
        /// `INVALID_JSONATA_EXPRESSION` for text that does not parse, `UNSUPPORTED_JSONATA_EXPRESSION`
        /// for an expression Step Functions refuses.
        public var code: Diagnostic.Code
    }

    /// Compiles a field value.
    ///
    /// - Parameters:
    ///   - template: the value from the definition.
    ///   - field: the field's name (`Output`, `Choices[1]/Output`), used in run-time errors.
    /// - Throws: every expression that does not parse.
    public init(_ template: JSONValue, field: String) throws(QueryTemplate.Problems) {
        var problems: [Problem] = []
        root = QueryTemplate.compile(template, field: field, pointer: "", problems: &problems)
        guard problems.isEmpty else { throw Problems(problems: problems) }
        self.template = template
    }

    /// Every problem found in one field.
    public struct Problems: Error, Sendable, Hashable {
        /// The problems, in definition order.
        public var problems: [Problem]
    }

    /// The expression when the whole field is one `{% %}` string.
    var wholeExpression: QueryExpression? {
        if case .expression(let expression) = root { return expression }
        return nil
    }

    /// Every expression in the template, for definition-time checks.
    var expressions: [QueryExpression] {
        var found: [QueryExpression] = []
        func walk(_ node: Node) {
            switch node {
            case .literal: break
            case .expression(let e): found.append(e)
            case .array(let nodes): nodes.forEach(walk)
            case .object(let fields): fields.forEach { walk($0.node) }
            }
        }
        walk(root)
        return found
    }

    /// Builds the value.
    ///
    /// - Throws: ``QueryFailure`` naming the first expression that fails or returns nothing.
    func evaluate(_ data: QueryData) throws(QueryFailure) -> JSONValue {
        try QueryTemplate.evaluate(root, data)
    }

    private static func evaluate(_ node: Node, _ data: QueryData) throws(QueryFailure) -> JSONValue {
        switch node {
        case .literal(let value): return value
        case .expression(let expression): return try expression.evaluate(data)
        case .array(let nodes):
            var elements: [JSONValue] = []
            elements.reserveCapacity(nodes.count)
            for node in nodes { elements.append(try evaluate(node, data)) }
            return .array(elements)
        case .object(let fields):
            var object = JSONObject()
            for field in fields { object.appendUnchecked(try evaluate(field.node, data), forKey: field.key) }
            return .object(object)
        }
    }

    private static func compile(_ value: JSONValue, field: String, pointer: String, problems: inout [Problem]) -> Node {
        switch value {
        case .string(let text) where QueryExpression.isExpression(text):
            let expression: QueryExpression
            do {
                expression = try QueryExpression(text, field: field)
            } catch {
                problems.append(
                    Problem(
                        pointer: pointer, message: "invalid JSONata expression: \(error.description)",
                        code: .invalidJSONataExpression))
                return .literal(value)
            }
            let refusals = expression.unsupportedUses
            guard refusals.isEmpty else {
                for message in refusals {
                    problems.append(Problem(pointer: pointer, message: message, code: .unsupportedJSONataExpression))
                }
                return .literal(value)
            }
            return .expression(expression)
        case .string(let text):
            if let problem = QueryExpression.delimiterProblem(text) {
                problems.append(Problem(pointer: pointer, message: problem, code: .invalidJSONataExpression))
            }
            return .literal(value)
        case .array(let elements):
            let nodes = elements.enumerated().map { index, element in
                compile(element, field: "\(field)[\(index)]", pointer: "\(pointer)/\(index)", problems: &problems)
            }
            if nodes.allSatisfy(\.isLiteral) { return .literal(value) }
            return .array(nodes)
        case .object(let object):
            var fields: [(key: String, node: Node)] = []
            for (key, member) in object {
                let escaped = key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
                fields.append((key, compile(member, field: "\(field)/\(key)", pointer: "\(pointer)/\(escaped)", problems: &problems)))
            }
            if fields.allSatisfy(\.node.isLiteral) { return .literal(value) }
            return .object(fields)
        default:
            return .literal(value)
        }
    }
}
