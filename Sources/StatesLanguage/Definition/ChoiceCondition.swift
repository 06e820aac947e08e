/// A compiled Choice rule condition.
public indirect enum ChoiceCondition: Sendable {
    /// `And`: every condition holds.
    case and([ChoiceCondition])
    /// `Or`: at least one condition holds.
    case or([ChoiceCondition])
    /// `Not`: the condition does not hold.
    case not(ChoiceCondition)
    /// `Variable` compared with an operator, for example `NumericGreaterThan`.
    case comparison(variable: JSONPath, ComparisonOperator, ChoiceOperand)
    /// `Condition` of a JSONata rule: an expression that must evaluate to a Boolean.
    case query(QueryExpression)
}

/// The right-hand side of a comparison.
public enum ChoiceOperand: Sendable, Hashable {
    /// A literal (`StringEquals: "x"`).
    case literal(JSONValue)
    /// A path into the input (`StringEqualsPath: "$.x"`).
    case path(JSONPath)
}

/// A Choice comparison operator, without its `Path` suffix.
public enum ComparisonOperator: String, Sendable, Hashable, CaseIterable {
    case stringEquals = "StringEquals"
    case stringLessThan = "StringLessThan"
    case stringGreaterThan = "StringGreaterThan"
    case stringLessThanEquals = "StringLessThanEquals"
    case stringGreaterThanEquals = "StringGreaterThanEquals"
    case stringMatches = "StringMatches"
    case numericEquals = "NumericEquals"
    case numericLessThan = "NumericLessThan"
    case numericGreaterThan = "NumericGreaterThan"
    case numericLessThanEquals = "NumericLessThanEquals"
    case numericGreaterThanEquals = "NumericGreaterThanEquals"
    case booleanEquals = "BooleanEquals"
    case timestampEquals = "TimestampEquals"
    case timestampLessThan = "TimestampLessThan"
    case timestampGreaterThan = "TimestampGreaterThan"
    case timestampLessThanEquals = "TimestampLessThanEquals"
    case timestampGreaterThanEquals = "TimestampGreaterThanEquals"
    case isNull = "IsNull"
    case isPresent = "IsPresent"
    case isNumeric = "IsNumeric"
    case isString = "IsString"
    case isBoolean = "IsBoolean"
    case isTimestamp = "IsTimestamp"

    /// Whether the operator has a `…Path` variant taking a path operand.
    public var hasPathVariant: Bool {
        switch self {
        case .stringMatches, .isNull, .isPresent, .isNumeric, .isString, .isBoolean, .isTimestamp: return false
        default: return true
        }
    }

    /// Whether the operator tests the variable's type or presence, taking a Boolean operand.
    public var isTypeTest: Bool {
        switch self {
        case .isNull, .isPresent, .isNumeric, .isString, .isBoolean, .isTimestamp: return true
        default: return false
        }
    }

    /// The JSON type the literal operand must have: `string`, `number`, `boolean`.
    var operandType: String {
        switch self {
        case .stringEquals, .stringLessThan, .stringGreaterThan, .stringLessThanEquals, .stringGreaterThanEquals,
            .stringMatches, .timestampEquals, .timestampLessThan, .timestampGreaterThan, .timestampLessThanEquals,
            .timestampGreaterThanEquals:
            return "string"
        case .numericEquals, .numericLessThan, .numericGreaterThan, .numericLessThanEquals, .numericGreaterThanEquals:
            return "number"
        case .booleanEquals, .isNull, .isPresent, .isNumeric, .isString, .isBoolean, .isTimestamp:
            return "boolean"
        }
    }
}
