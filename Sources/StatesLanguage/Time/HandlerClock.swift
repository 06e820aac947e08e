import Foundation

/// The clock a task handler sees (``TaskRequest/clock``): the execution's clock, held still from the
/// moment the task is started until the handler first waits on this clock (sleeps, or begins
/// external work of its own) or returns.
///
/// On a ``VirtualClock`` this makes a handler that answers without waiting (a mock) deterministic:
/// the timers racing it (`TimeoutSeconds`, `HeartbeatSeconds`) cannot fire while it computes its
/// answer, however long the scheduler keeps it from running. Without the hold the clock would
/// only *observe* that nothing runs, and a handler descheduled at the wrong moment looked idle,
/// so a heartbeat timer fired before a mocked answer (about one run in thirty on a busy machine).
struct HandlerClock: ExecutionClock {
    let base: any ExecutionClock
    /// The hold taken when the task started; ending it more than once is harmless.
    let hold: ExternalWork

    var now: Date { base.now }

    func sleep(until deadline: Date) async throws {
        hold.end()
        try await base.sleep(until: deadline)
    }

    func beginExternalWork() -> ExternalWork {
        let work = base.beginExternalWork()
        hold.end()
        return work
    }
}

extension ExecutionClock {
    /// Whether time is simulated: a ``VirtualClock``, also as a child execution's clock seen through
    /// the ``HandlerClock`` of the task that started it.
    var isSimulated: Bool {
        if self is VirtualClock { return true }
        return (self as? HandlerClock)?.base.isSimulated ?? false
    }
}
