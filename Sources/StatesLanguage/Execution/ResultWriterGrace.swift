import Foundation
import Synchronization

/// The time an aborted Map Run's export still gets once the execution is stopping
/// (``Executor/resultWriterGraceSeconds``).
///
/// A stop cancels the execution's task and every task under it, and S3 calls made through the task
/// handlers honour that: left where it was, the export of an aborted Map Run (the results kept so
/// far, `PENDING_n.json`, `manifest.json`) would end with the stop and leave a prefix without a
/// manifest. So the export runs in an unstructured task, which the stop does not cancel, raced on
/// the execution's clock against the end of the grace. The first to finish decides; when the grace
/// runs out, the export is cancelled and left behind (as a task's race leaves a handler that
/// ignores cancellation), and the caller records `States.ResultWriterFailed` naming the manifest.
///
/// On a simulated clock the export holds time still while it works, so that a long export cannot
/// look idle and let the grace run out under it; the hold is released while a task handler serving
/// one of its S3 calls waits on its request's clock (``handlerClock``). The grace thus runs out in
/// simulated time only while such a handler waits, and a run stays deterministic.
struct ResultWriterGrace: Sendable {
    /// The execution's clock.
    let clock: any ExecutionClock
    /// How long the export may take; 0 or less gives it no time at all.
    let seconds: Double

    /// Thrown by a Map Run whose export could not be finished after a stop; the Map Run's abort
    /// records `error` (`MapRunAborted`), and the execution ends aborted all the same.
    struct Failure: Error {
        let error: StatesError
    }

    /// The clock `TaskObjectStorage` hands its handlers while an export runs in its grace: the
    /// execution's, releasing the export's hold while a handler waits on it.
    @TaskLocal static var handlerClock: (any ExecutionClock)?

    /// Runs `export` within the grace.
    ///
    /// - Parameters:
    ///   - object: the object that is missing when the grace runs out (`s3://BUCKET/…/manifest.json`).
    ///   - export: the export; returns its error, if any.
    /// - Returns: the export's error, or `States.ResultWriterFailed` naming `object` when the grace
    ///   ran out first; nil when the export finished.
    func run(missing object: String, _ export: sending @escaping () async -> StatesError?) async -> StatesError? {
        let expired = StatesError(
            .resultWriterFailed,
            cause: "\(object) was not written: the export of the aborted Map Run did not finish within "
                + "\(Self.describe(seconds)) seconds of the stop (Executor.resultWriterGraceSeconds)")
        guard seconds > 0 else { return expired }
        let clock = self.clock
        let deadline = clock.now.addingTimeInterval(seconds)
        let hold = GraceHold(clock: clock)
        let referee = RaceReferee<StatesError?>(clock: clock)
        defer { referee.endSettling() }
        referee.add(
            Task {
                let error = await Self.$handlerClock.withValue(GraceClock(base: clock, hold: hold)) {
                    await export()
                }
                referee.finish(.success(error))
                hold.end()
            })
        referee.add(
            Task {
                guard (try? await clock.sleep(until: deadline)) != nil else { return }
                referee.finish(.success(expired))
            })
        let outcome: StatesError?
        do {
            outcome = try await withCheckedThrowingContinuation { referee.begin($0) }
        } catch {
            outcome = expired
        }
        // The export's task ends its hold itself; one cut short by the grace may never get there.
        hold.end()
        return outcome
    }

    /// `10`, or `2.5`: seconds as a person writes them.
    private static func describe(_ seconds: Double) -> String {
        seconds == seconds.rounded() && abs(seconds) < 1e15 ? String(Int(seconds)) : String(seconds)
    }
}

/// The export's hold on a simulated clock: taken when the export starts, released while a handler
/// serving it waits on the clock (``GraceClock``), and ended for good with the export.
private final class GraceHold: Sendable {
    private struct State {
        var token: ExternalWork?
        /// How many waits of handlers are under way; the hold is taken again when the last one ends.
        var waits = 0
        var isEnded = false
    }

    private let state: Mutex<State>
    private let clock: any ExecutionClock

    init(clock: any ExecutionClock) {
        self.clock = clock
        state = Mutex(State(token: clock.beginExternalWork()))
    }

    /// A handler begins to wait on the clock.
    func release() {
        let token: ExternalWork? = state.withLock { state in
            state.waits += 1
            defer { state.token = nil }
            return state.token
        }
        token?.end()
    }

    /// A handler's wait has ended: the export works again, held by `token` when the clock took the
    /// hold as it woke the handler (``VirtualClock/sleepWakingHeld(until:)``), or by a new hold.
    func retake(adopting token: ExternalWork? = nil) {
        let takes = state.withLock { state in
            state.waits -= 1
            return state.waits == 0 && !state.isEnded && state.token == nil
        }
        guard takes else {
            token?.end()
            return
        }
        let token = token ?? clock.beginExternalWork()
        let unused: ExternalWork? = state.withLock { state in
            guard state.waits == 0, !state.isEnded, state.token == nil else { return token }
            state.token = token
            return nil
        }
        unused?.end()
    }

    /// The export is over (or was given up on).
    func end() {
        let token: ExternalWork? = state.withLock { state in
            state.isEnded = true
            defer { state.token = nil }
            return state.token
        }
        token?.end()
    }
}

/// The clock handlers serving an export in its grace see: the execution's, with the export's hold
/// released while they sleep or do external work of their own.
private struct GraceClock: ExecutionClock {
    let base: any ExecutionClock
    let hold: GraceHold

    var now: Date { base.now }

    func sleep(until deadline: Date) async throws {
        hold.release()
        guard let virtual = base as? VirtualClock else {
            defer { hold.retake() }
            return try await base.sleep(until: deadline)
        }
        // Held again from the moment it wakes: the grace cannot run out before the export goes on.
        do {
            hold.retake(adopting: try await virtual.sleepWakingHeld(until: deadline))
        } catch {
            hold.retake()
            throw error
        }
    }

    func beginExternalWork() -> ExternalWork {
        let work = base.beginExternalWork()
        hold.release()
        let hold = self.hold
        return ExternalWork {
            hold.retake()
            work.end()
        }
    }
}
