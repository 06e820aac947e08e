import Synchronization

/// A piece of work in progress that an ``ExecutionClock`` does not control (a child process, a
/// network call), from ``ExecutionClock/beginExternalWork()``.
///
/// Ending it more than once has no further effect.
public final class ExternalWork: Sendable {
    private let onEnd: Mutex<(@Sendable () -> Void)?>

    /// Creates a token that calls `onEnd` when the work ends (clocks create these).
    public init(onEnd: @escaping @Sendable () -> Void) { self.onEnd = Mutex(onEnd) }

    /// Marks the work as done.
    public func end() {
        let action = onEnd.withLock { action in
            defer { action = nil }
            return action
        }
        action?()
    }
}
