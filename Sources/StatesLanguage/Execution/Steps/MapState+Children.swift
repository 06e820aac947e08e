import Foundation

/// What a distributed Map's child executions need, resolved once per Map Run.
struct ChildRunSettings: Sendable {
    var state: MapState
    var machineName: String
    var label: String
    var runIndex: Int
    var concurrency: Int
    var toleratedCount: Double?
    var toleratedPercentage: Double?
    var batching: ExecutionRunner.Batching?
    var writer: ResultExport?
    var entered: EnteredState
    var effective: JSONValue
    var input: JSONValue
    var variables: VariableScope
    var retryCount: Int
    /// The Map step's journal cursor in a durable run.
    var stepCursor: JournalCursor?
}

extension ExecutionRunner {
    /// Starts the child executions, never more than `concurrency` at once, pulling items only when a
    /// child can start: memory holds the running children and (without a ResultWriter export) the results.
    func runChildren(_ s: ChildRunSettings, source: ItemFeed) async throws -> JSONValue {
        let childMachine = StateMachine(
            processor: s.state.processor, definition: s.state.processorDefinition, name: "\(s.machineName)/\(s.label)",
            type: s.state.executionType)
        let childExecutor = executor
        let runner = self
        var results: [JSONValue?] = []
        var sink = ResultSink(export: s.writer)
        var failures = 0
        var itemCount = 0
        var carry: JSONValue?
        var exhausted = false
        var batchCount = 0

        /// The next child's input: one item (through ItemSelector) or a batch.
        func nextInput() async throws -> (Int, JSONValue, Int)? {
            if exhausted { return nil }
            guard let batching = s.batching else {
                guard let item = try await source.next() else {
                    exhausted = true
                    return nil
                }
                let index = itemCount
                itemCount += 1
                return (index, try select(item, index: index, s), 1)
            }
            var batch: [JSONValue] = []
            var bytes = 0
            while batching.maxItems.map({ batch.count < $0 }) ?? true {
                let next: JSONValue
                if let pending = carry {
                    next = pending
                    carry = nil
                } else if let item = try await source.next() {
                    next = try select(item, index: itemCount, s)
                    itemCount += 1
                } else {
                    exhausted = true
                    break
                }
                if let maxBytes = batching.maxBytes {
                    let size = next.jsonString().utf8.count + 1
                    if !batch.isEmpty, bytes + size > maxBytes {
                        carry = next
                        break
                    }
                    bytes += size
                }
                batch.append(next)
            }
            guard !batch.isEmpty else { return nil }
            var input: JSONObject = ["Items": .array(batch)]
            if let batchInput = batching.batchInput { input["BatchInput"] = batchInput }
            let index = batchCount
            batchCount += 1
            return (index, .object(input), batch.count)
        }

        func record(_ outcome: ChildOutcome, items: Int) {
            mapRuns.withLock { runs in
                if runs[s.runIndex].childExecutionARNs.count < MapRun.keptChildARNs {
                    runs[s.runIndex].childExecutionARNs.append(outcome.executionARN)
                }
                runs[s.runIndex].executionCounts.running -= 1
                runs[s.runIndex].itemCounts.running -= items
                switch outcome.status {
                case "SUCCEEDED":
                    runs[s.runIndex].executionCounts.succeeded += 1
                    runs[s.runIndex].itemCounts.succeeded += items
                case "TIMED_OUT":
                    runs[s.runIndex].executionCounts.timedOut += 1
                    runs[s.runIndex].itemCounts.timedOut += items
                case "ABORTED":
                    runs[s.runIndex].executionCounts.aborted += 1
                    runs[s.runIndex].itemCounts.aborted += items
                default:
                    runs[s.runIndex].executionCounts.failed += 1
                    runs[s.runIndex].itemCounts.failed += items
                }
            }
        }

        var sequence = 0
        let tolerates = s.toleratedCount != nil || s.toleratedPercentage != nil
        do {
            try await withThrowingTaskGroup(of: (ChildOutcome, Int).self) { group in
                func start(_ index: Int, _ input: JSONValue, items: Int) {
                    sequence += 1
                    let name = UUID().uuidString.lowercased()
                    mapRuns.withLock { runs in
                        runs[s.runIndex].executionCounts.running += 1
                        runs[s.runIndex].itemCounts.running += items
                    }
                    // In a durable run, a child that succeeded before (a resume, or a redrive of the
                    // Map Run) is not run again: its outcome is in the journal, under the child's lane.
                    let lane = s.stepCursor?.lane(s.retryCount, "[\(index)]")
                    let key = lane.map { "\($0.prefix)#1" }
                    if let key, let recorded = journal?.replay.values[key], let outcome = ChildOutcome(recorded, index: index, input: input) {
                        group.addTask { (outcome, items) }
                        return
                    }
                    group.addTask { [runner, childMachine, childExecutor, journal] in
                        let outcome = await runner.runChild(
                            childMachine, executor: childExecutor, name: name, index: index, input: input)
                        if let key, let journal, outcome.status == "SUCCEEDED" {
                            journal.append(.value(key: key, value: outcome.journalValue))
                        }
                        return (outcome, items)
                    }
                }
                var running = 0
                while running < s.concurrency, let (index, input, items) = try await nextInput() {
                    if s.writer == nil || s.writer?.storage == nil { results.append(nil) }
                    start(index, input, items: items)
                    running += 1
                }
                while let (outcome, items) = try await group.next() {
                    // A stopped parent aborts its children: that is the Map Run's abort, not their failure.
                    try Task.checkCancellation()
                    running -= 1
                    record(outcome, items: items)
                    if let writer = s.writer, writer.storage != nil {
                        try await sink.add(outcome)
                    } else {
                        let entries = s.writer?.entry(outcome) ?? ResultExport.compactEntry(outcome)
                        results[outcome.index] = entries.count == 1 && s.writer?.writer.transformation != .flatten
                            ? entries[0] : .array(entries)
                    }
                    if outcome.status != "SUCCEEDED" {
                        // Thresholds count items: a failed batch fails every item in it (AWS).
                        failures += items
                        guard tolerates else {
                            group.cancelAll()
                            throw StatesError(
                                ErrorName(rawValue: "States.ExceedToleratedFailureThreshold"),
                                cause: "The specified tolerated failure threshold was exceeded")
                        }
                        let overCount = s.toleratedCount.map { Double(failures) > $0 } ?? false
                        let total = source.arrayCount > 0 ? source.arrayCount : nil
                        let overPercentage = total.flatMap { total in
                            s.toleratedPercentage.map { Double(failures) * 100 / Double(total) > $0 }
                        } ?? false
                        if overCount || overPercentage {
                            group.cancelAll()
                            throw StatesError(
                                .exceedToleratedFailureThreshold,
                                cause: "The specified tolerated failure threshold was exceeded")
                        }
                    }
                    if let (index, input, count) = try await nextInput() {
                        if s.writer == nil || s.writer?.storage == nil { results.append(nil) }
                        start(index, input, items: count)
                        running += 1
                    }
                }
            }
            if failures > 0, let percentage = s.toleratedPercentage, itemCount > 0,
                Double(failures) * 100 / Double(max(itemCount, source.arrayCount)) > percentage
            {
                throw StatesError(
                    .exceedToleratedFailureThreshold, cause: "The specified tolerated failure threshold was exceeded")
            }
        } catch let error as StatesError {
            if error.name == .exceedToleratedFailureThreshold, s.writer?.storage != nil {
                _ = try? await sink.finish()
            }
            throw error
        }
        if let export = s.writer, export.storage != nil {
            let key = try await sink.finish()
            return ["MapRunArn": .string(export.mapRunARN), "ResultWriterDetails": ["Bucket": .string(export.bucket), "Key": .string(key)]]
        }
        let values = results.map { $0 ?? .null }
        if s.writer?.writer.transformation == .flatten {
            return .array(values.flatMap { $0.arrayValue ?? [$0] })
        }
        return .array(values)
    }

