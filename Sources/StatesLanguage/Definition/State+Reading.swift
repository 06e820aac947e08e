extension State {
    static let commonFields: Set<String> = ["Type", "Comment", "QueryLanguage"]

    /// Fields only JSONPath states may have.
    static let jsonPathOnlyFields: Set<String> = [
        "InputPath", "OutputPath", "Parameters", "ResultSelector", "ResultPath", "Result", "ItemsPath",
        "TimeoutSecondsPath", "HeartbeatSecondsPath", "SecondsPath", "TimestampPath", "ErrorPath", "CausePath",
        "MaxConcurrencyPath", "ToleratedFailureCountPath", "ToleratedFailurePercentagePath",
    ]
    /// Fields only JSONata states may have.
    static let jsonataOnlyFields: Set<String> = ["Arguments", "Output", "Items"]

    /// Reads and validates one state of any type.
    ///
    /// - Parameter language: the enclosing graph's query language, which the state uses unless it sets its own.
    static func read(
        name: String, _ object: JSONObject, at path: FieldPath, reader: inout DefinitionReader, scope: StateScope,
        language: QueryLanguage, names: inout Set<String>
    ) -> State? {
        guard let type = reader.string(object, "Type", at: path, required: true) else { return nil }
        var stateLanguage = language
        if let text = reader.string(object, "QueryLanguage", at: path) {
            if let parsed = QueryLanguage(rawValue: text) {
                if language == .jsonata && parsed == .jsonPath {
                    reader.error(path, "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine")
                }
                stateLanguage = parsed
            } else {
                reader.error(path.appending("QueryLanguage"), "must be \"JSONPath\" or \"JSONata\", got \"\(text)\"")
            }
        }
        var state = StateReading(name: name, object: object, path: path, scope: scope, language: stateLanguage)
        switch type {
        case "Pass": return PassState.read(&state, reader: &reader).map(State.pass)
        case "Task": return TaskState.read(&state, reader: &reader).map(State.task)
        case "Choice": return ChoiceState.read(&state, reader: &reader).map(State.choice)
        case "Wait": return WaitState.read(&state, reader: &reader).map(State.wait)
        case "Succeed": return SucceedState.read(&state, reader: &reader).map(State.succeed)
        case "Fail": return FailState.read(&state, reader: &reader).map(State.fail)
        case "Parallel":
            return ParallelState.read(&state, reader: &reader, language: language, names: &names).map(State.parallel)
        case "Map": return MapState.read(&state, reader: &reader, language: language, names: &names).map(State.map)
        default:
            reader.error(
                path.appending("Type"),
                "unknown state type \"\(type)\"; expected Pass, Task, Choice, Wait, Succeed, Fail, Parallel or Map")
            return nil
        }
    }
}

/// The state being read: its name, JSON, location and the names it may refer to.
struct StateReading {
    let name: String
    let object: JSONObject
    let path: FieldPath
    let scope: StateScope
    /// The state's query language.
    let language: QueryLanguage

    var isJSONata: Bool { language == .jsonata }

    /// Rejects fields not allowed for this state type (in either language), and fields of the
    /// other query language with AWS's message.
    func allow(_ fields: Set<String>, type: String, reader: inout DefinitionReader) {
        reader.rejectUnknownFields(
            object, allowed: fields.union(State.commonFields), at: path, what: "a \(type) state")
        let foreign = isJSONata ? State.jsonPathOnlyFields : State.jsonataOnlyFields
        for key in object.keys where fields.contains(key) && foreign.contains(key) {
            reader.wrongLanguage(key, in: language, at: path)
        }
    }

    /// `Assign`, in the state's language.
    func assign(reader: inout DefinitionReader) -> VariableAssignment? {
        guard let value = object["Assign"] else { return nil }
        return VariableAssignment.read(
            value, at: path.appending("Assign"), field: "Assign", language: language, reader: &reader)
    }

    /// `Output` of a JSONata state.
    func output(reader: inout DefinitionReader) -> QueryTemplate? {
        isJSONata ? reader.query(object, "Output", at: path) : nil
    }

    /// A JSONata field holding one whole `{% %}` expression, or `nil` when the value is not a string.
    ///
    /// A string that is not wrapped in `{% %}` is reported.
    func expression(_ key: String, reader: inout DefinitionReader) -> QueryExpression? {
        guard case .string(let text)? = object[key] else { return nil }
        guard QueryExpression.isExpression(text) else {
            reader.error(path.appending(key), "must be a number or a JSONata expression '{% … %}', got \"\(text)\"")
            return nil
        }
        return reader.query(.string(text), field: key, at: path.appending(key))?.wholeExpression
    }

    /// `Next` or `End`: exactly one of them.
    func transition(reader: inout DefinitionReader) -> Transition? {
        let next = reader.string(object, "Next", at: path)
        let end = reader.bool(object, "End", at: path)
        switch (next, end) {
        case (let next?, nil), (let next?, false?):
            return scope.resolve(next, at: path.appending("Next"), reader: &reader).map(Transition.next)
        case (nil, true?):
            return .end
        case (_?, true?):
            reader.error(path.appending("End"), "'Next' and 'End' cannot both be set")
            return nil
        case (nil, _):
            if object["Next"] == nil && object["End"] == nil || end == false {
                reader.error(path, "must have either 'Next' or \"End\": true")
            }
            return nil
        }
    }

