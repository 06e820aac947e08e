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
    ///
    /// When the Map Run fails on its tolerated-failure threshold, or is aborted, the running children
    /// are aborted and, with an export, the items never started are written to `PENDING_n.json`
    /// before the manifest; after a stop, within ``Executor/resultWriterGraceSeconds``
    /// (``ResultWriterGrace``).
    func runChildren(_ s: ChildRunSettings, source: sending ItemFeed) async throws -> JSONValue {
        let childMachine = StateMachine(
            processor: s.state.processor, definition: s.state.processorDefinition, name: "\(s.machineName)/\(s.label)",
            type: s.state.executionType)
        let childExecutor = executor
        let runner = self
        let exports = s.writer?.storage != nil
        var results: [JSONValue?] = []
        var sink = ResultSink(export: s.writer)
        var failures = 0
        let inputs = ChildInputs(source: source, batching: s.batching) { [runner] item, index in
            try runner.select(item, index: index, s)
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

        let tolerates = s.toleratedCount != nil || s.toleratedPercentage != nil
        let exceeded = StatesError(
            .exceedToleratedFailureThreshold, cause: "The specified tolerated failure threshold was exceeded")
        // Set once the Map Run stops early: the children still running are aborted and drained.
        var failed: StatesError?
        var aborted = false
        /// The next child's input; nil once a stop cut the reading short.
        func pull() async throws -> (index: Int, input: JSONValue, items: Int)? {
            do { return try await inputs.next() } catch is CancellationError {
                aborted = true
                return nil
            }
        }
        try await withThrowingTaskGroup(of: (ChildOutcome, Int).self) { group in
            func start(_ index: Int, _ input: JSONValue, items: Int) {
                let name = UUID().uuidString.lowercased()
                mapRuns.withLock { runs in
                    runs[s.runIndex].executionCounts.running += 1
                    runs[s.runIndex].itemCounts.running += items
                }
                if !exports { results.append(nil) }
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
            while running < s.concurrency, let next = try await pull() {
                start(next.index, next.input, items: next.items)
                running += 1
            }
            while let (outcome, items) = try await group.next() {
                running -= 1
                record(outcome, items: items)
                if exports {
                    // A stopped parent cannot write now; what is kept is written in the export's grace.
                    if aborted || Task.isCancelled { try? await sink.add(outcome) } else { try await sink.add(outcome) }
                } else {
                    let entries = s.writer?.entry(outcome) ?? ResultExport.compactEntry(outcome)
                    results[outcome.index] = entries.count == 1 && s.writer?.writer.transformation != .flatten
                        ? entries[0] : .array(entries)
                }
                if failed != nil || aborted { continue }
                // A stopped parent aborts its children: that is the Map Run's abort, not their failure.
                if Task.isCancelled {
                    aborted = true
                    continue
                }
                if outcome.status != "SUCCEEDED" {
                    // Thresholds count items: a failed batch fails every item in it (AWS).
                    failures += items
                    let overCount = s.toleratedCount.map { Double(failures) > $0 } ?? false
                    let total = inputs.arrayCount > 0 ? inputs.arrayCount : nil
                    let overPercentage = total.flatMap { total in
                        s.toleratedPercentage.map { Double(failures) * 100 / Double(total) > $0 }
                    } ?? false
                    if !tolerates || overCount || overPercentage {
                        failed = exceeded
                        group.cancelAll()
                        continue
                    }
                }
                if let next = try await pull() {
                    start(next.index, next.input, items: next.items)
                    running += 1
                }
            }
        }
        if aborted || Task.isCancelled {
            if let export = s.writer, exports {
                // The parent was stopped, and with it every call made from this task: the export gets
                // a grace of its own, on the clock, and says so when it cannot finish in it.
                let grace = ResultWriterGrace(clock: clock, seconds: executor.resultWriterGraceSeconds)
                let finishing = sink
                let failure = await grace.run(missing: "s3://\(export.bucket)/\(export.folder)manifest.json") {
                    var sink = finishing
                    await sink.addPending(from: inputs)
                    do {
                        try await sink.finish()
                        return nil
                    } catch {
                        return error as? StatesError ?? StatesError(.resultWriterFailed, cause: "\(error)")
                    }
                }
                if let failure { throw ResultWriterGrace.Failure(error: failure) }
            }
            throw CancellationError()
        }
        if failed == nil, failures > 0, let percentage = s.toleratedPercentage, inputs.itemCount > 0,
            Double(failures) * 100 / Double(max(inputs.itemCount, inputs.arrayCount)) > percentage
        {
            failed = exceeded
        }
        if let failed {
            if exports {
                await sink.addPending(from: inputs)
                _ = try? await sink.finish()
            }
            throw failed
        }
        if let export = s.writer, exports {
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
    fileprivate func select(_ item: JSONValue, index: Int, _ s: ChildRunSettings) throws(StatesError) -> JSONValue {
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
