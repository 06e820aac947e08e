/// A path that identifies a single node: only keys and array indexes, in dot
/// or bracket notation (`$.a.b`, `$['a b'][0]`, `$$.Execution.Input`).
///
/// Step Functions requires reference paths for `ResultPath`, `ItemsPath`,
/// Choice `Variable`, `*Path` comparisons, `SecondsPath`/`TimestampPath`,
/// `ErrorPath`/`CausePath` and similar fields: no wildcards, filters, slices,
/// unions, deep scans or functions. `ResultPath` also writes through one with
/// ``setting(_:in:)``.
///
/// ```swift
/// let resultPath = try ReferencePath("$.taskresult")
/// let output = try resultPath.setting("Hello, Step Functions!", in: input)
/// ```
///
/// See <https://docs.aws.amazon.com/step-functions/latest/dg/amazon-states-language-paths.html#amazon-states-language-reference-paths>.
public struct ReferencePath: Sendable, Hashable, CustomStringConvertible {
    /// The compiled path; always definite and made of keys and indexes only.
    public let path: JSONPath

    /// Parses a reference path.
    ///
    /// - Parameter text: the path, starting with `$` (or `$$` for the context object).
    /// - Throws: ``PathSyntaxError`` when the text is not a path, or uses anything
    ///   but keys and non-negative indexes.
    public init(_ text: String) throws(PathSyntaxError) {
        var parser = JSONPathParser(text: text)
        let parsed = try parser.parsePath()
        for (segment, offset) in zip(parsed.segments, parsed.offsets) {
            switch segment {
            case .name: continue
            case .index(let index) where index >= 0: continue
            case .index:
                throw PathSyntaxError(message: "a reference path must not use negative indexes", path: text, offset: offset)
            default:
                throw PathSyntaxError(
                    message: "a reference path may only use keys and array indexes (no '*', '..', slices, unions or filters)",
                    path: text, offset: offset)
            }
        }
        self.path = JSONPath(
            text: text, segments: parsed.segments, isContextPath: parsed.isContextPath, variable: parsed.variable)
    }

    /// The path as written.
    public var text: String { path.text }

    /// The path as written.
    public var description: String { path.text }

    /// Whether the path starts with `$$` and addresses the context object.
    public var isContextPath: Bool { path.isContextPath }

    /// The workflow variable the path starts from (`$order.id`), or `nil`.
    public var variable: String? { path.variable }

    /// The node the path identifies in `root`, or `nil` when it does not exist.
    ///
    /// A reference path has only keys and indexes, so unlike ``JSONPath/value(in:)`` it reaches
    /// at most one node per segment and cannot fail.
    public func value(in root: JSONValue) -> JSONValue? { path.singularValue(in: root) }

    /// The node the path identifies in the state input, or in the context object for a `$$`
    /// path, or in a workflow variable for a `$name` path (`nil` when the variable is not set).
    package func value(in environment: PathEnvironment) -> JSONValue? {
        if let variable = path.variable {
            return environment.variables[variable].flatMap { path.singularValue(in: $0) }
        }
        return path.singularValue(in: path.isContextPath ? environment.context : environment.input)
    }

    /// Returns `root` with `value` stored at this path, as `ResultPath` does.
    ///
    /// `$` replaces the whole document. Otherwise missing intermediate objects
    /// are created (`$.a.b` on `{}` gives `{"a": {"b": value}}`), existing keys
    /// keep their position and other keys are kept.
    ///
    /// - Parameters:
    ///   - value: the value to store (a task result, or a caught error).
    ///   - root: the document to store it in (the state input).
    /// - Returns: the updated document.
    /// - Throws: `States.ReferencePathConflict` when the path cannot be applied:
    ///   the input is not an object (`Unable to apply ReferencePath $.x to input "text"`),
    ///   an intermediate node is not an object (`Unable to apply step "b" to input {…}`),
    ///   or an index does not address an existing array element. These are the
    ///   name and causes Step Functions reports.
    public func setting(_ value: JSONValue, in root: JSONValue) throws(StatesError) -> JSONValue {
        let segments = path.segments
        guard !segments.isEmpty else { return value }
        // Walk down taking each child out of its container, so every level below the
        // root is uniquely referenced and updated in place; then put them back bottom-up.
        var frames: [Frame] = []
        frames.reserveCapacity(segments.count)
        var current = root
        for (position, segment) in segments.enumerated() {
            let isLast = position == segments.count - 1
            switch segment {
            case .name(let key):
                guard case .object(var object) = current else {
                    throw conflict(step: "\"\(key)\"", root: root, isTop: position == 0)
                }
                current = .null
                let child = isLast ? .null : (object.removeValueKeepingPosition(forKey: key) ?? .object(JSONObject()))
                frames.append(.object(object, key: key))
                current = child
            case .index(let index):
                guard case .array(var array) = current, array.indices.contains(index) else {
                    throw conflict(step: "[\(index)]", root: root, isTop: position == 0)
                }
                current = .null
                var child = JSONValue.null
                if !isLast { swap(&child, &array[index]) }
                frames.append(.array(array, index: index))
                current = child
            default:
                preconditionFailure("reference paths hold only keys and indexes")
            }
        }
        var result = value
        while let frame = frames.popLast() {
            switch frame {
            case .object(var object, let key):
                object[key] = result
                result = .object(object)
            case .array(var array, let index):
                array[index] = result
                result = .array(array)
            }
        }
        return result
    }

    /// A container on the way down, with the place its child goes back to.
    private enum Frame {
        case object(JSONObject, key: String)
        case array([JSONValue], index: Int)
    }

    /// `States.ReferencePathConflict`, the error Step Functions reports when a
    /// `ResultPath` cannot be applied to the state input.
    static let referencePathConflict = ErrorName.referencePathConflict

    private func conflict(step: String, root: JSONValue, isTop: Bool) -> StatesError {
        let input = root.jsonString()
        if isTop {
            return StatesError(ReferencePath.referencePathConflict, cause: "Unable to apply ReferencePath \(text) to input \(input)")
        }
        return StatesError(ReferencePath.referencePathConflict, cause: "Unable to apply step \(step) to input \(input)")
    }
}

extension JSONObject {
    /// Takes the value for `key` out, leaving `null` in its place, so the caller
    /// can mutate it with unique storage and put it back at the same position.
    fileprivate mutating func removeValueKeepingPosition(forKey key: String) -> JSONValue? {
        modifyValue(forKey: key) { stored in
            let value = stored
            stored = .null
            return value
        }
    }
}
