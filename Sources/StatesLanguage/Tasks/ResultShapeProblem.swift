/// One way a task result does not fit its API's response shape, or a note on what was not checked.
///
/// Found by a ``TaskResultChecker``. ``path`` is the field inside the result (empty for the result
/// itself) and ``message`` says what the shape allows:
///
/// ```swift
/// let problem = ResultShapeProblem(.mismatch, at: FieldPath([.key("Reservations")]), "must be an array, got a string")
/// print(problem)   // $.Reservations: must be an array, got a string
/// ```
public struct ResultShapeProblem: Sendable, Hashable, CustomStringConvertible {
    /// Whether the result is refused or only remarked on.
    public enum Kind: Sendable, Hashable {
        /// The result does not fit the shape: AWS's `TestState` refuses such a mock.
        case mismatch
        /// Something the check accepted or could not check (a field the shape does not have, an
        /// unknown shape); AWS accepts such a mock.
        case note
    }

    /// A mismatch or a note.
    public var kind: Kind
    /// The field inside the result; empty for the result as a whole.
    public var path: FieldPath
    /// What is wrong or unchecked, and what the shape allows.
    public var message: String

    /// Creates a problem.
    ///
    /// - Parameters:
    ///   - kind: mismatch or note.
    ///   - path: the field inside the result (the result itself by default).
    ///   - message: what is wrong, and what the shape allows.
    public init(_ kind: Kind, at path: FieldPath = FieldPath(), _ message: String) {
        self.kind = kind
        self.path = path
        self.message = message
    }

    /// The field as a JSONPath into the result: `$`, `$.Reservations[0].Instances`.
    public var jsonPath: String {
        guard let first = path.components.first else { return "$" }
        if case .index = first { return "$\(path)" }
        return "$.\(path)"
    }

    /// `$.Reservations: must be an array, got a string`.
    public var description: String { "\(jsonPath): \(message)" }
}
