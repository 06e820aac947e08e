import Synchronization

/// Decides a race between unstructured tasks: the first outcome resumes the waiting task, later
/// ones are ignored, and every contestant is cancelled, not awaited, once it is decided.
///
/// A task's race (its handler against `TimeoutSeconds` and heartbeats) and the grace of an aborted
/// Map Run's export (``ResultWriterGrace``) use it. Contestants are unstructured tasks so that one
/// ignoring cancellation cannot hold up the decision, and so that a contestant can outlive the
/// cancellation of the task that waits (a stopped execution's export).
///
/// From the decision until the state has taken the outcome (``endSettling()``), a simulated clock
/// is held still, so no timer elsewhere fires before the outcome is recorded.
final class RaceReferee<Value: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<Value, any Error>?
        var outcome: Result<Value, any Error>?
        var contestants: [Task<Void, Never>] = []
        var isDecided = false
        var settling: ExternalWork?
    }

    private let state = Mutex(State())
    private let clock: any ExecutionClock

    init(clock: any ExecutionClock) { self.clock = clock }

    /// Lets the clock move again once the outcome has been taken.
    func endSettling() { state.withLock { $0.settling }?.end() }

    /// Hands over the continuation; resumes it at once if the race was decided already (by cancellation).
    func begin(_ continuation: CheckedContinuation<Value, any Error>) {
        let early: Result<Value, any Error>? = state.withLock { state in
            if let outcome = state.outcome { return outcome }
            state.continuation = continuation
            return nil
        }
        if let early { continuation.resume(with: early) }
    }

    /// Adds a contestant; one added after the decision is cancelled straight away.
    func add(_ task: Task<Void, Never>) {
        let decided = state.withLock { state in
            if !state.isDecided { state.contestants.append(task) }
            return state.isDecided
        }
        if decided { task.cancel() }
    }

    /// Reports an outcome; only the first one counts.
    func finish(_ outcome: Result<Value, any Error>) {
        let settling = clock.beginExternalWork()
        let (continuation, contestants): (CheckedContinuation<Value, any Error>?, [Task<Void, Never>]) =
            state.withLock { state in
                guard !state.isDecided else { return (nil, []) }
                state.isDecided = true
                state.settling = settling
                state.outcome = outcome
                let continuation = state.continuation
                state.continuation = nil
                defer { state.contestants = [] }
                return (continuation, state.contestants)
            }
        if state.withLock({ $0.settling }) !== settling { settling.end() }
        continuation?.resume(with: outcome)
        for task in contestants { task.cancel() }
    }
}
