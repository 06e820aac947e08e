import Foundation
import Synchronization

/// Collects the events of one execution from every concurrent branch and
/// iteration, assigning ids in order and forwarding them to live observers.
final class HistoryRecorder: Sendable {
    private struct State {
        /// The events in recording order, in chunks of `chunkLimit` (the earlier run's history is one
        /// chunk of its own). Only the last chunk is appended to, and never once it is full, so a full
        /// chunk can be handed to the store's writer without a copy.
        var chunks: [[ExecutionEvent]] = []
        /// ``HistoryRecorder/chunkSize`` with a journal; without one a single chunk, which
        /// ``HistoryRecorder/events`` returns without copying it.
        var chunkLimit = Int.max
        /// How many events the chunks hold.
        var stored = 0
        var count = 0
        var continuations: [AsyncStream<ExecutionEvent>.Continuation] = []
        var finished = false

        /// Appends `event` and returns whether it filled the last chunk.
        @discardableResult
        mutating func append(_ event: consuming ExecutionEvent) -> Bool {
            if chunks.isEmpty || chunks[chunks.count - 1].count >= chunkLimit {
                var chunk: [ExecutionEvent] = []
                if chunkLimit < .max { chunk.reserveCapacity(chunkLimit) }
                chunks.append(chunk)
            }
            chunks[chunks.count - 1].append(event)
            stored += 1
            return chunks[chunks.count - 1].count == chunkLimit
        }

        /// Moves the events of every chunk into one, which stays the first chunk (later events go to
        /// new ones).
        ///
        /// The history is asked for whole at the end of a run: moving 200,000 events is a copy of
        /// their bytes, where copying them would retain and release every payload (10% of a
        /// Pass→Choice loop). Each chunk is emptied from its end, an event at a time, so the old chunks
        /// are left with nothing to release.
        mutating func consolidate() {
            let total = stored
            let events = [ExecutionEvent](unsafeUninitializedCapacity: total) { buffer, count in
                guard let to = buffer.baseAddress else { return }
                for index in chunks.indices {
                    let size = chunks[index].count
                    precondition(count + size <= total, "the history's chunks hold more than it counts")
                    // A chunk the store's writer still holds is copied by the first removal, so it keeps its events.
                    var position = count + size
                    while let event = chunks[index].popLast() {
                        position -= 1
                        (to + position).initialize(to: event)
                    }
                    count += size
                }
                precondition(count == total, "the history's chunks hold fewer events than it counts")
            }
            chunks = [events]
        }
    }

    private let state = Mutex(State())
    private let clock: any ExecutionClock
    private let maximumEvents: Int?
    let recordsEvents: Bool
    /// The durable execution's journal, which gets every event; `nil` when nothing is stored.
    let journal: ExecutionJournal?
    /// The events of an earlier run that a replay finds again instead of writing them twice.
    private let earlier: EarlierEvents?

    /// Creates a recorder.
    ///
    /// - Parameter history: the history of an earlier run of the execution (resume, redrive): it is
    ///   kept, and events the replay records again are matched to it instead of being repeated.
    init(
        clock: any ExecutionClock, maximumEvents: Int?, recordsEvents: Bool, journal: ExecutionJournal? = nil,
        history: [ExecutionEvent] = []
    ) {
        self.clock = clock
        self.maximumEvents = maximumEvents
        self.recordsEvents = recordsEvents || journal != nil
        self.journal = journal
        if journal != nil { state.withLock { $0.chunkLimit = Self.chunkSize } }
        if history.isEmpty {
            earlier = nil
        } else {
            earlier = EarlierEvents(history)
            state.withLock { state in
                state.chunks = [history]
                state.stored = history.count
                state.count = history.map(\.id).max() ?? 0
            }
        }
    }

    /// The events of an earlier run, by what they say and what they follow.
    private final class EarlierEvents: Sendable {
        /// An event's content and the event it follows.
        ///
        /// Hashed on the previous id and the state's name only: the previous id nearly singles an
        /// event out, and hashing whole payloads cost more than the rest of a resume's matching.
        struct Key: Hashable {
            var previous: Int
            var kind: ExecutionEvent.Kind

            func hash(into hasher: inout Hasher) {
                hasher.combine(previous)
                switch kind {
                case .stateEntered(_, let name, _), .stateExited(_, let name, _, _): hasher.combine(name)
                default: break
                }
            }
        }
        private struct Tables {
            var exact: [Key: [Int]] = [:]
            /// Built the first time an event is taken loosely (the end of a Map or Parallel state).
            var byKind: [ExecutionEvent.Kind: [Int]]?
            var taken = Set<Int>()
        }
        private let tables: Mutex<Tables>
        private let events: [ExecutionEvent]

        init(_ events: [ExecutionEvent]) {
            var tables = Tables()
            tables.exact.reserveCapacity(events.count)
            for event in events {
                tables.exact[Key(previous: event.previousEventID, kind: event.kind), default: []].append(event.id)
            }
            self.tables = Mutex(tables)
            self.events = events
        }

        /// Takes the id of an earlier event equal to this one, if there is one left: one that follows the
        /// same event or, when `loosely`, any.
        func take(_ kind: ExecutionEvent.Kind, after previous: Int, loosely: Bool) -> Int? {
            tables.withLock { tables in
                func first(_ ids: inout [Int]?) -> Int? {
                    while let id = ids?.first {
                        ids?.removeFirst()
                        if tables.taken.insert(id).inserted { return id }
                    }
                    return nil
                }
                let key = Key(previous: previous, kind: kind)
                if let id = first(&tables.exact[key]) { return id }
                guard loosely else { return nil }
                if tables.byKind == nil {
                    var byKind: [ExecutionEvent.Kind: [Int]] = [:]
                    for event in events { byKind[event.kind, default: []].append(event.id) }
                    tables.byKind = byKind
                }
                return first(&tables.byKind![kind])
            }
        }
    }

