import Foundation

/// A Wait state: pauses for a duration or until a time.
public struct WaitState: Sendable {
    /// How long or until when to wait.
    public enum Duration: Sendable, Hashable {
        /// `Seconds`.
        case seconds(Int)
        /// `SecondsPath`.
        case secondsPath(ReferencePath)
        /// `Timestamp`, already parsed.
        case timestamp(Date)
        /// `TimestampPath`.
        case timestampPath(ReferencePath)
        /// `Seconds` given as a JSONata expression.
        case secondsExpression(QueryExpression)
        /// `Timestamp` given as a JSONata expression.
        case timestampExpression(QueryExpression)
    }

    /// The state's name.
    public var name: String
    /// `Comment`.
    public var comment: String?
    /// The wait field.
    public var duration: Duration
    /// `InputPath`.
    public var inputPath: PayloadPath?
    /// `OutputPath`.
    public var outputPath: PayloadPath?
    /// `Next` or `End`.
    public var transition: Transition
    /// The state's query language (its own `QueryLanguage`, or its graph's).
    public var queryLanguage: QueryLanguage = .jsonPath
    /// `Assign`: the variables the state sets.
    public var assign: VariableAssignment?
    /// `Output` (JSONata): the state's output.
    public var output: QueryTemplate?
}

extension WaitState {
    static func read(_ s: inout StateReading, reader: inout DefinitionReader) -> WaitState? {
        s.allow(
            ["Next", "End", "Seconds", "SecondsPath", "Timestamp", "TimestampPath", "InputPath", "OutputPath", "Output",
                "Assign"], type: "Wait", reader: &reader)
        let fields = ["Seconds", "SecondsPath", "Timestamp", "TimestampPath"].filter { s.object[$0] != nil }
        var duration: Duration?
        if fields.count != 1 {
            reader.error(
                s.path,
                fields.isEmpty
                    ? "must have exactly one of 'Seconds', 'SecondsPath', 'Timestamp' or 'TimestampPath'"
                    : "must have exactly one of 'Seconds', 'SecondsPath', 'Timestamp' or 'TimestampPath', found \(fields.map { "'\($0)'" }.joined(separator: " and "))")
        } else if s.isJSONata, case .string? = s.object["Seconds"] {
            duration = s.expression("Seconds", reader: &reader).map(Duration.secondsExpression)
        } else if s.isJSONata, case .string(let text)? = s.object["Timestamp"], QueryExpression.isExpression(text) {
            duration = s.expression("Timestamp", reader: &reader).map(Duration.timestampExpression)
        } else if let seconds = reader.integer(s.object, "Seconds", at: s.path, in: 0...99_999_999) {
            duration = .seconds(seconds)
        } else if let text = reader.string(s.object, "Timestamp", at: s.path) {
            if let date = Timestamp.parse(text) {
                duration = .timestamp(date)
            } else {
                reader.error(s.path.appending("Timestamp"), "\"\(text)\" is not an RFC 3339 timestamp such as 2026-01-31T12:00:00Z")
            }
        } else if let text = reader.string(s.object, "SecondsPath", at: s.path) {
            duration = reader.referencePath(text, at: s.path.appending("SecondsPath")).map(Duration.secondsPath)
        } else if let text = reader.string(s.object, "TimestampPath", at: s.path) {
            duration = reader.referencePath(text, at: s.path.appending("TimestampPath")).map(Duration.timestampPath)
        }
        let transition = s.transition(reader: &reader)
        let inputPath = reader.payloadPath(s.object, "InputPath", at: s.path)
        let outputPath = reader.payloadPath(s.object, "OutputPath", at: s.path)
        let assign = s.assign(reader: &reader)
        let output = s.output(reader: &reader)
        guard let duration, let transition else { return nil }
        var state = WaitState(
            name: s.name, comment: reader.string(s.object, "Comment", at: s.path), duration: duration,
            inputPath: inputPath, outputPath: outputPath, transition: transition)
        state.queryLanguage = s.language
        state.assign = assign
        state.output = output
        return state
    }
}
