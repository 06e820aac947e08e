/// A Choice state: moves to the `Next` of the first rule that matches, else to `Default`.
///
/// With no match and no `Default`, the execution fails with `States.Runtime`
/// (AWS reserves `States.NoChoiceMatched` but reports `States.Runtime`).
public struct ChoiceState: Sendable {
    /// One top-level rule: a condition and where to go when it holds.
    public struct Choice: Sendable {
        /// The condition.
        public var condition: ChoiceCondition
        /// The index of the `Next` state.
        public var next: Int
        /// `Assign`: variables set when this rule matches.
        public var assign: VariableAssignment?
        /// `Output` (JSONata): the state's output when this rule matches.
        public var output: QueryTemplate?
    }

    /// The state's name.
    public var name: String
    /// `Comment`.
    public var comment: String?
    /// `Choices`, in order.
    public var choices: [Choice]
    /// `Default`: the index of the state used when no rule matches.
    public var defaultNext: Int?
    /// `InputPath`.
    public var inputPath: PayloadPath?
    /// `OutputPath`.
    public var outputPath: PayloadPath?
    /// The state's query language (its own `QueryLanguage`, or its graph's).
    public var queryLanguage: QueryLanguage = .jsonPath
    /// `Assign`: variables set when no rule matches and `Default` is taken.
    public var assign: VariableAssignment?
    /// `Output` (JSONata): the state's output when `Default` is taken.
    public var output: QueryTemplate?
}

extension ChoiceState {
    static func read(_ s: inout StateReading, reader: inout DefinitionReader) -> ChoiceState? {
        s.allow(["Choices", "Default", "InputPath", "OutputPath", "Output", "Assign"], type: "Choice", reader: &reader)
        let choicesPath = s.path.appending("Choices")
        var choices: [Choice] = []
        switch s.object["Choices"] {
        case nil:
            reader.missing("Choices", in: s.path)
        case .array(let rules)?:
            if rules.isEmpty { reader.error(choicesPath, "must contain at least one rule") }
            for (i, rule) in rules.enumerated() {
                let p = choicesPath.appending(index: i)
                guard var o = reader.object(rule, at: p, what: "a choice rule") else { continue }
                var assign: VariableAssignment?
                if let value = o.removeValue(forKey: "Assign") {
                    assign = VariableAssignment.read(
                        value, at: p.appending("Assign"), field: "Choices[\(i)]/Assign", language: s.language,
                        reader: &reader)
                }
                var output: QueryTemplate?
                let condition: ChoiceCondition?
                if s.isJSONata {
                    if let value = o["Output"] {
                        output = reader.query(value, field: "Choices[\(i)]/Output", at: p.appending("Output"))
                    }
                    condition = readCondition(o, at: p, index: i, reader: &reader)
                } else {
                    for field in ["Condition", "Output"] where o.removeValue(forKey: field) != nil {
                        reader.wrongLanguage(field, in: s.language, at: p)
                    }
                    condition = ChoiceCondition.read(o, at: p, reader: &reader, topLevel: true)
                }
                guard let next = reader.string(o, "Next", at: p, required: true),
                    let target = s.scope.resolve(next, at: p.appending("Next"), reader: &reader), let condition
                else { continue }
                choices.append(Choice(condition: condition, next: target, assign: assign, output: output))
            }
        case let other?:
            reader.error(choicesPath, "must be an array of choice rules, got \(other.typeName)")
        }
        let defaultNext = reader.string(s.object, "Default", at: s.path).flatMap {
            s.scope.resolve($0, at: s.path.appending("Default"), reader: &reader)
        }
        for field in ["Next", "End"] where s.object[field] != nil {
            reader.error(s.path.appending(field), "a Choice state cannot have '\(field)'; use 'Choices' and 'Default'")
        }
        var state = ChoiceState(
            name: s.name, comment: reader.string(s.object, "Comment", at: s.path), choices: choices,
            defaultNext: defaultNext, inputPath: reader.payloadPath(s.object, "InputPath", at: s.path),
            outputPath: reader.payloadPath(s.object, "OutputPath", at: s.path))
        state.queryLanguage = s.language
        state.assign = s.assign(reader: &reader)
        state.output = s.output(reader: &reader)
        return state
    }