    /// Appends an event after the newest one (the end of a Map or Parallel state, whose last branch
    /// to finish is not known in advance) and returns its id.
    @discardableResult
    func recordAfterLatest(_ kind: ExecutionEvent.Kind) throws(StatesError) -> Int {
        if let earlier, !(JournalCursor.current?.isLive ?? false), let id = earlier.take(kind, after: -1, loosely: true) {
            return id
        }
        return try record(kind, after: lastID)
    }

    /// Appends an event after `previous` and returns its id.
    ///
    /// - Throws: `States.Runtime` when the history would reach its limit.
    @discardableResult
    func record(_ kind: ExecutionEvent.Kind, after previous: Int, at time: Date? = nil) throws(StatesError) -> Int {
        if let earlier, !(JournalCursor.current?.isLive ?? false), let id = earlier.take(kind, after: previous, loosely: false) {
            return id
        }
        if !recordsEvents {
            // Nothing keeps or watches the events: count them (for the limit) without reading the clock.
            let (id, overLimit, watched): (Int, Bool, Bool) = state.withLock { state in
                let id = state.count + 1
                if let maximumEvents, id >= maximumEvents { return (id, true, false) }
                if !state.continuations.isEmpty { return (id, false, true) }
                state.count = id
                return (id, false, false)
            }
            if overLimit { throw historyLimitReached }
            if !watched { return id }
        }
        let timestamp = time ?? clock.now
        let (id, observers, overLimit, filledChunk): (Int, [AsyncStream<ExecutionEvent>.Continuation], Bool, Bool) =
            state.withLock { state in
                let id = state.count + 1
                // The closing ExecutionFailed event takes the last slot (AWS: event #25,000 is the failure).
                if let maximumEvents, id >= maximumEvents { return (id, [], true, false) }
                state.count = id
                var filledChunk = false
                if recordsEvents {
                    filledChunk = state.append(
                        ExecutionEvent(id: id, previousEventID: previous, timestamp: timestamp, kind: kind))
                }
                return (id, state.continuations, false, filledChunk)
            }
        if overLimit {
            throw historyLimitReached
        }
        // The journal takes the events from here, a full chunk at a time.
        if let journal, filledChunk { journal.flush() }
        if !observers.isEmpty {
            let event = ExecutionEvent(id: id, previousEventID: previous, timestamp: timestamp, kind: kind)
            for continuation in observers { continuation.yield(event) }
        }
        return id
    }

    /// Appends a final event even past the limit (the execution's closing event).
    @discardableResult
    func recordClosing(_ kind: ExecutionEvent.Kind, after previous: Int) -> Int {
        let timestamp = clock.now
        let (id, observers): (Int, [AsyncStream<ExecutionEvent>.Continuation]) = state.withLock { state in
            let id = state.count + 1
            state.count = id
            state.append(ExecutionEvent(id: id, previousEventID: previous, timestamp: timestamp, kind: kind))
            state.finished = true
            let observers = state.continuations
            state.continuations = []
            return (id, observers)
        }
        let event = ExecutionEvent(id: id, previousEventID: previous, timestamp: timestamp, kind: kind)
        for continuation in observers {
            continuation.yield(event)
            continuation.finish()
        }
        return id
    }

    /// The failure when the history is full: AWS reports it as `States.Runtime`, which no Retry or
    /// Catch intercepts.
    private var historyLimitReached: StatesError {
        StatesError(.runtime, cause: "The execution reached the maximum number of history events (\(maximumEvents ?? 0)).")
    }

    /// The id of the newest event.
    var lastID: Int { state.withLock { $0.count } }

    /// Every event so far.
    var events: [ExecutionEvent] {
        state.withLock { state in
            if state.chunks.count > 1 { state.consolidate() }
            return state.chunks.first ?? []
        }
    }

    /// How many events there are (those of an earlier run included).
    var eventCount: Int { state.withLock { $0.stored } }

    /// How many events a chunk of the recorder's storage holds: the journal hands the store a chunk
    /// at a time.
    static let chunkSize = 1_024

    /// The events from position `index` on, in the order they were recorded, for the store to keep.
    ///
    /// Events of a full chunk are a slice of it, which costs no copy, since a full chunk never
    /// changes; those of the chunk being filled are copied (taking a slice of it would make the next
    /// event copy the whole chunk).
    func events(from index: Int) -> [ArraySlice<ExecutionEvent>] {
        state.withLock { state in
            var slices: [ArraySlice<ExecutionEvent>] = []
            var start = 0
            for (position, chunk) in state.chunks.enumerated() {
                let end = start + chunk.count
                defer { start = end }
                guard end > index else { continue }
                let range = (max(index, start) - start)..<chunk.count
                let isFull = position < state.chunks.count - 1 || chunk.count >= state.chunkLimit
                slices.append(isFull ? chunk[range] : ArraySlice(Array(chunk[range])))
            }
            return slices
        }
    }

    /// A stream of the events so far and every later one, finishing with the closing event.
    func stream() -> AsyncStream<ExecutionEvent> {
        AsyncStream { continuation in
            state.withLock { state in
                for chunk in state.chunks {
                    for event in chunk { continuation.yield(event) }
                }
                if state.finished {
                    continuation.finish()
                } else {
                    state.continuations.append(continuation)
                }
            }
        }
    }
}
