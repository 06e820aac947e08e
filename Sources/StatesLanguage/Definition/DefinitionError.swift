/// A definition that cannot be compiled, with every problem found.
///
/// Validation does not stop at the first problem: like AWS's
/// `ValidateStateMachineDefinition`, it reports all of them.
///
/// ```swift
/// do { _ = try StateMachine(parsing: text) }
/// catch { for diagnostic in error.diagnostics { print(diagnostic) } }
/// ```
public struct DefinitionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The problems, errors and warnings, in definition order.
    public var diagnostics: [Diagnostic]

    /// Creates an error from diagnostics.
    public init(diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    /// Only the errors.
    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }

    /// One diagnostic per line.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

extension DefinitionError {
    /// The errors as the Step Functions API words an `InvalidDefinition`:
    /// `Invalid State Machine Definition: 'CODE: message at /pointer, …'`.
    package var apiMessage: String {
        let problems = errors.map { "\(($0.code ?? .schemaValidationFailed).rawValue): \($0.message) at \($0.pointer.isEmpty ? "/" : $0.pointer)" }
        return "Invalid State Machine Definition: '\(problems.joined(separator: ", "))'"
    }
}
