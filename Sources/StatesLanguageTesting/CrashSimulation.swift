import Foundation
import StatesLanguage
import Synchronization

/// Checks that a workflow survives a crash at any point of its journal: for every journal record,
/// it runs the workflow, "kills" it just after that record was written (everything later is lost,
/// as with `kill -9`), resumes it, and compares the end with an uninterrupted run.
///
/// ```swift
/// let harness = try WorkflowHarness(definitionFile: "StateMachines/rolling-restart.json")
/// harness.mock("Reboot", returning: [:])
/// let report = await CrashSimulation.run(harness.machine, input: input, makeExecutor: harness.makeExecutor)
/// #expect(report.mismatches.isEmpty)
/// ```
///
/// Each scenario gets its executor from `makeExecutor` (fresh mocks and clock) and keeps it for the
/// resume, as the world outside survives a crash. A task in flight at the crash is called again on
/// resume (at-least-once); the simulation answers such a repeated call with the first call's
/// outcome, as an idempotent service would, so that ends can be compared. Handlers are treated as
/// returning the callback result of `.waitForTaskToken` tasks themselves (as mocks do).
public enum CrashSimulation {
    /// What a simulation found.
    public struct Report: Sendable {
        /// How many journal records the uninterrupted run wrote (the crash points are 1 up to this).
        public var journalRecords: Int
        /// How many crash points were tried.
        public var crashes: Int
        /// One line per crash point whose resumed end differs from the uninterrupted run's.
        public var mismatches: [String]
    }

    /// Runs the simulation.
    ///
    /// - Parameters:
    ///   - machine: the workflow.
    ///   - input: its input.
    ///   - makeExecutor: a fresh executor (registry, clock, limits) per run; its store is replaced.
    ///   - maximumCrashes: at most this many crash points, spread evenly over the journal (all by default).
    public static func run(
        _ machine: StateMachine, input: JSONValue, makeExecutor: () -> Executor, maximumCrashes: Int? = nil
    ) async -> Report {
        let reference = await uninterrupted(machine, input: input, executor: makeExecutor())
        let second = await uninterrupted(machine, input: input, executor: makeExecutor())
        // Workflows that generate values (UUIDs, random numbers) differ between runs in payloads, so only
        // the events' types and states are compared for them.
        let deterministic = reference.kinds == second.kinds
        var points = Array(1..<max(1, reference.records))
        if let maximumCrashes, points.count > maximumCrashes, maximumCrashes > 0 {
            let step = Double(points.count) / Double(maximumCrashes)
            points = (0..<maximumCrashes).map { points[Int(Double($0) * step)] }
        }
        var mismatches: [String] = []
        for point in points {
            let executor = makeExecutor()
            guard let resumed = await crashAndResume(machine, input: input, executor: executor, after: point) else {
                mismatches.append("crash after record \(point): the execution could not be resumed")
                continue
            }
            let problems = compare(resumed, with: reference, deterministic: deterministic)
            mismatches += problems.map { "crash after record \(point): \($0)" }
        }
        return Report(journalRecords: reference.records, crashes: points.count, mismatches: mismatches)
    }

    private struct Run {
        var result: ExecutionResult
        var records: Int
        var kinds: [ExecutionEvent.Kind: Int]
    }

    private static func uninterrupted(_ machine: StateMachine, input: JSONValue, executor: Executor) async -> Run {
        var executor = executor
        let store = InMemoryExecutionStore()
        executor.store = store
        executor.registry = memoizing(executor.registry)
        let name = "reference"
        guard let execution = try? await executor.start(machine, input: input, name: name) else {
            let result = await executor.run(machine, input: input, name: name)
            return Run(result: result, records: 0, kinds: census(result.history))
        }
        let result = await execution.result
        let records = (try? store.read(name).records.count) ?? 0
        return Run(result: result, records: records, kinds: census(result.history))
    }

