import Foundation

/// Where durable executions are kept: each execution's journal and history, under its name.
///
/// The engine writes through an ``ExecutionJournalWriter`` that the store hands out with the
/// execution's lock, so only one process at a time runs an execution. The protocol does no I/O
/// itself; `StatesLanguageStore`'s `FileExecutionStore` keeps executions in a folder, and
/// ``InMemoryExecutionStore`` keeps them in memory (tests, crash simulations).
public protocol ExecutionStore: Sendable {
    /// Creates a new execution and takes its lock.
    ///
    /// - Throws: ``ExecutionStoreError/alreadyExists(_:)`` when the name is taken.
    func create(_ start: JournalStart) throws(ExecutionStoreError) -> any ExecutionJournalWriter

    /// Takes the lock of a stored execution to continue it (resume, redrive, stop an orphan), and
    /// reads what it has so far.
    ///
    /// - Throws: ``ExecutionStoreError/locked(_:)`` when a process holds it, or
    ///   ``ExecutionStoreError/notFound(_:candidates:)``.
    func reopen(_ name: String) throws(ExecutionStoreError) -> (execution: StoredExecution, writer: any ExecutionJournalWriter)

    /// Reads a stored execution without taking its lock.
    func read(_ name: String) throws(ExecutionStoreError) -> StoredExecution

    /// The names of every stored execution.
    func names() throws(ExecutionStoreError) -> [String]

    /// Asks the process running `name` to stop it (`StopExecution` from another process).
    func requestStop(_ name: String, error: String?, cause: String?) throws(ExecutionStoreError)

    /// Takes the stop request waiting for `name`, if any; the running process polls it.
    func takeStopRequest(_ name: String) -> (error: String?, cause: String?)?
}

/// Appends an execution's journal records and history events; holds the execution's lock until
/// ``close()``.
public protocol ExecutionJournalWriter: Sendable {
    /// Appends records and events, in order after everything written before, as `durability` asks.
    ///
    /// The events are the writer's to keep (a file store encodes them on a thread of its own): most
    /// batches are a whole chunk of the engine's history storage, which never changes again, handed
    /// over without a copy. A writer must not wait for anything but its own work in a
    /// ``JournalDurability/buffered`` call.
    ///
    /// - Throws: a failure of this write, or of an earlier ``JournalDurability/buffered`` one.
    func write(records: [JournalRecord], events: ArraySlice<ExecutionEvent>, durability: JournalDurability)
        throws(ExecutionStoreError)

    /// Releases the execution's lock.
    func close()
}

/// How far a journal write must have gone when the call returns.
public enum JournalDurability: Sendable, Hashable {
    /// Not yet: the store may write it later (in the background), in order. A crash may lose it.
    case buffered
    /// Handed to the operating system (and everything before it): it survives the process being killed.
    case written
    /// On stable storage (and everything before it; fsync): it survives a power loss.
    case synced
}

/// What went wrong reading or writing the execution store.
public enum ExecutionStoreError: Error, Sendable, Hashable {
    /// No execution has this name; `candidates` are the stored names.
    case notFound(_ name: String, candidates: [String])
    /// An execution with this name exists already.
    case alreadyExists(_ name: String)
    /// Another process is running the execution.
    case locked(_ name: String)
    /// A journal or history line cannot be read: the file, the 1-based line and why.
    case damaged(file: String, line: Int, reason: String)
    /// The execution cannot be resumed (it has ended).
    case notResumable(_ message: String)
    /// The execution cannot be redriven; the message uses AWS's wording.
    case notRedrivable(_ message: String)
    /// Reading or writing failed.
    case io(_ message: String)

    /// A sentence saying what went wrong.
    public var message: String {
        switch self {
        case .notFound(let name, _): return "Execution Does Not Exist: '\(name)'"
        case .alreadyExists(let name): return "Execution Already Exists: '\(name)'"
        case .locked(let name):
            return "the execution '\(name)' is being run by another process; wait for it to end or stop it with 'sfnrun stop \(name)'"
        case .damaged(let file, let line, let reason):
            return "\(file):\(line): the journal is damaged: \(reason); nothing was changed"
        case .notResumable(let message), .notRedrivable(let message), .io(let message): return message
        }
    }

    /// AWS's error name where one applies (`ExecutionDoesNotExist`, `ExecutionAlreadyExists`,
    /// `ExecutionNotRedrivable`); `States.Runtime` otherwise.
    public var errorName: String {
        switch self {
        case .notFound: return "ExecutionDoesNotExist"
        case .alreadyExists: return "ExecutionAlreadyExists"
        case .notRedrivable: return "ExecutionNotRedrivable"
        default: return "States.Runtime"
        }
    }
}
