extension ExecutionRunner {
    func runMap(_ state: MapState, input: JSONValue, previous: inout Int) async throws -> StepOutcome {
        let entered = try enter("Map", state.name, input: input, previous: &previous)
        let effective = try processing(entered) { () throws(StatesError) -> JSONValue in
            try applyPath(state.inputPath, to: input, field: "InputPath", context: contextValue(entered))
        }
        let (output, catcher) = try await withRetryAndCatch(
            entered, retriers: state.retriers, catchers: state.catchers, input: input, previous: &previous
        ) { retryCount, previous in
            try await attemptMap(state, entered: entered, input: input, effective: effective, retryCount: retryCount, previous: &previous)
        }
        try exit("Map", state.name, output: output, previous: &previous)
        if let catcher { return StepOutcome(output: output, transition: .next(catcher.next)) }
        return StepOutcome(output: output, transition: state.transition)
    }

    /// Resolves a literal or `…Path` number of a Map state.
    private func count(_ setting: MapState.Count?, field: String, in input: JSONValue, entered: EnteredState)
        throws(StatesError) -> Double?
    {
        switch setting {
        case nil: return nil
        case .literal(let value): return value
        case .path(let path):
            guard let value = path.value(in: input), case .number(let number) = value, number.doubleValue >= 0 else {
                throw runtimeError(
                    "The value of '\(field)' ('\(path)') must select a non-negative number in the input '\(input.jsonString())'",
                    in: entered)
            }
            return number.doubleValue
        }
    }

    private func attemptMap(
        _ state: MapState, entered: EnteredState, input: JSONValue, effective: JSONValue, retryCount: Int,
        previous: inout Int
    ) async throws -> JSONValue {
        let items: [JSONValue] = try processing(entered) { () throws(StatesError) -> [JSONValue] in
            let selected: JSONValue
            if let itemsPath = state.itemsPath {
                guard let value = itemsPath.value(in: effective) else {
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
        let limit = try count(state.maxConcurrency, field: "MaxConcurrencyPath", in: effective, entered: entered)
            .map { Int($0) } ?? 0
        let toleratedCount = try count(
            state.toleratedFailureCount, field: "ToleratedFailureCountPath", in: effective, entered: entered)
        let toleratedPercentage = try count(
            state.toleratedFailurePercentage, field: "ToleratedFailurePercentagePath", in: effective, entered: entered)

        previous = try recorder.record(.mapStateStarted(length: items.count), after: previous)
        let start = previous
        let results: [JSONValue]
        do {
            results = try await runIterations(
                state, entered: entered, items: items, effective: effective, retryCount: retryCount,
                concurrency: limit, toleratedCount: toleratedCount, toleratedPercentage: toleratedPercentage,
                after: start)
        } catch let error as StatesError {
            previous = try recorder.record(
                .mapStateFailed(error: error.name.rawValue, cause: error.cause), after: recorder.lastID)
            throw error
        } catch {
            previous = try recorder.record(.mapStateAborted, after: recorder.lastID)
            throw error
        }
        previous = try recorder.record(.mapStateSucceeded, after: recorder.lastID)
        return try processing(entered) { () throws(StatesError) -> JSONValue in
            var result = JSONValue.array(results)
            let context = contextValue(entered, retryCount: retryCount)
            if let selector = state.resultSelector {
                result = try selector.evaluate(in: PathEnvironment(input: result, context: context))
            }
            let combined = try applyResultPath(state.resultPath, result: result, input: input)
            return try applyPath(state.outputPath, to: combined, field: "OutputPath", context: context)
        }
    }

    /// Runs the item processor over `items`, never more than `concurrency` at once (0: no limit).
    ///
    /// Results keep input order. Memory holds the running iterations and the results, never a queue of
    /// pending work: a new iteration starts only when one finishes.
    private func runIterations(
        _ state: MapState, entered: EnteredState, items: [JSONValue], effective: JSONValue, retryCount: Int,
        concurrency: Int, toleratedCount: Double?, toleratedPercentage: Double?, after start: Int
    ) async throws -> [JSONValue] {
        var results = [JSONValue](repeating: .null, count: items.count)
        let width = concurrency > 0 ? min(concurrency, items.count) : items.count
        let tolerates = toleratedCount != nil || toleratedPercentage != nil
        var failures = 0
        try await withThrowingTaskGroup(of: (Int, Result<JSONValue, StatesError>).self) { group in
            var nextIndex = 0
            func startIteration(_ index: Int) {
                let item = items[index]
                group.addTask {
                    (index, try await self.runIteration(state, entered: entered, index: index, item: item,
                                                        effective: effective, retryCount: retryCount, after: start))
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
        _ state: MapState, entered: EnteredState, index: Int, item: JSONValue, effective: JSONValue, retryCount: Int,
        after start: Int
    ) async throws -> Result<JSONValue, StatesError> {
        var lane = try recorder.record(.mapIterationStarted(name: state.name, index: index), after: start)
        do {
            let iterationInput = try processing(entered) { () throws(StatesError) -> JSONValue in
                guard let selector = state.itemSelector else { return item }
                let context = contextValue(entered, retryCount: retryCount, mapItem: (index, item))
                return try selector.evaluate(in: PathEnvironment(input: effective, context: context))
            }
            let output = try await runGraph(state.processor, input: iterationInput, previous: &lane)
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
