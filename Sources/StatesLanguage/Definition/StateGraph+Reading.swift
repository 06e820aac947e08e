extension StateGraph {
    /// Reads `StartAt` and `States` of a top-level machine, branch or item processor.
    ///
    /// - Parameter names: every state name seen so far in the whole machine, to report duplicates.
    static func read(
        _ object: JSONObject, at path: FieldPath, reader: inout DefinitionReader, inherited: QueryLanguage,
        names: inout Set<String>
    ) -> StateGraph? {
        var language = inherited
        if let text = reader.string(object, "QueryLanguage", at: path) {
            if let parsed = QueryLanguage(rawValue: text) {
                language = parsed
            } else {
                reader.error(path.appending("QueryLanguage"), "must be \"JSONPath\" or \"JSONata\", got \"\(text)\"")
            }
        }
        let startAt = reader.string(object, "StartAt", at: path, required: true)
        guard let statesValue = object["States"] else {
            reader.missing("States", in: path)
            return nil
        }
        let statesPath = path.appending("States")
        guard let states = reader.object(statesValue, at: statesPath, what: "'States'") else { return nil }
        if states.isEmpty {
            reader.error(statesPath, "must contain at least one state")
            return nil
        }
        var indices: [String: Int] = [:]
        for (i, name) in states.keys.enumerated() {
            indices[name] = i
            if !names.insert(name).inserted {
                reader.error(
                    statesPath.appending(name), "state name \"\(name)\" is used more than once in the state machine",
                    code: .duplicateStateName)
            }
            if name.count > 80 {
                reader.error(
                    statesPath.appending(name), "state name is \(name.count) characters long; the limit is 80",
                    code: .invalidStateName)
            }
            if name.isEmpty {
                reader.error(statesPath.appending(name), "state name must not be empty", code: .invalidStateName)
            }
        }
        let scope = StateScope(indices: indices)
        var compiled: [State] = []
        for (name, value) in states {
            let statePath = statesPath.appending(name)
            guard let stateObject = reader.object(value, at: statePath, what: "a state") else { continue }
            if let state = State.read(
                name: name, stateObject, at: statePath, reader: &reader, scope: scope, language: language, names: &names)
            {
                compiled.append(state)
            }
        }
        var startIndex: Int?
        if let startAt {
            startIndex = indices[startAt]
            if startIndex == nil {
                reader.error(
                    path.appending("StartAt"), "Missing 'StartAt' target: state \"\(startAt)\" does not exist",
                    code: .missingTransitionTarget)
            }
        }
        guard let startIndex, compiled.count == states.count else { return nil }
        let graph = StateGraph(states: compiled, startIndex: startIndex, queryLanguage: language)
        graph.reportUnreachableStates(at: statesPath, reader: &reader)
        if !graph.states.contains(where: \.isTerminal) {
            reader.error(
                statesPath, "no state ends the workflow: give one state \"End\": true, or add a Succeed or Fail state",
                code: .missingEndState)
        }
        return graph
    }

    private func reportUnreachableStates(at path: FieldPath, reader: inout DefinitionReader) {
        var reached = Set([startIndex])
        var queue = [startIndex]
        while let index = queue.popLast() {
            for next in states[index].successors where reached.insert(next).inserted { queue.append(next) }
        }
        // An error on AWS, not a warning: `MISSING_TRANSITION_TARGET: State "X" is not reachable.`
        // (quoted in localstack/localstack#11978 and aws-cloudformation/cfn-lint#4073).
        for (index, state) in states.enumerated() where !reached.contains(index) {
            reader.error(
                path.appending(state.name), "State \"\(state.name)\" is not reachable.", code: .missingTransitionTarget)
        }
    }
}

/// The state names of one graph, for resolving `Next`, `Default` and catcher targets.
struct StateScope {
    let indices: [String: Int]

    /// Resolves a `Next`-like field, reporting a missing target.
    func resolve(_ name: String, at path: FieldPath, reader: inout DefinitionReader) -> Int? {
        if let index = indices[name] { return index }
        let field = path.components.last.flatMap { if case .key(let key) = $0 { key } else { nil } } ?? "Next"
        reader.error(
            path, "Missing '\(field)' target: state \"\(name)\" does not exist", code: .missingTransitionTarget)
        return nil
    }
}
