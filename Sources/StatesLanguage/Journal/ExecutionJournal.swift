import Foundation
import Synchronization

/// The engine's side of a durable execution: serves recorded values and task outcomes to a
/// replay, and buffers new records and history events for the store's writer.
///
/// A task's start is written before its handler runs; its outcome, a submission and the end are
/// synced (fsync) before anything that depends on them runs; everything else goes in batches
/// without one, so pure transitions cost no fsync.
final class ExecutionJournal: Sendable {
    /// A task's recorded outcome.
    enum Outcome: Sendable {
        case succeeded(JSONValue)
        case failed(StatesError)
    }

    /// What the journal recorded before this run, by key.
    struct Replay: Sendable {
        var values: [String: JSONValue] = [:]
        var outcomes: [String: Outcome] = [:]
        var submitted: [String: JSONValue] = [:]
        /// For each step and lane with records kept, the redrive that recorded them first (0: the first
        /// run); filled only for an execution that was or is being redriven. See ``earlierRun(of:current:)``.
        var runs: [String: Int] = [:]
        /// The date of each redrive, by count.
        var redriveDates: [Int: Date] = [:]

        /// Builds the tables from a journal, in order, later records replacing earlier ones.
        ///
        /// A redrive runs again every step an uncaught error left in the run before it (except its
        /// entered time), when every step enclosing it was left by the error too: at each `redriven`
        /// record their records are dropped, and, with `redriving`, at the end too (the redrive that
        /// starts now). A resume of an interrupted redrive so sees what that redrive saw.
        init(records: [JournalRecord], redriving: Bool) {
            var unhandled = Set<String>()
            let tracksRuns = redriving || records.contains { if case .redriven = $0 { true } else { false } }
            var run = 0
            for record in records {
                if tracksRuns, let key = record.key { noteRun(run, of: key) }
                switch record {
                case .value(let key, let value): values[key] = value
                case .taskSucceeded(let key, let output): outcomes[key] = .succeeded(output)
                case .taskFailed(let key, let error, let cause):
                    outcomes[key] = .failed(StatesError(ErrorName(rawValue: error), cause: cause))
                case .taskSubmitted(let key, let response): submitted[key] = response
                case .unhandled(let step): unhandled.insert(step)
                case .redriven(let count, let date):
                    drop(unhandled)
                    unhandled.removeAll()
                    run = count
                    redriveDates[count] = date
                default: break
                }
            }
            if redriving { drop(unhandled) }
        }

        /// Notes that the run `run` (0, or a redrive's count) recorded `key`, for its step and every lane
        /// enclosing it, unless an earlier run did.
        private mutating func noteRun(_ run: Int, of key: String) {
            guard let hash = key.lastIndex(of: "#") else { return }
            let step = key[..<hash]
            guard runs[String(step)] == nil else { return }
            runs[String(step)] = run
            for lane in Self.enclosingLanes(of: step) where runs[lane] == nil { runs[lane] = run }
        }

        /// The lanes a step runs in: `/Map@1~0[2]/Task@1` runs in `/Map@1~0[2]`.
        static func enclosingLanes(of step: Substring) -> [String] {
            var lanes: [String] = []
            var index = step.startIndex
            while index < step.endIndex, let slash = step[step.index(after: index)...].firstIndex(of: "/") {
                lanes.append(String(step[..<slash]))
                index = slash
            }
            return lanes
        }

        /// The run whose context a step or lane the replay serves saw: `.some(nil)` for the first run,
        /// `.some((count, date))` for an earlier redrive, and `nil` when it is the current one or the step
        /// runs now (it has no records kept, or a redrive dropped them).
        ///
        /// `$$.Execution.RedriveCount` and `RedriveTime` change at each redrive, but what a replay serves
        /// must be what the earlier run computed: a succeeded Map iteration that passed `RedriveCount` to
        /// its task must show the same parameters again, or its events no longer match the stored ones.
        ///
        /// A step with no records of its own (a Pass or Choice) belongs to the run of its innermost lane
        /// that has one: every Map iteration and Parallel branch records that it began (``JournalCursor/noteLaneBegun()``).
        func earlierRun(of prefix: String, current: Int) -> (count: Int, date: Date)?? {
            var found = runs[prefix]
            if found == nil {
                for lane in Self.enclosingLanes(of: Substring(prefix)).reversed() {
                    found = runs[lane]
                    if found != nil { break }
                }
            }
            guard let run = found, run != current else { return nil }
            guard run > 0 else { return .some(nil) }
            guard let date = redriveDates[run] else { return nil }
            return .some((run, date))
        }

        /// Removes the records a redrive runs again.
        private mutating func drop(_ unhandled: Set<String>) {
            guard !unhandled.isEmpty else { return }
            func dropped(_ key: String) -> Bool {
                guard let hash = key.lastIndex(of: "#") else { return false }
                let step = String(key[..<hash])
                guard key[key.index(after: hash)...] != "0", unhandled.contains(step) else { return false }
                return Self.enclosingSteps(of: step).allSatisfy(unhandled.contains)
            }
            values = values.filter { !dropped($0.key) }
            outcomes = outcomes.filter { !dropped($0.key) }
            submitted = submitted.filter { !dropped($0.key) }
            // A dropped step runs again, and so does every lane around it: they see the new redrive.
            for step in unhandled where Self.enclosingSteps(of: step).allSatisfy(unhandled.contains) {
                runs[step] = nil
                for lane in Self.enclosingLanes(of: Substring(step)) { runs[lane] = nil }
            }
        }

