extension ExecutionRunner {
    func runChoice(_ state: ChoiceState, input: JSONValue, variables: VariableScope, previous: inout Int)
        throws(StatesError) -> StepOutcome
    {
        let entered = try enter("Choice", state.name, input: input, previous: &previous)
        let step: StepResult
        let next: Int
        switch state.queryLanguage {
        case .jsonPath:
            let effective = try processing(entered) { () throws(StatesError) -> JSONValue in
                try applyPath(
                    state.inputPath, to: input, field: "InputPath", context: contextValue(entered), variables: variables)
            }
            let paths = environment(effective, entered, variables: variables)
            let matched = try processing(entered) { () throws(StatesError) -> ChoiceState.Choice? in
                for choice in state.choices where try choice.condition.evaluate(in: paths) { return choice }
                return nil
            }
            next = try target(matched, state, entered)
            // AWS: in a Choice state's Assign, `$` is the effective input.
            let assigned = try evaluate(
                matched.map { $0.assign } ?? state.assign, environment: paths,
                query: queryData(entered, input: input, variables: variables), variables: variables, entered: entered,
                previous: &previous)
            let output = try processing(entered) { () throws(StatesError) -> JSONValue in
                try applyPath(
                    state.outputPath, to: effective, field: "OutputPath", context: contextValue(entered),
                    variables: variables)
            }
            step = StepResult(output: output, assigned: assigned)
        case .jsonata:
            let data = queryData(entered, input: input, variables: variables)
            var matched: ChoiceState.Choice?
            for choice in state.choices {
                guard case .query(let condition) = choice.condition else { continue }
                let holds = try querying(entered, previous: &previous) { () throws(QueryFailure) -> Bool in
                    let value = try condition.evaluate(data)
                    guard case .bool(let b) = value else { throw condition.unexpectedType(value, expected: "boolean") }
                    return b
                }
                if holds {
                    matched = choice
                    break
                }
            }
            next = try target(matched, state, entered)
            // A matched rule brings its own Output and Assign; the state's apply only when Default is taken
            // (LocalStack's AWS-recorded behaviour).
            step = try outputAndAssign(
                output: matched.map { $0.output } ?? state.output, assign: matched.map { $0.assign } ?? state.assign,
                data: data, default: input, variables: variables, entered: entered, previous: &previous)
        }
        try exit("Choice", state.name, output: step.output, assigned: step.assigned, previous: &previous)
        return StepOutcome(output: step.output, transition: .next(next), assigned: step.assigned)
    }

    /// The matched rule's `Next`, else `Default`.
    private func target(_ matched: ChoiceState.Choice?, _ state: ChoiceState, _ entered: EnteredState)
        throws(StatesError) -> Int
    {
        if let matched { return matched.next }
        guard let next = state.defaultNext else {
            // AWS reserves States.NoChoiceMatched but reports this as States.Runtime.
            throw runtimeError(
                "Failed to transition out of the state. The state does not point to a next state.", in: entered)
        }
        return next
    }
}

extension ChoiceCondition {
    /// Evaluates the condition against the Choice state's effective input.
    ///
    /// - Throws: `States.Runtime` when `Variable` (or a `…Path` operand) selects nothing,
    ///   except for `IsPresent`, whose purpose is to test exactly that.
    func evaluate(in environment: PathEnvironment) throws(StatesError) -> Bool {
        switch self {
        case .and(let conditions):
            for condition in conditions where !(try condition.evaluate(in: environment)) { return false }
            return true
        case .or(let conditions):
            for condition in conditions where try condition.evaluate(in: environment) { return true }
            return false
        case .not(let condition):
            return !(try condition.evaluate(in: environment))
        case .query:
            // The reader only produces JSONata conditions as whole rules, which the runner evaluates.
            preconditionFailure("a JSONata Condition inside a JSONPath rule")
        case .comparison(let variable, let op, let operand):
            let value = try variable.value(in: environment)
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
                guard let resolved = try path.value(in: environment) else {
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