    /// An item's child input: the item, or what `ItemSelector` makes of it (with `$$.Map.Item`).
    private func select(_ item: JSONValue, index: Int, _ s: ChildRunSettings) throws(StatesError) -> JSONValue {
        if s.state.queryLanguage == .jsonata {
            guard let selector = s.state.itemSelectorQuery else { return item }
            let context = contextValue(s.entered, retryCount: s.retryCount, mapItem: (index, item))
            let query = QueryData(
                input: s.input, context: context, variables: s.variables.values, environment: queryEnvironment)
            var lane = 0
            return try querying(s.entered, previous: &lane) { () throws(QueryFailure) -> JSONValue in
                try selector.evaluate(query)
            }
        }
        guard let selector = s.state.itemSelector else { return item }
        let context = contextValue(s.entered, retryCount: s.retryCount, mapItem: (index, item))
        return try processing(s.entered) { () throws(StatesError) -> JSONValue in
            var paths = PathEnvironment(input: s.effective, context: context)
            paths.variables = s.variables.values
            return try selector.evaluate(in: paths)
        }
    }

    /// Runs one child execution to its end.
    private func runChild(
        _ machine: StateMachine, executor: Executor, name: String, index: Int, input: JSONValue
    ) async -> ChildOutcome {
        let result: ExecutionResult
        // With an execution store, each child is an execution of its own there (Standard children;
        // AWS keeps no history of Express ones).
        if executor.store != nil, machine.type == .standard,
            let execution = try? await executor.start(machine, input: input, name: name)
        {
            result = await withTaskCancellationHandler {
                await execution.result
            } onCancel: {
                execution.stop()
            }
        } else {
            result = await ExecutionRunner(executor: executor, machine: machine, input: input, name: name).run()
        }
        let machineARN = "arn:aws:states:\(executor.region):\(executor.accountID):stateMachine:\(machine.name ?? "")"
        var outcome = ChildOutcome(
            index: index, status: result.status.name, name: name, executionARN: result.executionARN,
            stateMachineARN: machineARN, input: input, output: result.output,
            startDate: result.startDate, stopDate: result.stopDate)
        if let error = result.error {
            outcome.error = error.name.rawValue
            outcome.cause = error.cause
        }
        return outcome
    }
}

