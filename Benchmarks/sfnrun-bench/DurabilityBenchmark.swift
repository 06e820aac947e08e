import Foundation
import StatesLanguage
import StatesLanguageStore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The cost of durable executions: the Pass→Choice loop with the execution store on and off, fsyncs
/// per task, and the time to resume from a 20,000-event journal.
enum DurabilityBenchmark {
    /// Runs the figures named in `parts` (`loop`, `fsyncs`, `resume`), or all of them.
    static func run(parts: Set<String> = []) async throws {
        let folder = NSTemporaryDirectory() + "sfnrun-bench-store-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        if parts.isEmpty || parts.contains("loop") { try await storeLoop(folder: folder) }
        if parts.isEmpty || parts.contains("fsyncs") { try await fsyncsPerTask(folder: folder) }
        if parts.isEmpty || parts.contains("resume") { try await resumeLongJournal(folder: folder) }
    }

    /// The CPU time this process has used so far (user and system, every thread), in seconds.
    static func processorSeconds() -> Double {
        var usage = rusage()
        #if canImport(Glibc)
            getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        #else
            getrusage(RUSAGE_SELF, &usage)
        #endif
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// 1. The Pass → Choice loop, history kept, without a store, with a store that discards what it is
    /// given and with the file store; the three take turns round by round, so a change in the
    /// machine's load touches them alike.
    static func storeLoop(folder: String) async throws {
        let clock = ContinuousClock()
        let iterations = 100_000
        let loop = try loopMachine(iterations: iterations)
        let kinds = ["off", "journal only", "on"]
        var rounds: [String: [(wall: Duration, processor: Double)]] = [:]
        for round in 0..<7 {
            for kind in kinds {
                var executor = Executor(clock: VirtualClock(), limits: .unlimited)
                // A store that discards what it is given shows the engine's own cost of journaling; the file
                // store adds encoding and writing.
                if kind == "on" { executor.store = FileExecutionStore(directory: folder) }
                if kind == "journal only" { executor.store = DiscardingStore() }
                let start = clock.now
                let processor = processorSeconds()
                let result = try await executor.start(loop, input: ["i": 0], name: "loop-\(round)").result
                rounds[kind, default: []].append((clock.now - start, processorSeconds() - processor))
                guard result.output == ["i": .integer(iterations)] else { fatalError("loop failed: \(result.status)") }
            }
        }
        var medians: [String: (wall: Double, processor: Double)] = [:]
        for kind in kinds {
            let walls = rounds[kind, default: []].map(\.wall).sorted()
            let processors = rounds[kind, default: []].map(\.processor).sorted()
            let median = walls[walls.count / 2]
            medians[kind] = (seconds(median), processors[processors.count / 2])
            report(
                "Pass→Choice loop, 100,000 iterations, store \(kind), median", count: 2 * iterations + 1,
                unit: "transitions", elapsed: median)
        }
        guard let off = medians["off"] else { return }
        for kind in kinds where kind != "off" {
            guard let median = medians[kind] else { continue }
            print(
                String(
                    format: "  store %@: %+.1f%% wall time, %+.1f%% CPU time (all threads; %.3f s against %.3f s)%@",
                    kind as NSString, (median.wall / off.wall - 1) * 100, (median.processor / off.processor - 1) * 100,
                    median.processor, off.processor, (kind == "on" ? " (goal: at most 20%)" : "") as NSString))
        }
    }

    /// A registry whose every task succeeds with `{"ok": true}`.
    static var registry: TaskRegistry {
        var registry = TaskRegistry()
        registry.register(for: "*") { _ in ["ok": true] }
        return registry
    }

    /// 2. fsyncs per task: 100 tasks (a Map of 100 items, one at a time), with a Pass and a Choice each.
    static func fsyncsPerTask(folder: String) async throws {
        let tasks = try StateMachine(
            parsing: #"""
                {"StartAt": "Each", "States": {"Each": {"Type": "Map", "MaxConcurrency": 1, "End": true,
                  "ItemProcessor": {"StartAt": "Prepare", "States": {
                    "Prepare": {"Type": "Pass", "Parameters": {"n.$": "$"}, "Next": "Work"},
                    "Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Check"},
                    "Check": {"Type": "Choice", "Choices": [{"Variable": "$.ok", "BooleanEquals": true, "Next": "Done"}], "Default": "Done"},
                    "Done": {"Type": "Succeed"}}}}}}
                """#)
        let store = FileExecutionStore(directory: folder)
        var executor = Executor(registry: registry, clock: VirtualClock(), limits: .unlimited)
        executor.store = store
        let before = store.fsyncCount
        let items = JSONValue.array((0..<100).map { .integer($0) })
        _ = try await executor.start(tasks, input: items, name: "hundred-tasks").result
        let fsyncs = store.fsyncCount - before
        print(
            String(
                format: "%-58@ %10.2f fsyncs/task  (%d fsyncs for 100 tasks; goal: at most 2)",
                "fsyncs per task, 100-task run" as NSString, Double(fsyncs) / 100, fsyncs))
    }

    /// 3. Resuming a 20,000-event journal: a loop of Pass → Task → Choice, cut before its end.
    static func resumeLongJournal(folder: String) async throws {
        let clock = ContinuousClock()
        let long = try StateMachine(
            parsing: #"""
                {"StartAt": "Count", "States": {
                  "Count": {"Type": "Pass", "Parameters": {"i.$": "States.MathAdd($.i, 1)"}, "Next": "Work"},
                  "Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "ResultPath": "$.r", "Next": "Check"},
                  "Check": {"Type": "Choice", "Choices": [{"Variable": "$.i", "NumericLessThan": 2222, "Next": "Count"}], "Default": "Done"},
                  "Done": {"Type": "Succeed"}}}
                """#)
        let store = FileExecutionStore(directory: folder)
        var executor = Executor(registry: registry, clock: VirtualClock(), limits: .unlimited)
        executor.store = store
        _ = try await executor.start(long, input: ["i": 0], name: "long").result
        let journal = "\(folder)/executions/long/journal.jsonl", history = "\(folder)/executions/long/history.jsonl"
        // As if killed just before the end: the closing record and event are not there.
        for path in [journal, history] {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            lines = lines.dropLast()
            try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        }
        let events = try store.read("long").history.count
        var resumes: [Duration] = []
        var processor: [Double] = []
        for _ in 0..<5 {
            // Each round resumes a fresh copy of the cut execution.
            let copy = "\(folder)-copy-\(resumes.count)"
            try FileManager.default.createDirectory(atPath: "\(copy)/executions", withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: "\(folder)/executions/long", toPath: "\(copy)/executions/long")
            defer { try? FileManager.default.removeItem(atPath: copy) }
            var resumer = Executor(registry: registry, clock: VirtualClock(), limits: .unlimited)
            resumer.store = FileExecutionStore(directory: copy)
            let start = clock.now
            let startProcessor = processorSeconds()
            let result = try await resumer.resume("long").result
            resumes.append(clock.now - start)
            processor.append(processorSeconds() - startProcessor)
            guard result.status.name == "SUCCEEDED" else { fatalError("resume failed: \(result.status)") }
        }
        resumes.sort()
        processor.sort()
        print(
            String(
                format: "%-58@ %10.0f ms  (%d events; median of 5, best %.0f ms, CPU time %.0f ms; goal: at most 200 ms)",
                "Resume from a journal of \(events) history events" as NSString, seconds(resumes[2]) * 1000, events,
                seconds(resumes[0]) * 1000, processor[2] * 1000))
    }
}

/// A store that keeps nothing: what journaling costs the engine itself, without encoding or writing.
final class DiscardingStore: ExecutionStore {
    final class Writer: ExecutionJournalWriter {
        func write(records: [JournalRecord], events: ArraySlice<ExecutionEvent>, durability: JournalDurability)
            throws(ExecutionStoreError)
        {}
        func close() {}
    }
    func create(_ start: JournalStart) throws(ExecutionStoreError) -> any ExecutionJournalWriter { Writer() }
    func reopen(_ name: String) throws(ExecutionStoreError) -> (
        execution: StoredExecution, writer: any ExecutionJournalWriter
    ) { throw .notFound(name, candidates: []) }
    func read(_ name: String) throws(ExecutionStoreError) -> StoredExecution { throw .notFound(name, candidates: []) }
    func names() throws(ExecutionStoreError) -> [String] { [] }
    func requestStop(_ name: String, error: String?, cause: String?) throws(ExecutionStoreError) {}
    func takeStopRequest(_ name: String) -> (error: String?, cause: String?)? { nil }
}