        init() {}

        /// The steps enclosing a step's lane: `/Map@1~0[2]/Task@1` is inside `/Map@1`.
        static func enclosingSteps(of step: String) -> [String] {
            var steps: [String] = []
            var current = Substring(step)
            while let slash = current.lastIndex(of: "/"), slash != current.startIndex {
                let lane = current[..<slash]
                // The lane ends with ~attempt[index] or ~attempt{branch}: the enclosing step is before '~'.
                guard let tilde = lane.lastIndex(of: "~") else { break }
                current = lane[..<tilde]
                steps.append(String(current))
            }
            return steps
        }
    }

    private struct Pending {
        var records: [JournalRecord] = []
        /// The recorder whose events are written, and how many of them are already.
        var recorder: HistoryRecorder?
        var writtenEvents = 0
        var failure: ExecutionStoreError?
    }

    let replay: Replay
    /// Whether this run is a redrive: steps that run again show their events anew.
    let isRedrive: Bool
    private let writer: any ExecutionJournalWriter
    private let pending = Mutex(Pending())
    /// Records kept before a batch is written without fsync (events go a chunk at a time, see
    /// ``HistoryRecorder/chunkSize``).
    static let batchSize = 256

    init(writer: any ExecutionJournalWriter, replay: Replay = Replay(), isRedrive: Bool = false) {
        self.writer = writer
        self.replay = replay
        self.isRedrive = isRedrive
    }

    /// Writes the events `recorder` records from now on (those it holds already are stored).
    func attach(_ recorder: HistoryRecorder) {
        let count = recorder.eventCount
        pending.withLock { pending in
            pending.recorder = recorder
            pending.writtenEvents = count
        }
    }

    /// Adds a record to the next batch.
    func append(_ record: JournalRecord) {
        pending.withLock { pending in
            pending.records.append(record)
            if pending.records.count >= Self.batchSize { write(&pending, .buffered) }
        }
    }

    /// Appends `record` and makes it and everything before it durable.
    ///
    /// - Throws: `States.Runtime` when the store cannot write; the execution must not go on.
    func appendDurably(_ record: JournalRecord) throws(StatesError) {
        try pending.withLock { (pending) throws(StatesError) in
            pending.records.append(record)
            write(&pending, .synced)
            if let failure = pending.failure { throw StatesError(.runtime, cause: "The execution store failed: \(failure.message)") }
        }
    }

    /// Appends `record` and hands it and everything before it to the store (no fsync): it survives the
    /// process being killed, not a power loss.
    ///
    /// - Throws: `States.Runtime` when the store cannot write.
    func appendWritten(_ record: JournalRecord) throws(StatesError) {
        try pending.withLock { (pending) throws(StatesError) in
            pending.records.append(record)
            write(&pending, .written)
            if let failure = pending.failure { throw StatesError(.runtime, cause: "The execution store failed: \(failure.message)") }
        }
    }

    /// Hands everything buffered to the store, which may write it in the background (before a Wait or
    /// a retry interval, so followers see the events so far).
    func flush() {
        pending.withLock { write(&$0, .buffered) }
    }

    /// Releases the execution's lock.
    func close() {
        pending.withLock { $0.recorder = nil }
        writer.close()
    }

    /// Hands the buffered records and the events recorded since the last write to the writer.
    ///
    /// Called with the journal's lock held, so no record is appended meanwhile; the events are taken
    /// now, and every event depends only on records appended before it, so they are all in this
    /// batch or an earlier one: the history is never ahead of the journal.
    ///
    /// The records go first, on their own (a simulated crash may stop the execution there); then the
    /// events, as buffered: full chunks of the recorder's storage are handed over as they are (the
    /// writer may keep them, to encode them on its own thread), the rest copied; then, for a written
    /// or synced write, an empty write that waits for both. Events recorded meanwhile by another
    /// branch go in the next batch: they too depend only on records appended before them, and no
    /// record can be appended while this one holds the journal's lock.
    private func write(_ pending: inout Pending, _ durability: JournalDurability) {
        func attempt(_ records: [JournalRecord], _ events: ArraySlice<ExecutionEvent>, _ durability: JournalDurability) {
            do {
                try writer.write(records: records, events: events, durability: durability)
            } catch {
                if pending.failure == nil { pending.failure = error }
            }
        }
        if !pending.records.isEmpty {
            attempt(pending.records, [], .buffered)
            pending.records.removeAll(keepingCapacity: true)
        }
        if let recorder = pending.recorder {
            for events in recorder.events(from: pending.writtenEvents) where !events.isEmpty {
                attempt([], events, .buffered)
                pending.writtenEvents += events.count
            }
        }
        if durability != .buffered { attempt([], [], durability) }
    }
}
