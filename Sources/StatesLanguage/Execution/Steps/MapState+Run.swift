extension ExecutionRunner {
    func runMap(_ state: MapState, input: JSONValue, variables: VariableScope, previous: inout Int) async throws
        -> StepOutcome
    {
        try await runRetrying(
            "Map", name: state.name, language: state.queryLanguage, inputPath: state.inputPath, retriers: state.retriers,
            catchers: state.catchers, transition: state.transition, input: input, variables: variables,
            previous: &previous
        ) { entered, effective, retryCount, previous in
            try await attemptMap(
                state, entered: entered, input: input, effective: effective, variables: variables,
                retryCount: retryCount, previous: &previous)
        }
    }

    /// Resolves a literal, `…Path` or JSONata number of a Map state, in AWS's words when a `…Path`
    /// value is refused (recordings `test_map_state_tolerated_failure_…_path`, `test_max_concurrency_path`).
    ///
    /// - Parameters:
    ///   - field: the field without `Path` (`MaxConcurrency`, `ToleratedFailureCount`…).
    ///   - maximum: the largest value accepted (100 for a percentage).
    func count(
        _ setting: MapState.Count?, field: String, in input: JSONValue, query: QueryData, variables: VariableScope,
        integral: Bool, maximum: Double = .infinity, entered: EnteredState, previous: inout Int
    ) throws(StatesError) -> Double? {
        switch setting {
        case nil: return nil
        case .literal(let value): return value
        case .expression(let expression):
            return try number(
                expression, query, minimum: 0, maximum: maximum, integral: integral, entered: entered,
                previous: &previous)
        case .path(let path):
            guard let value = path.value(in: environment(input, entered, variables: variables)) else {
                throw runtimeError(noResultsCause(path.path, in: input), in: entered)
            }
            // AWS also accepts a numeric string here (recorded: a variable holding "1" as MaxConcurrencyPath).
            let number: Double?
            switch value {
            case .number(let n): number = n.doubleValue
            case .string(let text): number = Double(text.trimmingCharacters(in: .whitespaces))
            default: number = nil
            }
            guard let number, number.isFinite, !integral || number.rounded() == number else {
                let shown = value.stringValue ?? value.jsonString()
                throw runtimeError(
                    "The \(field)Path field refers to value \"\(shown)\" which is not a valid \(integral ? "integer" : "float"): \(path)",
                    in: entered)
            }
            if maximum.isFinite, !(0...maximum).contains(number) {
                throw runtimeError("\(field) must be between 0 and \(Int(maximum)).", in: entered)
            }
            guard number >= 0 else { throw runtimeError("\(field) cannot be negative.", in: entered) }
            return number
        }
    }

    /// The items a Map iterates over: `Items` or the input (JSONata), `ItemsPath` (JSONPath).
    func items(
        _ state: MapState, entered: EnteredState, input: JSONValue, effective: JSONValue, query: QueryData,
        variables: VariableScope, previous: inout Int
    ) throws(StatesError) -> [JSONValue] {
        if state.queryLanguage == .jsonata {
            return try querying(entered, previous: &previous) { () throws(QueryFailure) -> [JSONValue] in
                guard let template = state.items else {
                    guard case .array(let items) = input else {
                        throw QueryFailure(
                            field: "Items", message: "Map state input must be an array but was: \(input.jsonString())")
                    }
                    return items
                }
                let value = try template.evaluate(query)
                guard case .array(let items) = value else {
                    throw template.wholeExpression?.unexpectedType(value, expected: "array")
                        ?? QueryFailure(field: "Items", message: "'Items' must be an array")
                }
                return items
            }
        }
        return try processing(entered) { () throws(StatesError) -> [JSONValue] in
            let selected: JSONValue
            if let itemsPath = state.itemsPath {
                guard let value = itemsPath.value(in: environment(effective, entered, variables: variables)) else {
                    throw StatesError.runtime(
                        "Invalid path '\(itemsPath)' : No results for path: ItemsPath='\(itemsPath)' in the input '\(effective.jsonString())'")
                }
                selected = value
            } else {
                selected = effective
            }
            guard case .array(let items) = selected else {
                throw StatesError.runtime(
                    "Item selector '\(state.itemsPath?.description ?? "$")' must select a JSON array, got \(selected.typeName)")
            }
            return items
        }
    }

    private func attemptMap(
        _ state: MapState, entered: EnteredState, input: JSONValue, effective: JSONValue, variables: VariableScope,
        retryCount: Int, previous: inout Int
    ) async throws -> StepResult {
        if state.isDistributed {
            return try await attemptDistributedMap(
                state, entered: entered, input: input, effective: effective, variables: variables,
                retryCount: retryCount, previous: &previous)
        }
        let context = contextValue(entered, retryCount: retryCount)
        let query = QueryData(
            input: input, context: context, variables: variables.values,
            environment: queryEnvironment(for: state.queryLanguage))
        // A JSONata field that fails records EvaluationFailed, then MapStateFailed (recordings
        // test_map_state_items_…); a refused `…Path` value ends the execution without MapStateFailed.
        let items: [JSONValue]
        let limit: Int
        let toleratedCount: Double?
        let toleratedPercentage: Double?
        do throws(StatesError) {
            items = try self.items(
                state, entered: entered, input: input, effective: effective, query: query, variables: variables,
                previous: &previous)
            limit = try count(
                state.maxConcurrency, field: "MaxConcurrency", in: effective, query: query, variables: variables,
                integral: true, entered: entered, previous: &previous
            ).map { Int(min($0, Double(Int32.max))) } ?? 0
            previous = try recorder.record(.mapStateStarted(length: items.count), after: previous)
            // AWS reads the tolerated failure settings once the Map has started.
            toleratedCount = try count(
                state.toleratedFailureCount, field: "ToleratedFailureCount", in: effective, query: query,
                variables: variables, integral: true, entered: entered, previous: &previous)
            toleratedPercentage = try count(
                state.toleratedFailurePercentage, field: "ToleratedFailurePercentage", in: effective, query: query,
                variables: variables, integral: false, maximum: 100, entered: entered, previous: &previous)
        } catch {
            guard error.name == .queryEvaluationError else { throw error }
            throw FailedAttempt(error: error, event: .mapStateFailed(error: error.name.rawValue, cause: error.cause))
        }

        let start = previous
        let results: [JSONValue]
        do {
            results = try await runIterations(
                state, entered: entered, items: items, effective: effective, input: input, variables: variables,
                retryCount: retryCount,
                concurrency: limit, toleratedCount: toleratedCount, toleratedPercentage: toleratedPercentage,
                after: start)
        } catch let error as StatesError {
            // Recorded once the failure is final (no retrier takes it).
            throw FailedAttempt(error: error, event: .mapStateFailed(error: error.name.rawValue, cause: error.cause))
        } catch {
            previous = try recorder.recordAfterLatest(.mapStateAborted)
            throw error
        }
        previous = try recorder.recordAfterLatest(.mapStateSucceeded)
        return try finish(
            result: .array(results), input: input, language: state.queryLanguage, resultSelector: state.resultSelector,
            resultPath: state.resultPath, outputPath: state.outputPath, output: state.output, assign: state.assign,
            context: context, query: query, variables: variables, entered: entered, previous: &previous)
    }

    /// Runs the item processor over `items`, never more than `concurrency` at once (0: no limit).
    ///
    /// Results keep input order. Memory holds the running iterations and the results, never a queue of
    /// pending work: a new iteration starts only when one finishes.
    private func runIterations(
        _ state: MapState, entered: EnteredState, items: [JSONValue], effective: JSONValue, input: JSONValue,
        variables: VariableScope, retryCount: Int, concurrency: Int, toleratedCount: Double?, toleratedPercentage: Double?, after start: Int
    ) async throws -> [JSONValue] {
        var results = [JSONValue](repeating: .null, count: items.count)
        let width = concurrency > 0 ? min(concurrency, items.count) : items.count
        let tolerates = toleratedCount != nil || toleratedPercentage != nil
        var failures = 0
        try await withThrowingTaskGroup(of: (Int, Result<JSONValue, StatesError>).self) { group in
            var nextIndex = 0
            let stepCursor = journal == nil ? nil : JournalCursor.current
            func startIteration(_ index: Int) {
                let item = items[index]
                group.addTask {
                    guard let stepCursor else {
                        return (index, try await self.runIteration(
                            state, entered: entered, index: index, item: item, effective: effective, input: input,
                            variables: variables, retryCount: retryCount, after: start))
                    }
                    // Each iteration is a lane of the journal of its own.
                    let lane = stepCursor.lane(retryCount, "[\(index)]")
                    lane.noteLaneBegun()
                    return try await JournalLane.$current.withValue(JournalLane(lane)) {
                        (index, try await self.runIteration(
                            state, entered: entered, index: index, item: item, effective: effective, input: input,
                            variables: variables, retryCount: retryCount, after: start))
                    }
                }
            }
            while nextIndex < width {
                startIteration(nextIndex)
                nextIndex += 1
            }
            while let (index, outcome) = try await group.next() {
                switch outcome {
                case .success(let output):
                    results[index] = output
                case .failure(let error):
                    failures += 1
                    guard tolerates else {
                        group.cancelAll()
                        throw error
                    }
                    results[index] = error.errorOutput
                    // With both limits set, exceeding either fails the Map (AWS).
                    let overCount = toleratedCount.map { Double(failures) > $0 } ?? false
                    let overPercentage =
                        toleratedPercentage.map { Double(failures) * 100 / Double(items.count) > $0 } ?? false
                    if overCount || overPercentage {
                        group.cancelAll()
                        throw StatesError(
                            .exceedToleratedFailureThreshold,
                            cause: "The specified tolerated failure threshold was exceeded")
                    }
                }
                if nextIndex < items.count {
                    startIteration(nextIndex)
                    nextIndex += 1
                }
            }
        }
        return results
    }

    /// Runs one iteration, recording its start and end; a failure is returned, not thrown.
    private func runIteration(
        _ state: MapState, entered: EnteredState, index: Int, item: JSONValue, effective: JSONValue, input: JSONValue,
        variables: VariableScope, retryCount: Int, after start: Int
    ) async throws -> Result<JSONValue, StatesError> {
        var lane = try recorder.record(.mapIterationStarted(name: state.name, index: index), after: start)
        do {
            let iterationInput: JSONValue
            let context = contextValue(entered, retryCount: retryCount, mapItem: (index, item))
            if state.queryLanguage == .jsonata {
                let query = QueryData(
                    input: input, context: context, variables: variables.values, environment: queryEnvironment)
                iterationInput = try querying(entered, previous: &lane) { () throws(QueryFailure) -> JSONValue in
                    try state.itemSelectorQuery?.evaluate(query) ?? item
                }
            } else {
                iterationInput = try processing(entered) { () throws(StatesError) -> JSONValue in
                    guard let selector = state.itemSelector else { return item }
                    var paths = PathEnvironment(input: effective, context: context)
                    paths.variables = variables.values
                    return try selector.evaluate(in: paths)
                }
            }
            let output = try await runGraph(state.processor, input: iterationInput, previous: &lane, variables: variables)
            try recorder.record(.mapIterationSucceeded(name: state.name, index: index), after: lane)
            return .success(output)
        } catch let error as StatesError {
            if error.name == .runtime || error.name == .referencePathConflict || error.name == .dataLimitExceeded {
                throw error
            }
            try recorder.record(
                .mapIterationFailed(name: state.name, index: index, error: error.name.rawValue, cause: error.cause),
                after: lane)
            return .failure(error)
        } catch {
            _ = try? recorder.record(.mapIterationAborted(name: state.name, index: index), after: lane)
            throw error
        }
    }
}
