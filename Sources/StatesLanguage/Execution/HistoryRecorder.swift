import Foundation
import Synchronization

/// Collects the events of one execution from every concurrent branch and
/// iteration, assigning ids in order and forwarding them to live observers.
final class HistoryRecorder: Sendable {
    private struct State {
        var events: [ExecutionEvent] = []
        var count = 0
        var continuations: [AsyncStream<ExecutionEvent>.Continuation] = []
        var finished = false
    }

    private let state = Mutex(State())
    private let clock: any ExecutionClock
    private let maximumEvents: Int?
    let recordsEvents: Bool

    init(clock: any ExecutionClock, maximumEvents: Int?, recordsEvents: Bool) {
        self.clock = clock
        self.maximumEvents = maximumEvents
        self.recordsEvents = recordsEvents
    }

    /// Appends an event after `previous` and returns its id.
    ///
    /// - Throws: `States.Runtime` when the history would reach its limit.
    @discardableResult
    func record(_ kind: ExecutionEvent.Kind, after previous: Int, at time: Date? = nil) throws(StatesError) -> Int {
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
        let (id, observers, overLimit): (Int, [AsyncStream<ExecutionEvent>.Continuation], Bool) = state.withLock {
            state in
            let id = state.count + 1
            // The closing ExecutionFailed event takes the last slot (AWS: event #25,000 is the failure).
            if let maximumEvents, id >= maximumEvents { return (id, [], true) }
            state.count = id
            if recordsEvents {
                state.events.append(ExecutionEvent(id: id, previousEventID: previous, timestamp: timestamp, kind: kind))
            }
            return (id, state.continuations, false)
        }
        if overLimit {
            throw historyLimitReached
        }
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
            state.events.append(ExecutionEvent(id: id, previousEventID: previous, timestamp: timestamp, kind: kind))
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
        state.withLock { $0.events }
    }

    /// A stream of the events so far and every later one, finishing with the closing event.
    func stream() -> AsyncStream<ExecutionEvent> {
        AsyncStream { continuation in
            state.withLock { state in
                for event in state.events { continuation.yield(event) }
                if state.finished {
                    continuation.finish()
                } else {
                    state.continuations.append(continuation)
                }
            }
        }
    }
}
