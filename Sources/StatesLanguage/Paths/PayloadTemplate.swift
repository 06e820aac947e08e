/// A compiled payload template: the value of `Parameters`, `ResultSelector`,
/// `ItemSelector` (or a Map's older `Parameters`) in JSONPath mode.
///
/// The template is copied as it is, except that a key ending in `.$` takes its
/// value from a path (`"id.$": "$.order.id"`), the context object
/// (`"item.$": "$$.Map.Item.Value"`) or an intrinsic function
/// (`"greeting.$": "States.Format('Hello, {}', $.name)"`); the output key drops
/// the `.$`. Objects and arrays are processed at any depth. Subtrees without
/// `.$` keys are stored once as literals and copied without being walked.
///
/// ```swift
/// let template = try PayloadTemplate(["FunctionName": "f", "Payload.$": "$"], field: "Parameters")
/// let parameters = try template.evaluate(in: PathEnvironment(input: input, context: context))
/// ```
///
/// See <https://docs.aws.amazon.com/step-functions/latest/dg/input-output-inputpath-params.html>.
public struct PayloadTemplate: Sendable, Hashable {
    /// The template as written in the definition.
    public let template: JSONValue
    let root: Node

    /// A compiled part of a template.
    enum Node: Sendable, Hashable {
        /// A subtree without `.$` keys.
        case literal(JSONValue)
        case array([Node])
        case object([Field])
        /// `"key.$": "$…"`; the field name (with `.$`) is kept for error messages.
        case path(JSONPath, field: String)
        /// `"key.$": "States.…(…)"`.
        case intrinsic(IntrinsicCall, field: String)
    }

    /// One output key of an object node.
    struct Field: Sendable, Hashable {
        var key: String
        var node: Node
    }

    /// Compiles a template.
    ///
    /// - Parameters:
    ///   - template: the template from the definition.
    ///   - field: the definition field holding it (`"Parameters"`), used in error reports.
    /// - Throws: ``TemplateError`` listing every `.$` value that is not a string,
    ///   not a valid path or intrinsic call, and every key that appears both with
    ///   and without `.$`.
    public init(_ template: JSONValue, field: String) throws(TemplateError) {
        var problems: [TemplateError.Problem] = []
        let root = PayloadTemplate.compile(template, pointer: "", problems: &problems)
        guard problems.isEmpty else { throw TemplateError(field: field, problems: problems) }
        self.template = template
        self.root = root
    }

    /// Two templates are equal when they are written the same way.
    public static func == (lhs: PayloadTemplate, rhs: PayloadTemplate) -> Bool { lhs.template == rhs.template }

    /// Hashes the template.
    public func hash(into hasher: inout Hasher) { hasher.combine(template) }

    /// Builds the payload.
    ///
    /// - Parameter environment: the input (`$`) and context object (`$$`).
    /// - Returns: the template with every `.$` field resolved.
    /// - Throws: `States.Runtime` when a path selects nothing, with Step
    ///   Functions' cause (`The JSONPath '$.x' specified for the field 'x.$'
    ///   could not be found in the input '{"a":1}'`), or when an intrinsic
    ///   function fails. The executor prefixes the state name, as AWS does.
    package func evaluate(in environment: PathEnvironment) throws(StatesError) -> JSONValue {
        try PayloadTemplate.evaluate(root, in: environment)
    }

    private static func evaluate(_ node: Node, in environment: PathEnvironment) throws(StatesError) -> JSONValue {
        switch node {
        case .literal(let value):
            return value
        case .array(let nodes):
            var elements: [JSONValue] = []
            elements.reserveCapacity(nodes.count)
            for node in nodes { elements.append(try evaluate(node, in: environment)) }
            return .array(elements)
        case .object(let fields):
            var object = JSONObject()
            // Compilation rejects a key given both with and without `.$`, so keys are unique.
            for field in fields { object.appendUnchecked(try evaluate(field.node, in: environment), forKey: field.key) }
            return .object(object)
        case .path(let path, let field):
            guard let value = try path.value(in: environment) else {
                throw PathEnvironment.notFound(path, field: field, in: environment)
            }
            return value
        case .intrinsic(let call, let field):
            return try call.evaluate(in: environment, field: field)
        }
    }

    private static func compile(_ value: JSONValue, pointer: String, problems: inout [TemplateError.Problem]) -> Node {
        switch value {
        case .array(let elements):
            let nodes = elements.enumerated().map { index, element in
                compile(element, pointer: "\(pointer)/\(index)", problems: &problems)
            }
            if nodes.allSatisfy(\.isLiteral) { return .literal(value) }
            return .array(nodes)
        case .object(let object):
            var fields: [Field] = []
            fields.reserveCapacity(object.count)
            for (key, member) in object {
                let memberPointer = pointer + "/" + escape(key)
                guard key.hasSuffix(".$") else {
                    fields.append(Field(key: key, node: compile(member, pointer: memberPointer, problems: &problems)))
                    continue
                }
                let outputKey = String(key.dropLast(2))
                if object[outputKey] != nil {
                    problems.append(.init(pointer: memberPointer, message: "the key '\(outputKey)' appears both with and without '.$'"))
                }
                fields.append(Field(key: outputKey, node: compileBinding(member, key: key, pointer: memberPointer, problems: &problems)))
            }
            if fields.allSatisfy(\.node.isLiteral) { return .literal(value) }
            return .object(fields)
        default:
            return .literal(value)
        }
    }

    private static func compileBinding(
        _ value: JSONValue, key: String, pointer: String, problems: inout [TemplateError.Problem]
    ) -> Node {
        guard case .string(let text) = value else {
            problems.append(.init(
                pointer: pointer,
                message: "the value of a field ending in '.$' must be a string holding a path or an intrinsic function, got \(value.typeName)"))
            return .literal(value)
        }
        if text.hasPrefix("$") {
            do {
                return .path(try JSONPath(text), field: key)
            } catch {
                problems.append(.init(pointer: pointer, message: error.description))
            }
        } else if IntrinsicCall.isCall(text) {
            do {
                return .intrinsic(try IntrinsicCall(parsing: text), field: key)
            } catch {
                problems.append(.init(pointer: pointer, message: error.description))
            }
        } else {
            problems.append(.init(
                pointer: pointer,
                message: "the value of a field ending in '.$' must be a path starting with '$' or an intrinsic function starting with 'States.', got '\(text)'"))
        }
        return .literal(value)
    }

    /// Escapes a key for a JSON Pointer (RFC 6901): `~` as `~0`, `/` as `~1`.
    private static func escape(_ key: String) -> String {
        var escaped = ""
        for character in key {
            switch character {
            case "~": escaped += "~0"
            case "/": escaped += "~1"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}

extension PayloadTemplate.Node {
    var isLiteral: Bool {
        if case .literal = self { return true }
        return false
    }
}
