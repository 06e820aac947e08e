/// A path or intrinsic function call that could not be parsed.
///
/// Definitions are checked when they are loaded, so a state machine with a
/// malformed `InputPath`, `"key.$"` value or `States.Format(…)` call is
/// rejected before it runs, with the text and the place where parsing stopped.
///
/// ```swift
/// do { _ = try JSONPath("$.a[") }
/// catch { print(error) } // Invalid path '$.a[' at offset 4: expected an index, a quoted key, '*', ':' or '?(' after '['
/// ```
public struct PathSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was wrong.
    public var message: String
    /// The full text of the path or intrinsic function call.
    public var path: String
    /// The UTF-8 byte offset in ``path`` where the problem was found.
    public var offset: Int

    /// Creates a syntax error.
    ///
    /// - Parameters:
    ///   - message: what was wrong.
    ///   - path: the full text being parsed.
    ///   - offset: the UTF-8 byte offset of the problem in `path`.
    public init(message: String, path: String, offset: Int) {
        self.message = message
        self.path = path
        self.offset = offset
    }

    /// `Invalid path '<text>' at offset <n>: <message>` (or `Invalid intrinsic function call …`).
    public var description: String {
        let kind = path.hasPrefix("States.") ? "intrinsic function call" : "path"
        return "Invalid \(kind) '\(path)' at offset \(offset): \(message)"
    }
}
