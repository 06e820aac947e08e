/// A Fail state: ends the execution (or its branch or iteration) with an error.
public struct FailState: Sendable {
    /// Where the error name or cause comes from.
    public enum Source: Sendable, Hashable {
        /// A fixed string (`Error`, `Cause`).
        case literal(String)
        /// A reference path into the input (`ErrorPath`, `CausePath`).
        case path(ReferencePath)
        /// An intrinsic function call (`ErrorPath`, `CausePath`).
        case intrinsic(IntrinsicCall)
        /// A JSONata expression (`Error`, `Cause` of a JSONata state).
        case expression(QueryExpression)
    }

    /// The state's name.
    public var name: String
    /// `Comment`.
    public var comment: String?
    /// `Error` or `ErrorPath`.
    public var error: Source?
    /// `Cause` or `CausePath`.
    public var cause: Source?
    /// The state's query language (its own `QueryLanguage`, or its graph's).
    public var queryLanguage: QueryLanguage = .jsonPath
}

extension FailState {
    /// Intrinsics AWS allows in `ErrorPath` and `CausePath` (they return strings).
    static let stringIntrinsics: Set<String> = [
        "States.Format", "States.JsonToString", "States.ArrayGetItem", "States.Base64Encode", "States.Base64Decode",
        "States.Hash", "States.UUID",
    ]

    static func read(_ s: inout StateReading, reader: inout DefinitionReader) -> FailState? {
        s.allow(["Error", "ErrorPath", "Cause", "CausePath"], type: "Fail", reader: &reader)
        reader.exclusive(s.object, "Error", "ErrorPath", at: s.path)
        reader.exclusive(s.object, "Cause", "CausePath", at: s.path)
        func source(_ literal: String, _ pathField: String) -> Source? {
            if let text = reader.string(s.object, literal, at: s.path) {
                if s.isJSONata, QueryExpression.isExpression(text) {
                    return s.expression(literal, reader: &reader).map(Source.expression)
                }
                if s.isJSONata, let problem = QueryExpression.delimiterProblem(text) {
                    reader.error(s.path.appending(literal), problem, code: .invalidJSONataExpression)
                    return nil
                }
                return .literal(text)
            }
            guard let text = reader.string(s.object, pathField, at: s.path) else { return nil }
            let fieldPath = s.path.appending(pathField)
            if text.hasPrefix("States.") {
                let name = String(text.prefix { $0 != "(" })
                guard stringIntrinsics.contains(name) else {
                    reader.error(fieldPath, "\(name) cannot be used here; use one that returns a string (\(stringIntrinsics.sorted().joined(separator: ", ")))")
                    return nil
                }
                do {
                    let call = try IntrinsicCall(parsing: text)
                    reader.checkIntrinsic(call, field: pathField, at: fieldPath)
                    return .intrinsic(call)
                } catch {
                    reader.error(fieldPath, "invalid intrinsic function call: \(error)")
                    return nil
                }
            }
            return reader.referencePath(text, at: fieldPath).map(Source.path)
        }
        var state = FailState(
            name: s.name, comment: reader.string(s.object, "Comment", at: s.path),
            error: source("Error", "ErrorPath"), cause: source("Cause", "CausePath"))
        state.queryLanguage = s.language
        return state
    }
}
