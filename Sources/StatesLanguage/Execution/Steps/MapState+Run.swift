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

    /// Resolves a literal, `…Path` or JSONata number of a Map state.
    private func count(
        _ setting: MapState.Count?, field: String, in input: JSONValue, query: QueryData, variables: VariableScope,
        integral: Bool, entered: EnteredState, previous: inout Int
    ) throws(StatesError) -> Double? {
        switch setting {
        case nil: return nil
        case .literal(let value): return value
        case .expression(let expression):
            // Only ToleratedFailurePercentage is fractional, and it is a percentage.
            return try number(
                expression, query, minimum: 0, maximum: integral ? .infinity : 100, integral: integral, entered: entered,
                previous: &previous)
        case .path(let path):
            // AWS also accepts a numeric string here (recorded: a variable holding "1" as MaxConcurrencyPath).
            let value = path.path.value(in: environment(input, entered, variables: variables))
            let number: Double?
            switch value {
            case .number(let n)?: number = n.doubleValue
            case .string(let text)?: number = Double(text)
            default: number = nil
            }
            guard let number, number >= 0, number.isFinite else {
                throw runtimeError(
                    "The value of '\(field)' ('\(path)') must select a non-negative number in the input '\(input.jsonString())'",
                    in: entered)
            }
            return number
        }
    }

    private func attemptMap(
        _ state: MapState, entered: EnteredState, input: JSONValue, effective: JSONValue, variables: VariableScope,
        retryCount: Int, previous: inout Int
    ) async throws -> StepResult {
        let context = contextValue(entered, retryCount: retryCount)
        let query = QueryData(input: input, context: context, variables: variables.values, environment: queryEnvironment)
        let items: [JSONValue]
        if state.queryLanguage == .jsonata {
            items = try querying(entered, previous: &previous) { () throws(QueryFailure) -> [JSONValue] in
                guard let template = state.items else {
                    guard case .array(let items) = input else {
                        throw QueryFailure(
                            field: "Items",
                            message: "The state input must be an array when 'Items' is not set, but was '\(input.typeName)'")
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
        } else {
            items = try processing(entered) { () throws(StatesError) -> [JSONValue] in
            let selected: JSONValue
            if let itemsPath = state.itemsPath {
                guard let value = itemsPath.path.value(in: environment(effective, entered, variables: variables)) else {
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
        let limit = try count(
            state.maxConcurrency, field: "MaxConcurrencyPath", in: effective, query: query, variables: variables,
            integral: true, entered: entered, previous: &previous
        ).map { Int(min($0, Double(Int32.max))) } ?? 0
        let toleratedCount = try count(
            state.toleratedFailureCount, field: "ToleratedFailureCountPath", in: effective, query: query,
            variables: variables, integral: true, entered: entered, previous: &previous)
        let toleratedPercentage = try count(
            state.toleratedFailurePercentage, field: "ToleratedFailurePercentagePath", in: effective, query: query,
            variables: variables, integral: false, entered: entered, previous: &previous)

        previous = try recorder.record(.mapStateStarted(length: items.count), after: previous)
        let start = previous
        let results: [JSONValue]
        do {
            results = try await runIterations(
                state, entered: entered, items: items, effective: effective, input: input, variables: variables,
                retryCount: retryCount,
                concurrency: limit, toleratedCount: toleratedCount, toleratedPercentage: toleratedPercentage,
                after: start)
        } catch let error as StatesError {
            previous = try recorder.recordAfterLatest(.mapStateFailed(error: error.name.rawValue, cause: error.cause))
            throw error
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
                    return try await JournalCursor.$current.withValue(stepCursor.lane(retryCount, "[\(index)]")) {
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