    private static func crashAndResume(_ machine: StateMachine, input: JSONValue, executor: Executor, after point: Int)
        async -> ExecutionResult?
    {
        var executor = executor
        let store = InMemoryExecutionStore()
        executor.store = store
        executor.registry = memoizing(executor.registry, isDead: { store.hasCrashed })
        let name = "crash"
        let running = Mutex<Execution?>(nil)
        store.crash(afterRecords: point) { running.withLock { $0 }?.stop() }
        guard let execution = try? await executor.start(machine, input: input, name: name) else { return nil }
        running.withLock { $0 = execution }
        if store.hasCrashed { execution.stop() }
        _ = await execution.result
        store.crash(afterRecords: nil)
        if let stored = try? store.read(name), stored.closing != nil {
            // The crash came after the end was written: nothing to resume; the stored end must hold.
            return stored.result
        }
        guard let resumed = try? await executor.resume(name) else { return nil }
        return await resumed.result
    }

    private static func compare(_ resumed: ExecutionResult, with reference: Run, deterministic: Bool) -> [String] {
        var problems: [String] = []
        if resumed.status.name != reference.result.status.name {
            problems.append("status \(resumed.status.name), uninterrupted \(reference.result.status.name)")
        }
        if deterministic, resumed.output != reference.result.output {
            problems.append(
                "output \(resumed.output?.jsonString() ?? "none"), uninterrupted \(reference.result.output?.jsonString() ?? "none")")
        }
        let ids = resumed.history.map(\.id)
        if ids != Array(1...max(1, ids.count)) && !ids.isEmpty { problems.append("event ids are not 1...\(ids.count)") }
        if deterministic {
            let found = census(resumed.history)
            if found != reference.kinds {
                let missing = reference.kinds.filter { found[$0.key, default: 0] < $0.value }.map(\.key.name)
                let extra = found.filter { reference.kinds[$0.key, default: 0] < $0.value }.map(\.key.name)
                problems.append("history differs: missing \(missing.sorted()), extra \(extra.sorted())")
            }
        } else {
            let names = { (history: [ExecutionEvent]) in history.map(\.kind.name).sorted() }
            let found = names(resumed.history), expected = names(reference.result.history)
            if found != expected {
                let missing = Set(expected).filter { name in expected.filter { $0 == name }.count > found.filter { $0 == name }.count }
                let extra = Set(found).filter { name in found.filter { $0 == name }.count > expected.filter { $0 == name }.count }
                problems.append("history event types differ: missing \(missing.sorted()), extra \(extra.sorted())")
            }
        }
        return problems
    }

    private static func census(_ history: [ExecutionEvent]) -> [ExecutionEvent.Kind: Int] {
        var counts: [ExecutionEvent.Kind: Int] = [:]
        for event in history { counts[event.kind, default: 0] += 1 }
        return counts
    }

    /// Wraps every handler so a repeated call (same state, context and input) gets the first call's outcome.
    ///
    /// - Parameter isDead: whether the simulated process has died: a dead process calls no handler.
    private static func memoizing(_ registry: TaskRegistry, isDead: @escaping @Sendable () -> Bool = { false })
        -> TaskRegistry
    {
        var wrapped = TaskRegistry()
        wrapped.register(IdempotentHandler(inner: registry, isDead: isDead), for: "*")
        return wrapped
    }

    private final class IdempotentHandler: TaskHandler {
        let inner: TaskRegistry
        let isDead: @Sendable () -> Bool
        private let answers = Mutex<[JSONValue: Result<JSONValue, StatesError>]>([:])

        init(inner: TaskRegistry, isDead: @escaping @Sendable () -> Bool) {
            self.inner = inner
            self.isDead = isDead
        }

        var returnsCallbackResult: Bool { true }

        func invoke(_ request: TaskRequest) async throws -> JSONValue {
            while isDead() {
                // The process is gone: nothing more happens until the simulation stops the execution.
                try await Task.sleep(nanoseconds: 1_000_000)
            }
            let key: JSONValue = ["state": .string(request.stateName), "context": request.context, "input": request.input]
            if let answer = answers.withLock({ $0[key] }) { return try answer.get() }
            guard let handler = inner.handler(for: request.resource) else {
                throw StatesError(.runtime, cause: "No task handler is registered for the resource '\(request.resource)'.")
            }
            let answer: Result<JSONValue, StatesError>
            do {
                answer = .success(try await handler.invoke(request))
            } catch let error as StatesError {
                answer = .failure(error)
            }
            answers.withLock { $0[key] = answer }
            return try answer.get()
        }
    }
}
