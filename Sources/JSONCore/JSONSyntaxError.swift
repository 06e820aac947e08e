/// A JSON text that could not be parsed, with the place where parsing stopped.
///
/// ```swift
/// do { _ = try JSONValue(parsing: "{\"a\": }") }
/// catch let error as JSONSyntaxError { print(error) } // 1:7: expected a value, found '}'
/// ```
public struct JSONSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was wrong.
    public var message: String
    /// The UTF-8 byte offset of the problem.
    public var offset: Int
    /// The 1-based line of the problem.
    public var line: Int
    /// The 1-based column (in characters) of the problem.
    public var column: Int

    /// Creates a syntax error.
    public init(message: String, offset: Int, line: Int, column: Int) {
        self.message = message
        self.offset = offset
        self.line = line
        self.column = column
    }

    /// `line:column: message`.
    public var description: String { "\(line):\(column): \(message)" }
}
