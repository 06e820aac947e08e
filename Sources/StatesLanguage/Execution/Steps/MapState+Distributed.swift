import Foundation

// A distributed Map: items from the input or an ItemReader, batched by an ItemBatcher, each item
// or batch run as a child execution of a Map Run, results kept or exported by a ResultWriter.
extension ExecutionRunner {
    /// AWS's concurrency when `MaxConcurrency` is unset or 0 in a distributed Map.
    static let distributedDefaultConcurrency = 10_000

    func attemptDistributedMap(
        _ state: MapState, entered: EnteredState, input: JSONValue, effective: JSONValue, variables: VariableScope,
        retryCount: Int, previous: inout Int
    ) async throws -> StepResult {
        let context = contextValue(entered, retryCount: retryCount)
        let query = QueryData(
            input: input, context: context, variables: variables.values,
            environment: queryEnvironment(for: state.queryLanguage))
        let machineName = machine.name ?? "StateMachine"
        // In a durable run the Map Run's id is journaled in a lane of its own, which a redrive keeps:
        // a redriven Map Run keeps its ARN and records MapRunRedriven.
        let stepCursor = journal == nil ? nil : JournalCursor.current
        let runLane = stepCursor?.lane(retryCount, "{run}")
        let wasStarted = runLane.map { journal?.replay.values["\($0.prefix)#1"] != nil } ?? false
        let runID =
            runLane?.value { .string(UUID().uuidString.lowercased()) }.stringValue ?? UUID().uuidString.lowercased()
        let label = state.label ?? String(state.name.prefix(40))
        let mapRunARN = "arn:aws:states:\(executor.region):\(executor.accountID):mapRun:\(machineName)/\(label):\(runID)"

        let feed: ItemFeed
        let limit: Int
        let toleratedCount: Double?
        let toleratedPercentage: Double?
        do throws(StatesError) {
            if state.itemReader == nil {
                feed = ItemFeed(
                    items: try items(
                        state, entered: entered, input: input, effective: effective, query: query,
                        variables: variables, previous: &previous))
            } else {
                feed = ItemFeed(items: [])
            }
            limit = try count(
                state.maxConcurrency, field: "MaxConcurrency", in: effective, query: query, variables: variables,
                integral: true, entered: entered, previous: &previous
            ).map { Int(min($0, Double(Int32.max))) } ?? 0
            previous = try recorder.record(.mapStateStarted(length: feed.arrayCount), after: previous)
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
        let concurrency = limit > 0 ? limit : Self.distributedDefaultConcurrency
        let run = MapRun(
            arn: mapRunARN, stateName: state.name, status: "RUNNING", maxConcurrency: limit,
            toleratedFailurePercentage: toleratedPercentage ?? 0, toleratedFailureCount: Int(toleratedCount ?? 0))
        let runIndex = mapRuns.withLock { runs in
            runs.append(run)
            return runs.count - 1
        }
        if wasStarted, journal?.isRedrive == true {
            previous = try recorder.record(
                .mapRunRedriven(mapRunARN: mapRunARN, redriveCount: self.context.redrive?.count ?? 1), after: previous)
        } else {
            previous = try recorder.record(.mapRunStarted(mapRunARN: mapRunARN), after: previous)
        }

        let result: JSONValue
        do {
            var source = feed
            if let reader = state.itemReader {
                source = try await openReader(
                    reader, state: state, entered: entered, input: input, effective: effective, query: query,
                    variables: variables, previous: &previous)
            }
            let batching = try batchSettings(
                state, entered: entered, input: input, effective: effective, query: query, variables: variables,
                previous: &previous)
            let writer = try resultDestination(
                state, entered: entered, effective: effective, query: query, variables: variables, runID: runID,
                mapRunARN: mapRunARN, previous: &previous)
            let children = ChildRunSettings(
                state: state, machineName: machineName, label: label, runIndex: runIndex, concurrency: concurrency,
                toleratedCount: toleratedCount, toleratedPercentage: toleratedPercentage, batching: batching,
                writer: writer, entered: entered, effective: effective, input: input, variables: variables,
                retryCount: retryCount, stepCursor: stepCursor)
            result = try await runChildren(children, source: source)
        } catch let error as StatesError {
            mapRuns.withLock { $0[runIndex].status = "FAILED" }
            journalMapRun(runIndex, lane: runLane)
            // After the newest event: a resumed run finds the earlier run's MapRunFailed again
            // (recorder.lastID is then the end of the earlier history, not this step's place in it).
            previous = try recorder.recordAfterLatest(.mapRunFailed(error: error.name.rawValue, cause: error.cause))
            throw FailedAttempt(error: error, event: .mapStateFailed(error: error.name.rawValue, cause: error.cause))
        } catch {
            mapRuns.withLock { $0[runIndex].status = "ABORTED" }
            // An export the stop kept from finishing is named in the abort (States.ResultWriterFailed).
            let unfinished = (error as? ResultWriterGrace.Failure)?.error
            _ = try? recorder.record(
                .mapRunAborted(error: unfinished?.name.rawValue, cause: unfinished?.cause), after: recorder.lastID)
            previous = try recorder.record(.mapStateAborted, after: recorder.lastID)
            throw unfinished == nil ? error : CancellationError()
        }
        mapRuns.withLock { $0[runIndex].status = "SUCCEEDED" }
        journalMapRun(runIndex, lane: runLane)
        previous = try recorder.record(.mapRunSucceeded, after: recorder.lastID)
        previous = try recorder.record(.mapStateSucceeded, after: previous)
        return try finish(
            result: result, input: input, language: state.queryLanguage, resultSelector: state.resultSelector,
            resultPath: state.resultPath, outputPath: state.outputPath, output: state.output, assign: state.assign,
            context: context, query: query, variables: variables, entered: entered, previous: &previous)
    }

    /// Keeps the Map Run's DescribeMapRun data and its children's ARNs in the journal (the run's
    /// lane, second value), where `sfnrun describe` and `sfnrun list --map-run` find them.
    private func journalMapRun(_ index: Int, lane: JournalCursor?) {
        guard let journal, let lane else { return }
        let run = mapRuns.withLock { $0[index] }
        guard case .object(var document) = run.describeJSON else { return }
        document["stateName"] = .string(run.stateName)
        document["executionArns"] = .array(run.childExecutionARNs.map(JSONValue.string))
        journal.append(.value(key: "\(lane.prefix)#\(StoredExecution.mapRunValueIndex)", value: .object(document)))
    }

    /// The executor's object storage, or S3 calls through the task handlers (AWS, or a mock test case).
    private func objectStorage(for state: MapState) -> any ObjectStorage {
        executor.objectStorage ?? TaskObjectStorage(registry: executor.registry, stateName: state.name, clock: clock)
    }

    /// Evaluates a JSONPath `Parameters` or JSONata `Arguments` of an ItemReader or ResultWriter.
    private func readerArguments(
        parameters: PayloadTemplate?, arguments: QueryTemplate?, entered: EnteredState, effective: JSONValue,
        query: QueryData, variables: VariableScope, previous: inout Int
    ) throws(StatesError) -> JSONObject {
        let value: JSONValue
        if let arguments {
            value = try querying(entered, previous: &previous) { () throws(QueryFailure) -> JSONValue in
                try arguments.evaluate(query)
            }
        } else if let parameters {
            let context = contextValue(entered)
            value = try processing(entered) { () throws(StatesError) -> JSONValue in
                var paths = PathEnvironment(input: effective, context: context)
                paths.variables = variables.values
                return try parameters.evaluate(in: paths)
            }
        } else {
            value = .object(JSONObject())
        }
        return value.objectValue ?? JSONObject()
    }

    private func openReader(
        _ reader: ItemReader, state: MapState, entered: EnteredState, input: JSONValue, effective: JSONValue,
        query: QueryData, variables: VariableScope, previous: inout Int
    ) async throws -> ItemFeed {
        let arguments = try readerArguments(
            parameters: reader.parameters, arguments: reader.arguments, entered: entered, effective: effective,
            query: query, variables: variables, previous: &previous)
        var maxItems: Int?
        if let setting = reader.maxItems {
            let value: Double?
            switch setting {
            case .literal(let n): value = n
            case .expression(let e):
                value = try querying(entered, previous: &previous) { () throws(QueryFailure) -> JSONValue in
                    try e.evaluate(query)
                }.numberValue?.doubleValue
            case .path(let path):
                // A numeric string counts, as it does for MaxConcurrencyPath (recorded: a variable holding "2").
                switch path.value(in: environment(effective, entered, variables: variables)) {
                case .number(let n)?: value = n.doubleValue
                case .string(let text)?: value = Double(text.trimmingCharacters(in: .whitespaces))
                default: value = nil
                }
            }
            guard let value, value.rounded() == value else {
                throw StatesError(.itemReaderFailed, cause: "field MaxItems must be an integer")
            }
            guard value >= 0 else { throw StatesError(.itemReaderFailed, cause: "field MaxItems must be positive") }
            // 0 means no limit; AWS caps MaxItems at 100,000,000.
            maxItems = value == 0 ? nil : Int(min(value, 100_000_000))
        }
        let storage = objectStorage(for: state)
        guard let bucket = arguments["Bucket"]?.stringValue else {
            throw StatesError(.itemReaderFailed, cause: "The ItemReader's Parameters must give a string Bucket")
        }
        switch reader.source {
        case .listObjectsV2:
            return ItemFeed(listing: storage, bucket: bucket, prefix: arguments["Prefix"]?.stringValue ?? "", maxItems: maxItems)
        case .getObject:
            guard let key = arguments["Key"]?.stringValue else {
                throw StatesError(.itemReaderFailed, cause: "The ItemReader's Parameters must give a string Key")
            }
            let format: ItemDecoder.Format
            switch reader.inputType ?? .json {
            case .json: format = .jsonArray
            case .jsonl: format = .jsonLines
            case .csv: format = .csv(headers: reader.csvHeaders, delimiter: reader.csvDelimiter.byte)
            case .manifest:
                return try await ItemFeed(
                    manifest: storage, bucket: bucket, key: key, headers: reader.csvHeaders,
                    delimiter: reader.csvDelimiter.byte, maxItems: maxItems)
            }
            return try await ItemFeed(object: storage, bucket: bucket, key: key, format: format, maxItems: maxItems)
        }
    }

    /// The ItemBatcher's settings, resolved.
    struct Batching: Sendable {
        var maxItems: Int?
        var maxBytes: Int?
        var batchInput: JSONValue?
    }

    private func batchSettings(
        _ state: MapState, entered: EnteredState, input: JSONValue, effective: JSONValue, query: QueryData,
        variables: VariableScope, previous: inout Int
    ) throws(StatesError) -> Batching? {
        guard let batcher = state.itemBatcher else { return nil }
        func resolve(_ setting: MapState.Count?, field: String) throws(StatesError) -> Int? {
            let value = try count(
                setting, field: field, in: effective, query: query, variables: variables, integral: true,
                entered: entered, previous: &previous)
            return value.flatMap { $0 > 0 ? Int(min($0, Double(Int32.max))) : nil }
        }
        var batching = Batching(
            maxItems: try resolve(batcher.maxItems, field: "MaxItemsPerBatch"),
            maxBytes: try resolve(batcher.maxInputBytes, field: "MaxInputBytesPerBatch").map {
                min($0, ItemBatcher.byteLimit)
            })
        if let template = batcher.batchInputQuery {
            batching.batchInput = try querying(entered, previous: &previous) { () throws(QueryFailure) -> JSONValue in
                try template.evaluate(query)
            }
        } else if let template = batcher.batchInput {
            let context = contextValue(entered)
            batching.batchInput = try processing(entered) { () throws(StatesError) -> JSONValue in
                var paths = PathEnvironment(input: effective, context: context)
                paths.variables = variables.values
                return try template.evaluate(in: paths)
            }
        }
        return batching
    }

    private func resultDestination(
        _ state: MapState, entered: EnteredState, effective: JSONValue, query: QueryData, variables: VariableScope,
        runID: String, mapRunARN: String, previous: inout Int
    ) throws(StatesError) -> ResultExport? {
        guard let writer = state.resultWriter else { return nil }
        guard writer.exports else {
            return ResultExport(writer: writer, storage: nil, bucket: "", prefix: "", mapRunARN: mapRunARN, runID: runID)
        }
        let arguments = try readerArguments(
            parameters: writer.parameters, arguments: writer.arguments, entered: entered, effective: effective,
            query: query, variables: variables, previous: &previous)
        guard let bucket = arguments["Bucket"]?.stringValue else {
            throw StatesError(.resultWriterFailed, cause: "The ResultWriter's Parameters must give a string Bucket")
        }
        let storage = objectStorage(for: state)
        return ResultExport(
            writer: writer, storage: storage, bucket: bucket,
            prefix: arguments["Prefix"]?.stringValue ?? "", mapRunARN: mapRunARN, runID: runID)
    }
}

extension StateMachine {
    /// A child execution's machine: a distributed Map's item processor.
    init(processor: StateGraph, definition: JSONValue, name: String, type: StateMachineType) {
        self.name = name
        graph = processor
        warnings = []
        self.definition = definition
        self.type = type
    }
}
