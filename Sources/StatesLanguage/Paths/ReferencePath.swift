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
        for segment in parsed.segments {
            switch segment {
            case .name: continue
            case .index(let index) where index >= 0: continue
            case .index:
                throw PathSyntaxError(message: "a reference path must not use negative indexes", path: text, offset: 0)
            default:
                throw PathSyntaxError(
                    message: "a reference path may only use keys and array indexes (no '*', '..', slices, unions or filters)",
                    path: text, offset: 0)
            }
        }
        self.path = JSONPath(text: text, segments: parsed.segments, isContextPath: parsed.isContextPath)
    }

    /// The path as written.
    public var text: String { path.text }

    /// The path as written.
    public var description: String { path.text }

    /// Whether the path starts with `$$` and addresses the context object.
    public var isContextPath: Bool { path.isContextPath }

    /// The node the path identifies in `root`, or `nil` when it does not exist.
    public func value(in root: JSONValue) -> JSONValue? { path.value(in: root) }

    /// The node the path identifies in the state input, or in the context object for a `$$` path.
    package func value(in environment: PathEnvironment) -> JSONValue? { path.value(in: environment) }

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
        var document = root
        try store(value, in: &document, segments: segments[...], root: root, isTop: true)
        return document
    }

    /// `States.ReferencePathConflict`, the error Step Functions reports when a
    /// `ResultPath` cannot be applied to the state input.
    static let referencePathConflict = ErrorName.referencePathConflict

    private func store(
        _ value: JSONValue,
        in node: inout JSONValue,
        segments: ArraySlice<JSONPath.Segment>,
        root: JSONValue,
        isTop: Bool
    ) throws(StatesError) {
        guard let segment = segments.first else {
            node = value
            return
        }
        let rest = segments.dropFirst()
        switch segment {
        case .name(let key):
            guard case .object(var object) = node else {
                throw conflict(step: "\"\(key)\"", root: root, isTop: isTop)
            }
            node = .null  // keep the object's storage unique while it is mutated
            if rest.isEmpty {
                object[key] = value
            } else {
                var child = object.removeValueKeepingPosition(forKey: key) ?? .object(JSONObject())
                try store(value, in: &child, segments: rest, root: root, isTop: false)
                object[key] = child
            }
            node = .object(object)
        case .index(let index):
            guard case .array(var array) = node, array.indices.contains(index) else {
                throw conflict(step: "[\(index)]", root: root, isTop: isTop)
            }
            node = .null
            var child = JSONValue.null
            swap(&child, &array[index])
            try store(value, in: &child, segments: rest, root: root, isTop: false)
            array[index] = child
            node = .array(array)
        default:
            preconditionFailure("reference paths hold only keys and indexes")
        }
    }

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
