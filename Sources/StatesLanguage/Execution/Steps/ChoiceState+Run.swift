extension ExecutionRunner {
    func runChoice(_ state: ChoiceState, input: JSONValue, previous: inout Int) throws(StatesError) -> StepOutcome {
        let entered = try enter("Choice", state.name, input: input, previous: &previous)
        let outcome = try processing(entered) { () throws(StatesError) -> StepOutcome in
            let effective = try applyPath(state.inputPath, to: input, field: "InputPath", context: contextValue(entered))
            var next = state.defaultNext
            for choice in state.choices {
                if try choice.condition.evaluate(input: effective, context: { contextValue(entered) }) {
                    next = choice.next
                    break
                }
            }
            guard let next else {
                // AWS reserves States.NoChoiceMatched but reports this as States.Runtime.
                throw StatesError.runtime("Failed to transition out of the state. The state does not point to a next state.")
            }
            let output = try applyPath(state.outputPath, to: effective, field: "OutputPath", context: contextValue(entered))
            return StepOutcome(output: output, transition: .next(next))
        }
        try exit("Choice", state.name, output: outcome.output, previous: &previous)
        return outcome
    }
}

extension ChoiceCondition {
    /// Evaluates the condition against the Choice state's effective input.
    ///
    /// - Throws: `States.Runtime` when `Variable` (or a `…Path` operand) selects nothing,
    ///   except for `IsPresent`, whose purpose is to test exactly that.
    func evaluate(input: JSONValue, context: () -> JSONValue) throws(StatesError) -> Bool {
        switch self {
        case .and(let conditions):
            for condition in conditions where !(try condition.evaluate(input: input, context: context)) { return false }
            return true
        case .or(let conditions):
            for condition in conditions where try condition.evaluate(input: input, context: context) { return true }
            return false
        case .not(let condition):
            return !(try condition.evaluate(input: input, context: context))
        case .comparison(let variable, let op, let operand):
            let value = variable.value(in: variable.isContextPath ? context() : input)
            if op == .isPresent {
                return value != nil && operand == .literal(.bool(true)) || value == nil && operand == .literal(.bool(false))
            }
            guard let value else {
                throw StatesError.runtime(
                    "Invalid path '\(variable)': The choice state's condition path references an invalid value.")
            }
            let right: JSONValue
            switch operand {
            case .literal(let literal): right = literal
            case .path(let path):
                guard let resolved = path.value(in: path.isContextPath ? context() : input) else {
                    throw StatesError.runtime(
                        "Invalid path '\(path)': The choice state's condition path references an invalid value.")
                }
                right = resolved
            }
            return op.compare(value, right)
        }
    }
}

extension ComparisonOperator {
    /// Applies the operator; operands of the wrong type compare as `false`, as in AWS.
    func compare(_ left: JSONValue, _ right: JSONValue) -> Bool {
        switch self {
        case .isNull: return left.isNull == (right.boolValue ?? true)
        case .isPresent: return right.boolValue ?? true
        case .isNumeric: return (left.numberValue != nil) == (right.boolValue ?? true)
        case .isString: return (left.stringValue != nil) == (right.boolValue ?? true)
        case .isBoolean: return (left.boolValue != nil) == (right.boolValue ?? true)
        case .isTimestamp:
            let isTimestamp = left.stringValue.flatMap(Timestamp.parse) != nil
            return isTimestamp == (right.boolValue ?? true)
        case .booleanEquals:
            guard let a = left.boolValue, let b = right.boolValue else { return false }
            return a == b
        case .stringMatches:
            guard let text = left.stringValue, let pattern = right.stringValue else { return false }
            return StringPattern(pattern).matches(text)
        case .stringEquals, .stringLessThan, .stringGreaterThan, .stringLessThanEquals, .stringGreaterThanEquals:
            guard let a = left.stringValue, let b = right.stringValue else { return false }
            let order = ComparisonOperator.utf16Order(a, b)
            switch self {
            case .stringEquals: return order == 0
            case .stringLessThan: return order < 0
            case .stringGreaterThan: return order > 0
            case .stringLessThanEquals: return order <= 0
            default: return order >= 0
            }
        case .numericEquals, .numericLessThan, .numericGreaterThan, .numericLessThanEquals, .numericGreaterThanEquals:
            guard let a = left.numberValue, let b = right.numberValue else { return false }
            switch self {
            case .numericEquals: return a == b
            case .numericLessThan: return a < b
            case .numericGreaterThan: return b < a
            case .numericLessThanEquals: return !(b < a)
            default: return !(a < b)
            }
        case .timestampEquals, .timestampLessThan, .timestampGreaterThan, .timestampLessThanEquals,
            .timestampGreaterThanEquals:
            guard let a = left.stringValue.flatMap(Timestamp.parse), let b = right.stringValue.flatMap(Timestamp.parse)
            else { return false }
            switch self {
            case .timestampEquals: return a == b
            case .timestampLessThan: return a < b
            case .timestampGreaterThan: return a > b
            case .timestampLessThanEquals: return a <= b
            default: return a >= b
            }
        }
    }

    /// Orders strings by UTF-16 code units, as the Java-based service does.
    static func utf16Order(_ a: String, _ b: String) -> Int {
        var i = a.utf16.makeIterator(), j = b.utf16.makeIterator()
        while true {
            switch (i.next(), j.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case (let x?, let y?): if x != y { return x < y ? -1 : 1 }
            }
        }
    }
}

/// A `StringMatches` pattern: `*` matches any run of characters, `\*` a literal star, `\\` a backslash.
struct StringPattern {
    private enum Token: Equatable {
        case literal(Character)
        case star
    }

    private let tokens: [Token]

    init(_ pattern: String) {
        var tokens: [Token] = []
        var escaping = false
        for character in pattern {
            if escaping {
                tokens.append(.literal(character))
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else if character == "*" {
                tokens.append(.star)
            } else {
                tokens.append(.literal(character))
            }
        }
        if escaping { tokens.append(.literal("\\")) }
        self.tokens = tokens
    }

    func matches(_ text: String) -> Bool {
        let characters = Array(text)
        var ti = 0, pi = 0, star = -1, mark = 0
        while ti < characters.count {
            if pi < tokens.count, tokens[pi] == .literal(characters[ti]) {
                ti += 1
                pi += 1
            } else if pi < tokens.count, tokens[pi] == .star {
                star = pi
                mark = ti
                pi += 1
            } else if star >= 0 {
                pi = star + 1
                mark += 1
                ti = mark
            } else {
                return false
            }
        }
        while pi < tokens.count, tokens[pi] == .star { pi += 1 }
        return pi == tokens.count
    }
}
