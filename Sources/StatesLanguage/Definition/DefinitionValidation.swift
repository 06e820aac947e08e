/// The answer AWS's `ValidateStateMachineDefinition` gives for a definition: a result, the
/// diagnostics and whether the list was cut short.
///
/// ```swift
/// let validation = StateMachine.validate(text, type: .express)
/// if validation.result == .fail {
///     for diagnostic in validation.diagnostics { print(diagnostic.code ?? "", diagnostic.pointer, diagnostic.message) }
/// }
/// print(validation.jsonValue.jsonString(options: .pretty))   // the API's response document
/// ```
///
/// See <https://docs.aws.amazon.com/step-functions/latest/apireference/API_ValidateStateMachineDefinition.html>.
public struct DefinitionValidation: Sendable, Hashable {
    /// Whether the definition can be created.
    public enum Result: String, Sendable, Hashable {
        /// No errors (warnings allowed): AWS would create the state machine.
        case ok = "OK"
        /// At least one error.
        case fail = "FAIL"
    }

    /// `OK` or `FAIL`; always decided on every error, whatever ``diagnostics`` keeps.
    public var result: Result
    /// The diagnostics at or above the requested severity, in definition order, at most the requested number.
    public var diagnostics: [Diagnostic]
    /// Whether more diagnostics were found than ``diagnostics`` holds.
    public var truncated: Bool

    /// Creates a validation result.
    public init(result: Result, diagnostics: [Diagnostic], truncated: Bool) {
        self.result = result
        self.diagnostics = diagnostics
        self.truncated = truncated
    }

    /// The largest number of diagnostics AWS returns, and the default.
    public static let maximumResults = 100

    /// The API's response document: `{"result": "FAIL", "diagnostics": [{"severity", "code",
    /// "message", "location"}], "truncated": false}`.
    public var jsonValue: JSONValue {
        [
            "result": .string(result.rawValue), "diagnostics": .array(diagnostics.map(\.jsonValue)),
            "truncated": .bool(truncated),
        ]
    }
}

extension StateMachine {
    /// Validates a definition as `ValidateStateMachineDefinition` does, without throwing.
    ///
    /// - Parameters:
    ///   - text: the definition's JSON (or YAML) text.
    ///   - format: JSON (the default) or YAML.
    ///   - type: Standard (default) or Express; Express refuses `.sync`, `.waitForTaskToken` and activities.
    ///   - severity: the least severe diagnostics to return: `.error` (AWS's default) returns errors
    ///     only, `.warning` returns both.
    ///   - maxResults: how many diagnostics to return at most, 1 to 100; 0 means 100, as in the API.
    ///   - substitutions: values for `${Name}` placeholders, as in ``StateMachine/init(parsing:format:name:type:substitutions:)``.
    /// - Returns: the result, the diagnostics and whether they were cut short.
    public static func validate(
        _ text: String, format: DocumentFormat = .json, type: StateMachineType = .standard,
        severity: Diagnostic.Severity = .error, maxResults: Int = DefinitionValidation.maximumResults,
        substitutions: DefinitionSubstitutions? = nil
    ) -> DefinitionValidation {
        let found: [Diagnostic]
        let result: DefinitionValidation.Result
        do {
            found = try StateMachine(parsing: text, format: format, type: type, substitutions: substitutions).warnings
            result = .ok
        } catch {
            found = error.diagnostics
            result = .fail
        }
        let limit = (1...DefinitionValidation.maximumResults).contains(maxResults) ? maxResults : DefinitionValidation.maximumResults
        let kept = found.filter { $0.severity <= severity }
        return DefinitionValidation(result: result, diagnostics: Array(kept.prefix(limit)), truncated: kept.count > limit)
    }
}
