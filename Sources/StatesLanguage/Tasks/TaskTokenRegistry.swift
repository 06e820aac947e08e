import Synchronization

/// The tasks of an execution waiting for a callback (`.waitForTaskToken`), by token.
final class TaskTokenRegistry: Sendable {
    private struct Waiter {
        var continuation: CheckedContinuation<JSONValue, any Error>?
        var outcome: Result<JSONValue, StatesError>?
        var isCancelled = false
        var heartbeat: @Sendable () -> Void
        var stateName = ""
    }

    private let waiters = Mutex<[String: Waiter]>([:])

    /// Registers `token` before the task's handler runs, so an early callback is not lost.
    func open(_ token: String, stateName: String, heartbeat: @escaping @Sendable () -> Void) {
        waiters.withLock { waiters in
            // A callback that arrived while a resumed execution was catching up is kept.
            if waiters[token]?.outcome != nil {
                waiters[token]?.heartbeat = heartbeat
                waiters[token]?.stateName = stateName
            } else {
                waiters[token] = Waiter(continuation: nil, outcome: nil, heartbeat: heartbeat, stateName: stateName)
            }
        }
    }

    /// The tokens whose tasks wait for their callback now, with their states' names, by token.
    var waiting: [(taskToken: String, stateName: String)] {
        waiters.withLock { waiters in
            waiters.filter { $0.value.continuation != nil }.map { ($0.key, $0.value.stateName) }
                .sorted { $0.taskToken < $1.taskToken }
        }
    }

    /// Waits until `token` is completed with success or failure.
    func wait(for token: String) async throws -> JSONValue {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<JSONValue, any Error>) in
                let early: Result<JSONValue, any Error>? = waiters.withLock { waiters in
                    // Cancelled before the continuation existed: the cancellation handler found nothing to resume.
                    if waiters[token] == nil || waiters[token]!.isCancelled {
                        waiters[token] = nil
                        return .failure(CancellationError())
                    }
                    if let outcome = waiters[token]?.outcome {
                        waiters[token] = nil
                        return outcome.mapError { $0 as any Error }
                    }
                    waiters[token]?.continuation = continuation
                    return nil
                }
                if let early { continuation.resume(with: early) }
            }
        } onCancel: {
            let continuation: CheckedContinuation<JSONValue, any Error>? = waiters.withLock { waiters in
                guard let waiter = waiters[token] else { return nil }
                if let continuation = waiter.continuation {
                    waiters[token] = nil
                    return continuation
                }
                waiters[token]?.isCancelled = true
                return nil
            }
            continuation?.resume(throwing: CancellationError())
        }
    }

    /// Completes the task waiting on `token`.
    ///
    /// - Throws: `StatesError` named `TaskDoesNotExist` when no task waits on the token.
    func complete(_ token: String, with outcome: Result<JSONValue, StatesError>) throws(StatesError) {
        let continuation: CheckedContinuation<JSONValue, any Error>?? = waiters.withLock { waiters in
            guard var waiter = waiters[token] else { return .none }
            if let continuation = waiter.continuation {
                waiters[token] = nil
                return .some(continuation)
            }
            waiter.outcome = outcome
            waiters[token] = waiter
            return .some(nil)
        }
        guard let continuation else {
            throw StatesError("TaskDoesNotExist", cause: "No task is waiting for the token '\(token)'.")
        }
        continuation?.resume(with: outcome.mapError { $0 as any Error })
    }

    /// Records a heartbeat for the task waiting on `token`.
    func heartbeat(_ token: String) throws(StatesError) {
        guard let beat = waiters.withLock({ $0[token]?.heartbeat }) else {
            throw StatesError("TaskDoesNotExist", cause: "No task is waiting for the token '\(token)'.")
        }
        beat()
    }

    /// Forgets `token` once its task is over.
    func close(_ token: String) {
        waiters.withLock { _ = $0.removeValue(forKey: token) }
    }
}
