import StatesLanguage

extension ChoiceCondition {
    /// A short form of the rule for an edge label: `$.status == "ok"`, `$.count >= 3 and $.ready`,
    /// `{% $states.input.n > 1 %}`; cut to ``Summary/limit`` characters with an ellipsis.
    public var summary: String { Summary.shortened(text) }

    /// The whole rule in the same notation as ``summary``, on one line, however long.
    public var text: String {
        switch self {
        case .and(let conditions): return conditions.map(\.grouped).joined(separator: " and ")
        case .or(let conditions): return conditions.map(\.grouped).joined(separator: " or ")
        case .not(.comparison(let variable, let op, let operand)) where op.symbol == "==":
            return variable.text + " != " + operand.text
        case .not(let condition): return "not (" + condition.text + ")"
        case .query(let expression): return "{% " + expression.source.trimmingCharacters(in: .whitespaces) + " %}"
        case .comparison(let variable, let op, let operand):
            let right = operand.text
            if op.isTypeTest {
                let negated = operand == .literal(false)
                let what: String
                switch op {
                case .isNull: what = "null"
                case .isPresent: what = "present"
                case .isNumeric: what = "numeric"
                case .isString: what = "a string"
                case .isBoolean: what = "a boolean"
                default: what = "a timestamp"
                }
                return variable.text + (negated ? " is not " : " is ") + what
            }
            return variable.text + " " + op.symbol + " " + right
        }
    }

    private var grouped: String {
        switch self {
        case .and, .or: return "(" + text + ")"
        default: return text
        }
    }
}

extension ComparisonOperator {
    /// `==`, `<`, `matches`…; timestamp comparisons read like the others.
    fileprivate var symbol: String {
        switch self {
        case .stringEquals, .numericEquals, .booleanEquals, .timestampEquals: return "=="
        case .stringLessThan, .numericLessThan, .timestampLessThan: return "<"
        case .stringGreaterThan, .numericGreaterThan, .timestampGreaterThan: return ">"
        case .stringLessThanEquals, .numericLessThanEquals, .timestampLessThanEquals: return "<="
        case .stringGreaterThanEquals, .numericGreaterThanEquals, .timestampGreaterThanEquals: return ">="
        case .stringMatches: return "matches"
        case .isNull, .isPresent, .isNumeric, .isString, .isBoolean, .isTimestamp: return "is"
        }
    }
}

extension ChoiceOperand {
    /// A path as written, a literal as JSON.
    fileprivate var text: String {
        switch self {
        case .path(let path): return path.text
        case .literal(let value): return value.jsonString()
        }
    }
}
