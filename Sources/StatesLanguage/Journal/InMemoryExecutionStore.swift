import Foundation
import Synchronization

/// An ``ExecutionStore`` that keeps executions in memory: for tests, and for simulating a crash at
/// any point of the journal (`StatesLanguageTesting`'s `CrashSimulation`).
///
/// ```swift
/// var executor = Executor(registry: registry, clock: VirtualClock())
/// executor.store = InMemoryExecutionStore()
/// let execution = try await executor.start(machine, input: input, name: "run-1")
/// ```
public final class InMemoryExecutionStore: ExecutionStore {
    private struct Entry {
        var records: [JournalRecord] = []
        var events: [ExecutionEvent] = []
        var isLocked = false
        var stopRequest: (error: String?, cause: String?)?
    }

    private struct State {
        var entries: [String: Entry] = [:]
        /// Records written in all, and the count after which writes are lost (a simulated crash).
        var written = 0
        var limit: Int?
        var onLimit: (@Sendable () -> Void)?
    }

    private let state = Mutex(State())

    /// Creates an empty store.
    public init() {}

    /// Makes every write after the `records`th journal record (counted over the whole store from now
    /// on) vanish, as if the process had been killed just after writing it; `onCrash` runs once,
    /// when the limit is reached (stop the execution there). `nil` lifts the limit.
    public func crash(afterRecords records: Int?, onCrash: (@Sendable () -> Void)? = nil) {
        state.withLock { state in
            state.written = 0
            state.limit = records
            state.onLimit = onCrash
        }
    }

    /// Whether a simulated crash has happened since ``crash(afterRecords:onCrash:)``.
    public var hasCrashed: Bool { state.withLock { state in state.limit.map { state.written >= $0 } ?? false } }

    public func create(_ start: JournalStart) throws(ExecutionStoreError) -> any ExecutionJournalWriter {
        try state.withLock { (state) throws(ExecutionStoreError) in
            if state.entries[start.name] != nil { throw .alreadyExists(start.name) }
            state.entries[start.name] = Entry(records: [], events: [], isLocked: true)
        }
        let writer = Writer(store: self, name: start.name)
        try writer.write(records: [.started(start)], events: [], durability: .synced)
        return writer
    }

    public func reopen(_ name: String) throws(ExecutionStoreError) -> (
        execution: StoredExecution, writer: any ExecutionJournalWriter
    ) {
        let entry = try state.withLock { (state) throws(ExecutionStoreError) -> Entry in
            guard var entry = state.entries[name] else { throw .notFound(name, candidates: Array(state.entries.keys)) }
            if entry.isLocked { throw .locked(name) }
            entry.isLocked = true
            entry.stopRequest = nil
            state.entries[name] = entry
            return entry
        }
        let execution = try StoredExecution(records: entry.records, history: entry.events, isActive: true)
        return (execution, Writer(store: self, name: name))
    }

    public func read(_ name: String) throws(ExecutionStoreError) -> StoredExecution {
        let entry = try state.withLock { (state) throws(ExecutionStoreError) -> Entry in
            guard let entry = state.entries[name] else { throw .notFound(name, candidates: Array(state.entries.keys)) }
            return entry
        }
        return try StoredExecution(records: entry.records, history: entry.events, isActive: entry.isLocked)
    }

    public func names() throws(ExecutionStoreError) -> [String] { state.withLock { Array($0.entries.keys).sorted() } }

    public func requestStop(_ name: String, error: String?, cause: String?) throws(ExecutionStoreError) {
        try state.withLock { (state) throws(ExecutionStoreError) in
            guard state.entries[name] != nil else { throw .notFound(name, candidates: Array(state.entries.keys)) }
            state.entries[name]?.stopRequest = (error, cause)
        }
    }

    public func takeStopRequest(_ name: String) -> (error: String?, cause: String?)? {
        state.withLock { state in
            defer { state.entries[name]?.stopRequest = nil }
            return state.entries[name]?.stopRequest
        }
    }

    fileprivate func append(_ name: String, records: [JournalRecord], events: ArraySlice<ExecutionEvent>) {
        let crashed: (@Sendable () -> Void)? = state.withLock { state in
            var kept = records
            var keepsEvents = true
            var reached: (@Sendable () -> Void)?
            if let limit = state.limit {
                let room = max(0, limit - state.written)
                kept = Array(records.prefix(room))
                // A batch's events are written after its records: they survive only if all of those did,
                // and nothing is written after the crash point.
                keepsEvents = records.count <= room && (!records.isEmpty || room > 0)
                state.written += records.count
                if state.written >= limit, let onLimit = state.onLimit {
                    reached = onLimit
                    state.onLimit = nil
                }
            }
            state.entries[name]?.records += kept
            if keepsEvents { state.entries[name]?.events += events }
            return reached
        }
        crashed?()
    }

    fileprivate func unlock(_ name: String) { state.withLock { $0.entries[name]?.isLocked = false } }

    private final class Writer: ExecutionJournalWriter {
        let store: InMemoryExecutionStore
        let name: String

        init(store: InMemoryExecutionStore, name: String) {
            self.store = store
            self.name = name
        }

        func write(records: [JournalRecord], events: ArraySlice<ExecutionEvent>, durability: JournalDurability)
            throws(ExecutionStoreError)
        {
            store.append(name, records: records, events: events)
        }

        func close() { store.unlock(name) }
    }
}
