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
/// resume, as the world outside survives a crash. The world answers every call that the
/// uninterrupted run also made (the same state, context and input) as it answered there, whatever
/// the order of the calls: a resumed run replays finished Map iterations at once, so concurrent
/// iterations call handlers in another order, and mocks that answer by call count would otherwise
/// tell them apart. A task in flight at the crash is called again on resume (at-least-once) and gets
/// the same answer. Handlers are treated as returning the callback result of `.waitForTaskToken`
/// tasks themselves (as mocks do).
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
        let answers = Answers()
        let reference = await uninterrupted(machine, input: input, executor: makeExecutor(), answers: answers)
        let second = await uninterrupted(machine, input: input, executor: makeExecutor(), answers: Answers())
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
            guard
                let resumed = await crashAndResume(
                    machine, input: input, executor: executor, after: point, known: answers.snapshot)
            else {
                mismatches.append("crash after record \(point): the execution could not be resumed")
                continue
            }
            let problems = compare(resumed, with: reference, deterministic: deterministic)
            mismatches += problems.map { "crash after record \(point): \($0)" }
        }
        return Report(journalRecords: reference.records, crashes: points.count, mismatches: mismatches)
    }

    /// Every simulated execution has this name, so payloads that mention it compare equal.
    private static let executionName = "crash-simulation"

    private struct Run {
        var result: ExecutionResult
        var records: Int
        var kinds: [ExecutionEvent.Kind: Int]
    }

    private static func uninterrupted(_ machine: StateMachine, input: JSONValue, executor: Executor, answers: Answers)
        async -> Run
    {
        var executor = executor
        let store = InMemoryExecutionStore()
        executor.store = store
        executor.registry = memoizing(executor.registry, answers: answers)
        let name = executionName
        guard let execution = try? await executor.start(machine, input: input, name: name) else {
            let result = await executor.run(machine, input: input, name: name)
            return Run(result: result, records: 0, kinds: census(result.history))
        }
        let result = await execution.result
        let records = (try? store.read(name).records.count) ?? 0
        return Run(result: result, records: records, kinds: census(result.history))
    }

    private static func crashAndResume(
        _ machine: StateMachine, input: JSONValue, executor: Executor, after point: Int,
        known: [JSONValue: Result<JSONValue, StatesError>]
    ) async -> ExecutionResult? {
        var executor = executor
        let store = InMemoryExecutionStore()
        executor.store = store
        executor.registry = memoizing(executor.registry, answers: Answers(known), isDead: { store.hasCrashed })
        let name = executionName
        let running = Mutex<Execution?>(nil)
        let crashTime = Mutex<Date?>(nil)
        let clock = executor.clock
        store.crash(afterRecords: point) {
            crashTime.withLock { $0 = clock.now }
            running.withLock { $0 }?.stop()
        }
        guard let execution = try? await executor.start(machine, input: input, name: name) else { return nil }
        running.withLock { $0 = execution }
        if store.hasCrashed { execution.stop() }
        _ = await execution.result
        store.crash(afterRecords: nil)
        if let stored = try? store.read(name), stored.closing != nil {
            // The crash came after the end was written: nothing to resume; the stored end must hold.
            return stored.result
        }
        // The resumed process starts where the crash happened: a simulated clock must not carry the time the
        // dead process went on simulating.
        if clock is VirtualClock, let time = crashTime.withLock({ $0 }) { executor.clock = VirtualClock(start: time) }
        guard let resumed = try? await executor.resume(name) else { return nil }
        return await resumed.result
    }

    private static func compare(_ resumed: ExecutionResult, with reference: Run, deterministic: Bool) -> [String] {
        var problems: [String] = []
        if resumed.status.name != reference.result.status.name {
            problems.append("status \(resumed.status.name), uninterrupted \(reference.result.status.name)")
        }
        // A failure that cancels running Map iterations or Parallel branches stops them wherever they
        // are: how far they got is a race, in a resumed run as in any two runs, so only the end is compared.
        let racing = reference.kinds.keys.contains { kind in
            switch kind {
            case .mapIterationAborted, .parallelStateAborted, .mapStateAborted: return true
            default: return false
            }
        }
        if racing {
            if resumed.error != reference.result.error {
                problems.append("error \(String(describing: resumed.error)), uninterrupted \(String(describing: reference.result.error))")
            }
            return problems
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
    private static func memoizing(
        _ registry: TaskRegistry, answers: Answers, isDead: @escaping @Sendable () -> Bool = { false }
    ) -> TaskRegistry {
        var wrapped = TaskRegistry()
        wrapped.register(IdempotentHandler(inner: registry, answers: answers, isDead: isDead), for: "*")
        return wrapped
    }

    private final class IdempotentHandler: TaskHandler {
        let inner: TaskRegistry
        let isDead: @Sendable () -> Bool
        let answers: Answers

        init(inner: TaskRegistry, answers: Answers, isDead: @escaping @Sendable () -> Bool) {
            self.inner = inner
            self.answers = answers
            self.isDead = isDead
        }

        var returnsCallbackResult: Bool { true }

        func replayed(_ request: TaskRequest) { inner.handler(for: request.resource)?.replayed(request) }

        func invoke(_ request: TaskRequest) async throws -> JSONValue {
            while isDead() {
                // The process is gone: nothing more happens until the simulation stops the execution.
                try await Task.sleep(nanoseconds: 1_000_000)
            }
            let key: JSONValue = ["state": .string(request.stateName), "context": request.context, "input": request.input]
            if let answer = answers[key] { return try answer.get() }
            guard let handler = inner.handler(for: request.resource) else {
                throw StatesError(.runtime, cause: "No task handler is registered for the resource '\(request.resource)'.")
            }
            let answer: Result<JSONValue, StatesError>
            do {
                answer = .success(try await handler.invoke(request))
            } catch let error as StatesError {
                answer = .failure(error)
            }
            answers[key] = answer
            return try answer.get()
        }
    }

    /// The outcome of every call so far, by state, context and input.
    private final class Answers: Sendable {
        private let table: Mutex<[JSONValue: Result<JSONValue, StatesError>]>

        init(_ known: [JSONValue: Result<JSONValue, StatesError>] = [:]) { table = Mutex(known) }

        subscript(key: JSONValue) -> Result<JSONValue, StatesError>? {
            get { table.withLock { $0[key] } }
            set { table.withLock { $0[key] = newValue } }
        }

        var snapshot: [JSONValue: Result<JSONValue, StatesError>] { table.withLock { $0 } }
    }
}