    /// `Retry`.
    func retriers(reader: inout DefinitionReader) -> [Retrier] {
        guard let value = object["Retry"] else { return [] }
        let retryPath = path.appending("Retry")
        guard case .array(let entries) = value else {
            reader.error(retryPath, "must be an array, got \(value.typeName)")
            return []
        }
        var retriers: [Retrier] = []
        for (i, entry) in entries.enumerated() {
            let p = retryPath.appending(index: i)
            guard let o = reader.object(entry, at: p, what: "a retrier") else { continue }
            reader.rejectUnknownFields(
                o,
                allowed: ["ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate", "MaxDelaySeconds",
                    "JitterStrategy", "Comment"], at: p, what: "a retrier")
            let errors = errorEquals(o, at: p, isLast: i == entries.count - 1, reader: &reader)
            var retrier = Retrier(errorEquals: errors)
            if let v = reader.integer(o, "IntervalSeconds", at: p, in: 1...99_999_999) { retrier.intervalSeconds = v }
            if let v = reader.integer(o, "MaxAttempts", at: p, in: 0...99_999_999) { retrier.maxAttempts = v }
            if let v = reader.number(o, "BackoffRate", at: p) {
                if v < 1.0 {
                    reader.error(p.appending("BackoffRate"), "must be at least 1.0, got \(v)")
                } else {
                    retrier.backoffRate = v
                }
            }
            retrier.maxDelaySeconds = reader.integer(o, "MaxDelaySeconds", at: p, in: 1...31_622_400)
            if let text = reader.string(o, "JitterStrategy", at: p) {
                if let jitter = Retrier.JitterStrategy(rawValue: text) {
                    retrier.jitterStrategy = jitter
                } else {
                    reader.error(p.appending("JitterStrategy"), "must be \"FULL\" or \"NONE\", got \"\(text)\"")
                }
            }
            retriers.append(retrier)
        }
        return retriers
    }

    /// `Catch`.
    func catchers(reader: inout DefinitionReader) -> [Catcher] {
        guard let value = object["Catch"] else { return [] }
        let catchPath = path.appending("Catch")
        guard case .array(let entries) = value else {
            reader.error(catchPath, "must be an array, got \(value.typeName)")
            return []
        }
        var catchers: [Catcher] = []
        for (i, entry) in entries.enumerated() {
            let p = catchPath.appending(index: i)
            guard let o = reader.object(entry, at: p, what: "a catcher") else { continue }
            reader.rejectUnknownFields(
                o, allowed: ["ErrorEquals", "Next", "ResultPath", "Output", "Assign", "Comment"], at: p, what: "a catcher")
            if isJSONata, o["ResultPath"] != nil { reader.wrongLanguage("ResultPath", in: language, at: p) }
            if !isJSONata, o["Output"] != nil { reader.wrongLanguage("Output", in: language, at: p) }
            let errors = errorEquals(o, at: p, isLast: i == entries.count - 1, reader: &reader)
            let resultPath = isJSONata ? nil : reader.resultPath(o, at: p)
            var output: QueryTemplate?
            if isJSONata, let value = o["Output"] {
                output = reader.query(value, field: "Catch[\(i)]/Output", at: p.appending("Output"))
            }
            var assign: VariableAssignment?
            if let value = o["Assign"] {
                assign = VariableAssignment.read(
                    value, at: p.appending("Assign"), field: "Catch[\(i)]/Assign", language: language, reader: &reader)
            }
            guard let next = reader.string(o, "Next", at: p, required: true),
                let target = scope.resolve(next, at: p.appending("Next"), reader: &reader)
            else { continue }
            catchers.append(
                Catcher(errorEquals: errors, next: target, resultPath: resultPath, output: output, assign: assign))
        }
        return catchers
    }

    private func errorEquals(_ o: JSONObject, at p: FieldPath, isLast: Bool, reader: inout DefinitionReader)
        -> [ErrorName]
    {
        let field = p.appending("ErrorEquals")
        guard let value = o["ErrorEquals"] else {
            reader.missing("ErrorEquals", in: p)
            return []
        }
        guard case .array(let items) = value, !items.isEmpty else {
            reader.error(field, "must be a non-empty array of error names")
            return []
        }
        var names: [ErrorName] = []
        for (j, item) in items.enumerated() {
            guard case .string(let name) = item else {
                reader.error(field.appending(index: j), "must be a string, got \(item.typeName)")
                continue
            }
            names.append(ErrorName(rawValue: name))
        }
        if names.contains(.all) {
            if names.count > 1 {
                reader.error(field, "States.ALL must appear alone in ErrorEquals")
            } else if !isLast {
                reader.error(field, "States.ALL must be in the last entry")
            }
        }
        return names
    }

    /// `TimeoutSeconds`/`TimeoutSecondsPath` and the like.
    func seconds(_ field: String, reader: inout DefinitionReader) -> TaskState.Seconds? {
        if isJSONata, case .string? = object[field] {
            return expression(field, reader: &reader).map(TaskState.Seconds.expression)
        }
        reader.exclusive(object, field, field + "Path", at: path)
        if let value = reader.integer(object, field, at: path, in: 1...99_999_999) { return .literal(value) }
        if let text = reader.string(object, field + "Path", at: path),
            let reference = reader.referencePath(text, at: path.appending(field + "Path"))
        {
            return .path(reference)
        }
        return nil
    }
}