extension ChildOutcome {
    /// What the journal keeps of a child that succeeded.
    var journalValue: JSONValue {
        [
            "name": .string(name), "arn": .string(executionARN), "machine": .string(stateMachineARN),
            "output": output ?? .null, "start": .double(startDate.timeIntervalSince1970),
            "stop": .double(stopDate.timeIntervalSince1970),
        ]
    }

    /// A succeeded child's outcome from the journal.
    init?(_ value: JSONValue, index: Int, input: JSONValue) {
        guard let name = value["name"]?.stringValue, let arn = value["arn"]?.stringValue else { return nil }
        self.init(
            index: index, status: "SUCCEEDED", name: name, executionARN: arn,
            stateMachineARN: value["machine"]?.stringValue ?? "", input: input, output: value["output"],
            startDate: Date(timeIntervalSince1970: value["start"]?.numberValue?.doubleValue ?? 0),
            stopDate: Date(timeIntervalSince1970: value["stop"]?.numberValue?.doubleValue ?? 0))
    }
}

extension ResultExport {
    /// The default (COMPACT) entry when there is no ResultWriter.
    static func compactEntry(_ outcome: ChildOutcome) -> [JSONValue] {
        outcome.status == "SUCCEEDED" ? [outcome.output ?? .null] : [outcome.detail]
    }
}

/// Collects exported results and writes them in parts, then the manifest. Entries are encoded as
/// they arrive, so a part in the making holds text, not JSON values.
struct ResultSink {
    let export: ResultExport?
    private var buffers: [String: [UInt8]] = [:]
    private var files: [String: [JSONValue]] = ["SUCCEEDED": [], "FAILED": [], "PENDING": []]
    /// How many results were handed over.
    private(set) var count = 0
    /// A part is written once its text reaches this many bytes.
    static let partBytes = 8 * 1024 * 1024

    init(export: ResultExport?) { self.export = export }

    mutating func add(_ outcome: ChildOutcome) async throws {
        guard let export else { return }
        count += 1
        let status = outcome.status == "SUCCEEDED" ? "SUCCEEDED" : "FAILED"
        var buffer = buffers[status] ?? []
        buffers[status] = nil
        for entry in export.entry(outcome) {
            switch export.writer.outputType {
            case .json: buffer.append(buffer.isEmpty ? UInt8(ascii: "[") : UInt8(ascii: ","))
            case .jsonl: break
            }
            buffer += entry.jsonString().utf8
            if export.writer.outputType == .jsonl { buffer.append(UInt8(ascii: "\n")) }
        }
        buffers[status] = buffer
        if buffer.count >= Self.partBytes { try await flush(status) }
    }

    private mutating func flush(_ status: String) async throws {
        guard let export, let storage = export.storage, var bytes = buffers[status], !bytes.isEmpty else { return }
        if export.writer.outputType == .json { bytes.append(UInt8(ascii: "]")) }
        let key = export.folder + "\(status)_\(files[status, default: []].count).json"
        do {
            try await storage.write(bucket: export.bucket, key: key, contents: bytes)
        } catch {
            throw StatesError(.resultWriterFailed, cause: "s3://\(export.bucket)/\(key) could not be written: \(ItemFeed.describe(error))")
        }
        files[status, default: []].append(["Key": .string(key), "Size": .integer(bytes.count)])
        buffers[status] = []
    }

    /// Writes the remaining parts and `manifest.json`; returns the manifest's key.
    @discardableResult
    mutating func finish() async throws -> String {
        guard let export, let storage = export.storage else { return "" }
        for status in ["SUCCEEDED", "FAILED", "PENDING"] { try await flush(status) }
        let manifest: JSONValue = [
            "DestinationBucket": .string(export.bucket), "MapRunArn": .string(export.mapRunARN),
            "ResultFiles": [
                "FAILED": .array(files["FAILED"] ?? []), "PENDING": .array(files["PENDING"] ?? []),
                "SUCCEEDED": .array(files["SUCCEEDED"] ?? []),
            ],
        ]
        let key = export.folder + "manifest.json"
        do {
            try await storage.write(bucket: export.bucket, key: key, contents: Array(manifest.jsonString().utf8))
        } catch {
            throw StatesError(.resultWriterFailed, cause: "s3://\(export.bucket)/\(key) could not be written: \(ItemFeed.describe(error))")
        }
        return key
    }
}
