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

    /// Runs `work` that takes time this clock does not control, such as a child process.
    ///
    /// A simulated clock must not move while such work runs: it would fire the timers racing it
    /// (`TimeoutSeconds`, heartbeats) at once. ``VirtualClock`` holds its time still until `work`
    /// returns; real clocks just run it (the default).
    ///
    /// ```swift
    /// let status = try await request.clock.performingExternalWork { try await process.wait() }
    /// ```
    /// - Parameter work: the work; it should observe cancellation.
    /// - Returns: what `work` returns.
    /// - Throws: what `work` throws.
    func performingExternalWork<T: Sendable>(_ work: () async throws -> T) async throws -> T
}

extension ExecutionClock {
    /// Runs `work` directly: real time passes while it runs anyway.
    public func performingExternalWork<T: Sendable>(_ work: () async throws -> T) async throws -> T {
        try await work()
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
