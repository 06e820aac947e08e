import StatesLanguage

/// A mock configuration that cannot be used, with every problem found.
///
/// Each ``Diagnostic`` names the field inside the file
/// (`MockedResponses.Healthy.1-0`) and, when the configuration was parsed
/// from text, its line and column.
///
/// ```swift
/// do { _ = try MockConfiguration(parsing: text) }
/// catch { for line in error.formatted(file: "mocks.json") { print(line) } }
/// ```
public struct MockConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The problems, in file order.
    public var diagnostics: [Diagnostic]

    /// Creates an error from diagnostics.
    public init(diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    /// An error with one message about the whole configuration.
    public init(_ message: String, at path: FieldPath = FieldPath()) {
        diagnostics = [Diagnostic(.error, at: path, message)]
    }

    /// The diagnostics printed for `file`, compiler-style, one per element.
    public func formatted(file: String) -> [String] { diagnostics.map { $0.formatted(file: file) } }

    /// One diagnostic per line.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
