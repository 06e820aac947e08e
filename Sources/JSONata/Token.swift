import Foundation

/// One token of a JSONata expression.
struct Token {
    enum Kind {
        case op, name, variable, string, number, value, regex, end
    }

    var kind: Kind
    /// Operator text, name, variable name (without `$`) or string contents.
    var text: String
    var number: Double = 0
    /// For `value` tokens: `true`, `false` or `null`.
    var literal: JSONataValue? = nil
    var regex: RegexLiteral? = nil
    /// Offset just past the token, as the reference implementation reports it.
    var position: Int

    /// The symbol the parser dispatches on.
    var id: String {
        switch kind {
        case .op: return text
        case .name, .variable: return "(name)"
        case .string, .number, .value: return "(literal)"
        case .regex: return "(regex)"
        case .end: return "(end)"
        }
    }
}

/// A regular expression literal, `/pattern/flags`.
struct RegexLiteral: @unchecked Sendable {
    // NSRegularExpression is immutable and thread-safe once built.
    var source: String
    var flags: String
    var regex: NSRegularExpression
}
