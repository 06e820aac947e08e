/// One problem found in a definition.
///
/// A diagnostic carries what AWS's `ValidateStateMachineDefinition` reports for the same
/// problem — a ``Code`` such as `SCHEMA_VALIDATION_FAILED`, a severity, and a JSON Pointer
/// ``pointer`` such as `/States/Reboot/Retry/0/BackoffRate` — together with the exact field
/// (``path``) and, when the definition was parsed from text, its line and column.
///
/// Printed compiler-style, for example
/// `machine.json:12:17: error: States.Reboot.Retry[0].BackoffRate: must be at least 1.0, got 0.5 [SCHEMA_VALIDATION_FAILED]`.
///
/// See <https://docs.aws.amazon.com/step-functions/latest/apireference/API_ValidateStateMachineDefinitionDiagnostic.html>.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    /// How serious a problem is.
    public enum Severity: String, Sendable, Hashable, Comparable {
        /// The definition is invalid: AWS would refuse to create the state machine.
        case error
        /// The definition runs, but probably not as meant.
        case warning

        /// AWS's spelling: `ERROR` or `WARNING`.
        public var awsName: String { rawValue.uppercased() }

        /// Errors sort before warnings (an error is "more severe").
        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .error && rhs == .warning }
    }

    /// Whether this is an error or a warning.
    public var severity: Severity
    /// AWS's diagnostic code, such as `SCHEMA_VALIDATION_FAILED`; every problem of a definition
    /// has one, problems of other files (a mock configuration) have none.
    public var code: Code?
    /// The field the problem is in, as exactly as this engine can tell.
    public var path: FieldPath
    /// What is wrong, in one sentence.
    public var message: String
    /// The line and column in the definition text, when the definition was parsed from text.
    public var location: TextLocation?
    /// Where AWS reports the problem: a JSON Pointer such as `/States/Reboot/Retry/0/BackoffRate`,
    /// or `/` for the whole definition.
    ///
    /// Usually the pointer of ``path``; AWS reports a missing required field at the object that
    /// lacks it, and a problem inside a JSONPath payload template at the template's field.
    public var pointer: String

    /// Creates a diagnostic.
    ///
    /// - Parameters:
    ///   - severity: error or warning.
    ///   - code: AWS's code; `nil` for problems of files other than definitions.
    ///   - path: the field.
    ///   - message: what is wrong.
    ///   - location: the line and column, when known.
    ///   - reportedAt: the field AWS reports the problem at, when it is not `path`.
    public init(
        _ severity: Severity, code: Code? = nil, at path: FieldPath, _ message: String,
        location: TextLocation? = nil, reportedAt: FieldPath? = nil
    ) {
        self.severity = severity
        self.code = code
        self.path = path
        self.message = Diagnostic.shortenedWords(message)
        self.location = location
        let pointer = (reportedAt ?? path).jsonPointer
        self.pointer = pointer.isEmpty ? "/" : pointer
    }

    /// `text` itself when it has at most 80 characters, else its first 80 followed by
    /// `…(10000 characters)`: names and keys are echoed in messages, and state names are limited
    /// to 80 characters anyway.
    public static func shortened(_ text: String) -> String {
        guard text.count > 80 else { return text }
        return "\(text.prefix(80))…(\(text.count) characters)"
    }

    /// `message` with every run of more than 200 characters without a space shortened to its first 80.
    static func shortenedWords(_ message: String) -> String {
        guard message.count > 200 else { return message }
        return message.split(separator: " ", omittingEmptySubsequences: false)
            .map { $0.count > 200 ? "\($0.prefix(80))…(\($0.count) characters)" : String($0) }
            .joined(separator: " ")
    }

    /// `error: States.Loop.Next: Missing 'Next' target: … [MISSING_TRANSITION_TARGET]`
    /// (with `line:column: ` in front when known).
    public var description: String {
        let prefix = location.map { "\($0): " } ?? ""
        return "\(prefix)\(severity.rawValue): \(path): \(message)\(codeSuffix)"
    }

    /// The diagnostic printed for a file, as compilers do:
    /// `file:line:column: error: path: message [CODE]`.
    public func formatted(file: String) -> String {
        if let location {
            return "\(file):\(location.line):\(location.column): \(severity.rawValue): \(path): \(message)\(codeSuffix)"
        }
        return "\(file): \(severity.rawValue): \(path): \(message)\(codeSuffix)"
    }

    private var codeSuffix: String { code.map { " [\($0)]" } ?? "" }

    /// The diagnostic as `ValidateStateMachineDefinition` returns it:
    /// `{"severity": "ERROR", "code": "…", "message": "…", "location": "/States/…"}`.
    public var jsonValue: JSONValue {
        [
            "severity": .string(severity.awsName), "code": .string((code ?? .schemaValidationFailed).rawValue),
            "message": .string(message),
            "location": .string(pointer),
        ]
    }
}
