import Foundation
import JSONata

/// One `{% … %}` JSONata expression from a JSONata state's field, parsed once when the
/// definition is compiled.
///
/// A string is an expression only when it is wholly wrapped: it starts with `{%` and ends
/// with `%}`. Anything else is a literal string.
///
/// See <https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html>.
public struct QueryExpression: Sendable, Hashable {
    /// The expression between `{%` and `%}`.
    public let source: String
    /// The field it was written in, relative to the state (`Output`, `Arguments/Message`, `Items[2]`).
    public let field: String
    let compiled: JSONataExpression

    /// Two expressions are equal when they are written the same way in the same field.
    public static func == (lhs: QueryExpression, rhs: QueryExpression) -> Bool {
        lhs.source == rhs.source && lhs.field == rhs.field
    }

    /// Hashes the text and field.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(source)
        hasher.combine(field)
    }

    /// Whether `text` is a JSONata expression (`{% … %}`) rather than a literal string.
    public static func isExpression(_ text: String) -> Bool {
        text.count >= 4 && text.hasPrefix("{%") && text.hasSuffix("%}")
    }

    /// Why `text` is refused as a badly delimited expression, or `nil`.
    ///
    /// AWS documents that the string must start with `{%` and end with `%}`, with nothing before
    /// or after, and that opening or closing it improperly is a validation error: so a string that
    /// has one delimiter at its edge and not the other is refused rather than kept as a literal.
    public static func delimiterProblem(_ text: String) -> String? {
        guard !isExpression(text) else { return nil }
        let opens = text.hasPrefix("{%"), closes = text.hasSuffix("%}")
        guard opens || closes else { return nil }
        if opens && closes { return "the JSONata expression has nothing between '{%' and '%}'" }
        return opens
            ? "the JSONata expression opens with '{%' but does not end with '%}'"
            : "the string ends with '%}' but does not open with '{%'; a JSONata expression is written '{% … %}'"
    }

    /// Parses `{% … %}` text.
    ///
    /// - Parameters:
    ///   - text: the whole string, delimiters included.
    ///   - field: the field name used in run-time errors.
    /// - Throws: ``JSONataError`` for a syntax error.
    public init(_ text: String, field: String) throws(JSONataError) {
        let inner = String(text.dropFirst(2).dropLast(2))
        self.source = inner.trimmingCharacters(in: .whitespacesAndNewlines)
        self.field = field
        self.compiled = try JSONataExpression(inner)
    }

    /// Why Step Functions refuses the expression when the state machine is created, one sentence each.
    ///
    /// Step Functions evaluates expressions without a context item: the input is `$states.input`.
    /// A bare field name, `$` or a wildcard at the top level of the expression, and `$$` anywhere,
    /// would read an input that is not there, and are refused (`UNSUPPORTED_JSONATA_EXPRESSION:
    /// Reference to 'phone' at the top level is not supported.`, floci-io/floci#2670); so is `$eval`,
    /// which Step Functions leaves out of JSONata 2.0.6.
    ///
    /// See <https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html>.
    var unsupportedUses: [String] {
        var messages: [String] = []
        var seen: Set<String> = []
        for reference in compiled.topLevelInputReferences where seen.insert(reference.description).inserted {
            if case .root = reference.kind {
                messages.append("Reference to '$$' is not supported.")
            } else {
                messages.append("Reference to '\(reference)' at the top level is not supported.")
            }
        }
        if compiled.calledFunctionNames.contains("eval") {
            messages.append("The function '$eval' is not supported; use '$parse' to read JSON text.")
        }
        return messages
    }

    /// Evaluates the expression; an undefined result is an error, as in AWS.
    ///
    /// - Throws: ``QueryFailure`` when evaluation fails or produces nothing.
    func evaluate(_ data: QueryData) throws(QueryFailure) -> JSONValue {
        let result: JSONValue?
        do {
            result = try compiled.evaluate(nil, bindings: data.bindings, environment: data.environment)
        } catch {
            throw QueryFailure(
                field: field,
                message: "The JSONata expression '\(source)' specified for the field '\(field)' threw an error during evaluation. \(error.code): \(error.message)")
        }
        guard let result else {
            // A function has no JSON form; AWS names it apart (recording test_map_state_items_eval_jsonata_fail[function]).
            if (try? compiled.evaluatesToFunction(nil, bindings: data.bindings, environment: data.environment)) == true {
                throw QueryFailure(
                    field: field,
                    message: "The JSONata expression '\(source)' specified for the field '\(field)' returned an unsupported result type.")
            }
            throw QueryFailure(
                field: field,
                message: "The JSONata expression '\(source)' specified for the field '\(field)' returned nothing (undefined).")
        }
        return result
    }

    /// A failure for a result of the wrong type, in AWS's words.
    func unexpectedType(_ value: JSONValue, expected: String) -> QueryFailure {
        let shown = value.jsonString()
        return QueryFailure(
            field: field,
            message: "The JSONata expression '\(source)' specified for the field '\(field)' returned an unexpected result type. Expected '\(expected)', but was '\(value.typeName)' for value: \(shown)")
    }
}

/// Why a JSONata field could not be evaluated: becomes `States.QueryEvaluationError`
/// and an `EvaluationFailed` history event.
struct QueryFailure: Error, Sendable {
    /// The field, relative to the state (`Output/a`).
    var field: String
    /// The cause, without the state prefix.
    var message: String
}
