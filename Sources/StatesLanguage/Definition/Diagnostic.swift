/// One problem found in a definition.
///
/// Printed compiler-style, for example
/// `machine.json:12:17: error: States.Reboot.Retry[0].BackoffRate: must be at least 1.0, got 0.5`.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    /// How serious a problem is.
    public enum Severity: String, Sendable, Hashable {
        /// The definition is invalid and cannot run.
        case error
        /// The definition runs, but probably not as meant (an unreachable state, for example).
        case warning
    }

    /// Whether this is an error or a warning.
    public var severity: Severity
    /// Where in the definition the problem is.
    public var path: FieldPath
    /// What is wrong, in one sentence.
    public var message: String
    /// The line and column in the definition text, when the definition was parsed from text.
    public var location: TextLocation?

    /// Creates a diagnostic.
    public init(_ severity: Severity, at path: FieldPath, _ message: String, location: TextLocation? = nil) {
        self.severity = severity
        self.path = path
        self.message = message
        self.location = location
    }

    /// `error: States.Loop.Next: state "Nope" does not exist` (with `line:column: ` in front when known).
    public var description: String {
        let prefix = location.map { "\($0): " } ?? ""
        return "\(prefix)\(severity.rawValue): \(path): \(message)"
    }

    /// The diagnostic printed for a file, as compilers do: `file:line:column: error: path: message`.
    public func formatted(file: String) -> String {
        if let location { return "\(file):\(location.line):\(location.column): \(severity.rawValue): \(path): \(message)" }
        return "\(file): \(severity.rawValue): \(path): \(message)"
    }
}
