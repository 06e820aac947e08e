/// Problems found while compiling a payload template (`Parameters`,
/// `ResultSelector`, `ItemSelector`…), each with its place in the template.
///
/// All problems are collected, so one report lists every bad `"key.$"` field.
///
/// ```swift
/// do { _ = try PayloadTemplate(["id.$": 42], field: "Parameters") }
/// catch { print(error) } // Parameters/id.$: the value of a field ending in '.$' must be a string …
/// ```
public struct TemplateError: Error, Sendable, Hashable, CustomStringConvertible {
    /// One problem in the template.
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        /// The JSON Pointer of the offending field inside the template (`/nested/id.$`, `/list/0/x.$`).
        public var pointer: String
        /// What is wrong.
        public var message: String

        /// Creates a problem.
        public init(pointer: String, message: String) {
            self.pointer = pointer
            self.message = message
        }

        /// `pointer: message`.
        public var description: String { "\(pointer): \(message)" }
    }

    /// The definition field holding the template, such as `Parameters`.
    public var field: String
    /// Every problem found, in document order.
    public var problems: [Problem]

    /// Creates an error.
    public init(field: String, problems: [Problem]) {
        self.field = field
        self.problems = problems
    }

    /// One line per problem: `Parameters/nested/id.$: message`.
    public var description: String {
        problems.map { "\(field)\($0.pointer): \($0.message)" }.joined(separator: "\n")
    }
}
