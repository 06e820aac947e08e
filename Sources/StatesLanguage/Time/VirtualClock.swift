import Foundation
import Synchronization

/// Simulated time: sleeping returns as soon as nothing else is running, with the clock moved forward.
///
/// A definition with `"Wait": 300` and three retries 120 seconds apart runs in
/// milliseconds, while the context object and history report the times a real
/// run would have. Sleepers wake in deadline order (ties in the order they
/// started sleeping), so a `TimeoutSeconds` race against a handler that sleeps on
/// the same clock always ends the same way.
///
/// The clock moves only when every sleeper is registered, no other activity
/// (reading ``now``, registering a sleep) has happened for a few scheduler turns, and
/// no external work runs (``ExecutionClock/performingExternalWork(_:)``). The engine holds the
/// clock still while a task handler runs, until the handler sleeps on ``TaskRequest/clock``,
/// begins external work of its own or returns, so the timers racing it (`TimeoutSeconds`,
/// heartbeats) never fire while it computes its answer; a handler that awaits something else
/// forever holds simulated time still. "Quiet" is otherwise observed, not known: on a heavily
/// loaded machine a task that is ready to run but not yet running looks idle, so concurrent
/// branches may wake in a different order from run to run (a single line of execution is not
/// affected).
///
/// ```swift
/// let clock = VirtualClock(start: Date(timeIntervalSince1970: 1_700_000_000))
/// let executor = Executor(registry: registry, clock: clock)
/// ```
public final class VirtualClock: ExecutionClock, @unchecked Sendable {
    // @unchecked: all mutable state lives in the Mutex below.
    private struct Sleeper {
        var id: Int
        var deadline: Date
        var continuation: CheckedContinuation<Void, any Error>
        /// Whether waking it takes a hold on the clock for the sleeper (``sleepWakingHeld(until:)``).
        var holdsOnWake = false
    }

    private struct State {
        var now: Date
        var sleepers: [Sleeper] = []
        var nextID = 0
        var activity = 0
        var cancelledIDs: Set<Int> = []
        var isDriving = false
        /// How many pieces of external work (``VirtualClock/beginExternalWork()``) are running; time stands still meanwhile.
        var externalWork = 0
    }

    private let state: Mutex<State>
    private let quietTurns: Int

    /// Creates a clock starting at `start`.
    ///
    /// - Parameters:
    ///   - start: the initial time (default: the current real time).
    ///   - quietTurns: how many scheduler turns without activity count as "everything is waiting".
    public init(start: Date = Date(), quietTurns: Int = 24) {
        state = Mutex(State(now: start))
        self.quietTurns = quietTurns
    }

    /// The simulated current time.
    public var now: Date {
        state.withLock { state in
            state.activity &+= 1
            return state.now
        }
    }

    /// Moves the clock forward by `seconds`, waking sleepers whose deadlines pass.
    public func advance(by seconds: Double) {
        let woken: [Sleeper] = state.withLock { state in
            state.now = state.now.addingTimeInterval(seconds)
            let due = state.sleepers.filter { $0.deadline <= state.now }
            state.sleepers.removeAll { $0.deadline <= state.now }
            state.externalWork += due.filter(\.holdsOnWake).count
            state.activity &+= 1
            return due
        }
        for sleeper in woken { sleeper.continuation.resume() }
    }

    /// Suspends until the simulated time reaches `deadline`.
    public func sleep(until deadline: Date) async throws {
        try await sleep(until: deadline, holdsOnWake: false)
    }

    /// Suspends until the simulated time reaches `deadline`, then holds the clock still for the
    /// sleeper until it ends the returned token.
    ///
    /// The hold is taken by whoever wakes the sleeper, at that moment, so that no other sleeper's
    /// deadline can pass between the wake and the sleeper's next step: the export of an aborted Map
    /// Run works held, and its grace must not run out while it resumes after a handler's wait.
    ///
    /// - Returns: the hold; end it once the work after the sleep is done.
    /// - Throws: `CancellationError`, without a hold.
    package func sleepWakingHeld(until deadline: Date) async throws -> ExternalWork {
        try await sleep(until: deadline, holdsOnWake: true)
        return externalWorkToken()
    }

    private func sleep(until deadline: Date, holdsOnWake: Bool) async throws {
        try Task.checkCancellation()
        let id: Int = state.withLock { state in
            state.nextID += 1
            state.activity &+= 1
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let action: Action = state.withLock { state in
                    if state.cancelledIDs.remove(id) != nil { return .cancel }
                    if deadline <= state.now {
                        if holdsOnWake { state.externalWork += 1 }
                        return .resume
                    }
                    state.sleepers.append(
                        Sleeper(id: id, deadline: deadline, continuation: continuation, holdsOnWake: holdsOnWake))
                    state.activity &+= 1
                    if state.isDriving || state.externalWork > 0 { return .none }
                    state.isDriving = true
                    return .drive
                }
                switch action {
                case .cancel: continuation.resume(throwing: CancellationError())
                case .resume: continuation.resume()
                case .drive: startDriver()
                case .none: break
                }
            }
        } onCancel: {
            let sleeper: Sleeper? = state.withLock { state in
                if let index = state.sleepers.firstIndex(where: { $0.id == id }) {
                    state.activity &+= 1
                    return state.sleepers.remove(at: index)
                }
                state.cancelledIDs.insert(id)
                return nil
            }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
        // A cancellation that arrived after registration but whose sleeper already woke is harmless.
        state.withLock { _ = $0.cancelledIDs.remove(id) }
    }

    private enum Action { case cancel, resume, drive, none }

    /// Holds the simulated time still until the returned token ends, so timers racing the work fire
    /// only once it is done.
    ///
    /// - Returns: the work's token; end it when the work is done.
    public func beginExternalWork() -> ExternalWork {
        state.withLock { state in
            state.externalWork += 1
            state.activity &+= 1
        }
        return externalWorkToken()
    }

    /// The token ending one piece of external work already counted in `externalWork`.
    private func externalWorkToken() -> ExternalWork {
        ExternalWork { [self] in
            let drives: Bool = state.withLock { state in
                state.externalWork -= 1
                state.activity &+= 1
                guard state.externalWork == 0, !state.isDriving, !state.sleepers.isEmpty else { return false }
                state.isDriving = true
                return true
            }
            if drives { startDriver() }
        }
    }

    /// Wakes the earliest sleeper each time the system has been quiet for `quietTurns` turns.
    private func startDriver() {
        Task { [self] in
            while true {
                var seen = state.withLock { $0.activity }
                var quiet = 0
                while quiet < quietTurns {
                    await Task.yield()
                    let activity = state.withLock { $0.activity }
                    if activity == seen {
                        quiet += 1
                    } else {
                        seen = activity
                        quiet = 0
                    }
                }
                let next: Sleeper? = state.withLock { state in
                    // Held still by external work: the last one to finish starts a new driver.
                    guard !state.sleepers.isEmpty, state.externalWork == 0 else {
                        state.isDriving = false
                        return nil
                    }
                    var best = 0
                    for i in state.sleepers.indices.dropFirst()
                    where state.sleepers[i].deadline < state.sleepers[best].deadline {
                        best = i
                    }
                    let sleeper = state.sleepers.remove(at: best)
                    if sleeper.deadline > state.now { state.now = sleeper.deadline }
                    if sleeper.holdsOnWake { state.externalWork += 1 }
                    state.activity &+= 1
                    return sleeper
                }
                guard let next else { return }
                next.continuation.resume()
            }
        }
    }
}