    /// A JSONata rule's `Condition`: a Boolean or a `{% %}` expression.
    private static func readCondition(_ o: JSONObject, at p: FieldPath, index: Int, reader: inout DefinitionReader)
        -> ChoiceCondition?
    {
        for key in o.keys where !["Condition", "Next", "Output", "Comment"].contains(key) {
            if key == "Variable" || key == "And" || key == "Or" || key == "Not" || ChoiceCondition.operatorNames[key] != nil {
                reader.wrongLanguage(key, in: .jsonata, at: p)
            } else {
                reader.error(p.appending(key), "field '\(key)' is not supported in a choice rule")
            }
        }
        switch o["Condition"] {
        case nil:
            reader.missing("Condition", in: p)
            return nil
        case .bool(let b)?:
            return .query(try! QueryExpression(b ? "{%true%}" : "{%false%}", field: "Choices[\(index)]/Condition"))
        case .string(let text)? where QueryExpression.isExpression(text):
            return reader.query(.string(text), field: "Choices[\(index)]/Condition", at: p.appending("Condition"))?
                .wholeExpression.map(ChoiceCondition.query)
        case let other?:
            reader.error(p.appending("Condition"), "must be a JSONata expression '{% … %}' or a Boolean, got \(other.jsonString())")
            return nil
        }
    }
}

extension ChoiceCondition {
    static let operatorNames: [String: (ComparisonOperator, isPath: Bool)] = {
        var names: [String: (ComparisonOperator, isPath: Bool)] = [:]
        for op in ComparisonOperator.allCases {
            names[op.rawValue] = (op, false)
            if op.hasPathVariant { names[op.rawValue + "Path"] = (op, true) }
        }
        return names
    }()

    /// Reads a rule: a comparison with `Variable`, or `And`/`Or`/`Not`. Only top-level rules have `Next`.
    static func read(_ o: JSONObject, at p: FieldPath, reader: inout DefinitionReader, topLevel: Bool) -> ChoiceCondition? {
        let logical = ["And", "Or", "Not"].filter { o[$0] != nil }
        let comparisons = o.keys.filter { operatorNames[$0] != nil }
        let allowed = Set(["Variable", "Comment"] + logical + comparisons + (topLevel ? ["Next"] : []))
        for key in o.keys where !allowed.contains(key) {
            reader.error(
                p.appending(key),
                key == "Next" ? "only top-level choice rules can have 'Next'" : "field '\(key)' is not supported in a choice rule")
        }
        guard logical.count + comparisons.count == 1 else {
            reader.error(
                p,
                logical.count + comparisons.count == 0
                    ? "must have a comparison operator (such as StringEquals) or And, Or, Not"
                    : "must have exactly one comparison operator or And, Or, Not; found \((logical + comparisons).joined(separator: ", "))")
            return nil
        }
        if let field = logical.first {
            if o["Variable"] != nil { reader.error(p.appending("Variable"), "'Variable' cannot be used with '\(field)'") }
            let fieldPath = p.appending(field)
            if field == "Not" {
                guard let inner = reader.object(o["Not"]!, at: fieldPath, what: "'Not'") else { return nil }
                return read(inner, at: fieldPath, reader: &reader, topLevel: false).map(ChoiceCondition.not)
            }
            guard case .array(let items) = o[field]!, !items.isEmpty else {
                reader.error(fieldPath, "must be a non-empty array of choice rules")
                return nil
            }
            var conditions: [ChoiceCondition] = []
            for (i, item) in items.enumerated() {
                guard let inner = reader.object(item, at: fieldPath.appending(index: i), what: "a choice rule"),
                    let condition = read(inner, at: fieldPath.appending(index: i), reader: &reader, topLevel: false)
                else { continue }
                conditions.append(condition)
            }
            guard conditions.count == items.count else { return nil }
            return field == "And" ? .and(conditions) : .or(conditions)
        }
        let name = comparisons[0]
        let (op, isPath) = operatorNames[name]!
        guard let variableText = reader.string(o, "Variable", at: p, required: true),
            let variable = reader.jsonPath(variableText, at: p.appending("Variable"))
        else { return nil }
        let value = o[name]!
        let valuePath = p.appending(name)
        if isPath {
            guard case .string(let text) = value else {
                reader.error(valuePath, "must be a path string, got \(value.typeName)")
                return nil
            }
            return reader.jsonPath(text, at: valuePath).map { .comparison(variable: variable, op, .path($0)) }
        }
        guard value.typeName == op.operandType else {
            reader.error(valuePath, "must be a \(op.operandType), got \(value.typeName)")
            return nil
        }
        if op.operandType == "string", name.hasPrefix("Timestamp"), Timestamp.parse(value.stringValue ?? "") == nil {
            reader.error(valuePath, "\(value) is not an RFC 3339 timestamp such as 2026-01-31T12:00:00Z")
            return nil
        }
        return .comparison(variable: variable, op, .literal(value))
    }
}
