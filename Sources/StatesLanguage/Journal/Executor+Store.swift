import Foundation

extension Executor {
    /// Continues an execution whose process ended without closing it (killed, crashed, out of power).
    ///
    /// The run loop is replayed from the start against the journal: tasks with a recorded outcome
    /// are not called again, clock readings and generated values are the first run's, and Waits
    /// keep their deadlines. A task that had started but has no recorded outcome is called again
    /// (at-least-once for the task in flight at the crash). Events the replay records again are
    /// matched to the stored history, which is only added to.
    ///
    /// ```swift
    /// executor.store = FileExecutionStore(directory: ".sfnrun")
    /// let execution = try await executor.resume("nightly-2026-01-31")
    /// let result = await execution.result
    /// ```
    /// - Throws: ``ExecutionStoreError``: unknown name, another process runs it, it has ended, or its
    ///   journal is damaged.
    public func resume(_ name: String) async throws(ExecutionStoreError) -> Execution {
        let (stored, writer) = try reopen(name)
        if let closing = stored.closing {
            writer.close()
            throw .notResumable(
                "the execution '\(name)' has ended (\(closing.status)); only a RUNNING execution can be resumed"
                    + (closing.status == "SUCCEEDED" ? "" : ", but this one can be redriven: sfnrun redrive \(name)"))
        }
        let redrive = stored.redriveDate.map { (count: stored.redriveCount, date: $0) }
        return try continueExecution(
            stored, writer: writer, replay: ExecutionJournal.Replay(records: stored.records, redriving: false),
            marker: .resumed(date: clock.now), redrive: redrive, isRedrive: false)
    }

    /// Redrives a FAILED, TIMED_OUT or ABORTED Standard execution, as `RedriveExecution` does.
    ///
    /// The run restarts from the states that did not succeed: the states an uncaught error left
    /// run again with their original input (their retries start over), Map iterations and Parallel
    /// branches that succeeded are not run again, and tasks that succeeded keep their results.
    /// `$$.Execution.RedriveCount` and `RedriveTime` are set, and the history gets an
    /// `ExecutionRedriven` event followed by the events of what runs again.
    ///
    /// - Throws: ``ExecutionStoreError/notRedrivable(_:)`` with AWS's reason (for example
    ///   "Execution is SUCCEEDED and cannot be redriven"), or another store error.
    public func redrive(_ name: String) async throws(ExecutionStoreError) -> Execution {
        let stored: StoredExecution
        let writer: any ExecutionJournalWriter
        do {
            (stored, writer) = try reopen(name)
        } catch .locked {
            throw .notRedrivable("Execution is RUNNING and cannot be redriven")
        }
        let now = clock.now
        if let refusal = stored.redriveRefusal(at: now) {
            writer.close()
            throw .notRedrivable(refusal)
        }
        let count = stored.redriveCount + 1
        return try continueExecution(
            stored, writer: writer, replay: ExecutionJournal.Replay(records: stored.records, redriving: true),
            marker: .redriven(count: count, date: now), redrive: (count, now), isRedrive: true)
    }

    /// Every stored execution, newest first.
    ///
    /// - Throws: ``ExecutionStoreError`` when the store cannot be read or one execution is damaged; see
    ///   ``readableStoredExecutions()`` to list the others all the same.
    public func storedExecutions() throws(ExecutionStoreError) -> [StoredExecution] {
        let (executions, unreadable) = try readableStoredExecutions()
        if let first = unreadable.first { throw first.error }
        return executions
    }

    /// Every stored execution that can be read, newest first, and the error of each one that cannot
    /// (a damaged journal or history), so that one damaged execution hides none of the others.
    ///
    /// ```swift
    /// let (executions, unreadable) = try executor.readableStoredExecutions()
    /// for (name, error) in unreadable { print("\(name): \(error.message)") }
    /// ```
    /// - Returns: the executions read, and the names and errors of those that could not be, by name.
    /// - Throws: ``ExecutionStoreError`` when the store itself cannot be read.
    public func readableStoredExecutions() throws(ExecutionStoreError) -> (
        executions: [StoredExecution], unreadable: [(name: String, error: ExecutionStoreError)]
    ) {
        let store = try requireStore()
        var executions: [StoredExecution] = []
        var unreadable: [(name: String, error: ExecutionStoreError)] = []
        for name in try store.names() {
            do {
                executions.append(try store.read(name))
            } catch .notFound {
                continue  // removed since the names were read
            } catch {
                unreadable.append((name, error))
            }
        }
        return (executions.sorted { $0.start.startDate > $1.start.startDate }, unreadable)
    }

    /// One stored execution.
    public func storedExecution(_ name: String) throws(ExecutionStoreError) -> StoredExecution {
        try requireStore().read(name)
    }

    /// Stops a stored execution, as `StopExecution` does: status ABORTED with `error` and `cause`.
    ///
    /// An execution another process runs is asked to stop (that process records the abort); one whose
    /// process is gone is closed here.
    ///
    /// - Returns: `true` when the execution was closed here, `false` when its process was asked to stop.
    /// - Throws: ``ExecutionStoreError`` when it is unknown or has ended already.
    @discardableResult
    public func stop(_ name: String, error: String? = nil, cause: String? = nil) throws(ExecutionStoreError) -> Bool {
        let store = try requireStore()
        let current = try store.read(name)
        if let closing = current.closing {
            throw .notResumable("the execution '\(name)' is not running (\(closing.status))")
        }
        let (stored, writer): (StoredExecution, any ExecutionJournalWriter)
        do {
            (stored, writer) = try store.reopen(name)
        } catch .locked {
            try store.requestStop(name, error: error, cause: cause)
            return false
        }
        defer { writer.close() }
        let date = clock.now
        let last = stored.history.map(\.id).max() ?? 0
        let event = ExecutionEvent(
            id: last + 1, previousEventID: last, timestamp: date, kind: .executionAborted(error: error, cause: cause))
        try writer.write(
            records: [.closed(JournalClosing(status: "ABORTED", error: error, cause: cause, date: date))],
            events: [event], durability: .synced)
        return true
    }

    private func requireStore() throws(ExecutionStoreError) -> any ExecutionStore {
        guard let store else { throw .io("the executor has no execution store") }
        return store
    }

    private func reopen(_ name: String) throws(ExecutionStoreError) -> (StoredExecution, any ExecutionJournalWriter) {
        try requireStore().reopen(name)
    }

    private func continueExecution(
        _ stored: StoredExecution, writer: any ExecutionJournalWriter, replay: ExecutionJournal.Replay,
        marker: JournalRecord, redrive: (count: Int, date: Date)?, isRedrive: Bool
    ) throws(ExecutionStoreError) -> Execution {
        let machine: StateMachine
        do {
            machine = try StateMachine(
                parsing: stored.start.definition, name: stored.start.stateMachineName, type: stored.start.type)
        } catch {
            writer.close()
            throw .damaged(file: "journal", line: 1, reason: "the stored definition does not compile: \(error)")
        }
        let journal = ExecutionJournal(writer: writer, replay: replay, isRedrive: isRedrive)
        do {
            try journal.appendDurably(marker)
        } catch {
            writer.close()
            throw .io(error.cause ?? "the store cannot be written")
        }
        let runner = ExecutionRunner(
            executor: self, machine: machine, input: stored.start.input, name: stored.name, journal: journal,
            continuing: .init(start: stored.start, history: stored.history, redrive: redrive),
            announcesRedrive: isRedrive)
        return Execution(runner: runner)
    }
}
