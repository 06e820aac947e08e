import Foundation

/// The source of time for executions: `Wait` states, retry intervals, timeouts,
/// heartbeats, the context object's times and history timestamps all go through it.
///
/// Use ``SystemClock`` to run in real time and ``VirtualClock`` to run
/// instantly in tests while still reporting the simulated times.
public protocol ExecutionClock: Sendable {
    /// The current time.
    var now: Date { get }

    /// Suspends until `deadline`.
    ///
    /// - Throws: `CancellationError` when the calling task is cancelled first.
    func sleep(until deadline: Date) async throws

    /// Marks the start of work that takes time this clock does not control, such as a child process;
    /// end it with ``ExternalWork/end()``.
    ///
    /// A simulated clock must not move while such work runs: it would fire the timers racing it
    /// (`TimeoutSeconds`, heartbeats) at once. ``VirtualClock`` holds its time still until every
    /// piece of external work has ended; real clocks ignore it (the default). Prefer
    /// ``performingExternalWork(_:)``, which cannot forget to end it.
    ///
    /// - Returns: the work's token.
    func beginExternalWork() -> ExternalWork
}

extension ExecutionClock {
    /// Real time passes while external work runs anyway: nothing to hold.
    public func beginExternalWork() -> ExternalWork { ExternalWork {} }

    /// Runs `work`, which takes time this clock does not control, holding a simulated clock still meanwhile.
    ///
    /// ```swift
    /// let status = try await request.clock.performingExternalWork { await process.exitStatus }
    /// ```
    /// - Parameter work: the work; it should observe cancellation.
    /// - Returns: what `work` returns.
    /// - Throws: what `work` throws.
    public func performingExternalWork<T: Sendable>(_ work: () async throws -> T) async throws -> T {
        let external = beginExternalWork()
        defer { external.end() }
        return try await work()
    }

    /// Suspends for `seconds`.
    public func sleep(seconds: Double) async throws {
        try await sleep(until: now.addingTimeInterval(seconds))
    }
}

/// Real time: `Date()` and `Task.sleep`.
public struct SystemClock: ExecutionClock {
    /// Creates the clock.
    public init() {}

    /// The current wall-clock time.
    public var now: Date { Date() }

    /// Sleeps in real time until `deadline`.
    public func sleep(until deadline: Date) async throws {
        // Capped so far-future deadlines cannot overflow the nanosecond count (about 31 years per call).
        let interval = min(deadline.timeIntervalSinceNow, 1e9)
        if interval > 0 {
            try await Task.sleep(nanoseconds: UInt64(interval * 1_000_000_000))
        } else {
            try Task.checkCancellation()
        }
    }
}
