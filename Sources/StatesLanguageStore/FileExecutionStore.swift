import Foundation
import StatesLanguage
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An ``ExecutionStore`` in a folder (`.sfnrun/` in the current directory for `sfnrun`):
///
/// ```
/// .sfnrun/executions/<name>/journal.jsonl   the journal, one JSON record per line (first: started)
/// .sfnrun/executions/<name>/history.jsonl   the history events, one per line, as get-execution-history
/// .sfnrun/executions/<name>/lock            held (flock) by the process running the execution
/// .sfnrun/executions/<name>/stop.json       a stop request from another process, until it is taken
/// ```
///
/// ```swift
/// var executor = Executor(registry: registry)
/// executor.store = FileExecutionStore(directory: ".sfnrun")
/// let execution = try await executor.start(machine, input: input, name: "restart-web")
/// ```
///
/// The lock is an advisory `flock`, released by the system when its process dies, so a crashed
/// execution can be resumed at once while a running one cannot be run twice.
public final class FileExecutionStore: ExecutionStore {
    /// The store's folder.
    public let directory: URL

    /// How many times journals were flushed to stable storage (fsync) through this store.
    public var fsyncCount: Int { fsyncs.load(ordering: .relaxed) }
    let fsyncs = Atomic<Int>(0)

    /// Creates a store in `directory` (created when the first execution is stored).
    public init(directory: String) {
        self.directory = URL(fileURLWithPath: directory, isDirectory: true)
    }

    private var executions: URL { directory.appendingPathComponent("executions", isDirectory: true) }

    private func folder(_ name: String) throws(ExecutionStoreError) -> URL {
        guard !name.isEmpty, name != ".", name != "..", !name.contains("/") else {
            throw .io("'\(name)' cannot be the name of a stored execution")
        }
        try requireFolder()
        return executions.appendingPathComponent(name, isDirectory: true)
    }

    /// Refuses a store path that names something other than a folder (say, a file given by mistake),
    /// which would otherwise surface as the system's "couldn't be completed" on the first write.
    private func requireFolder() throws(ExecutionStoreError) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isFolder), !isFolder.boolValue else {
            return
        }
        throw .io("\(directory.path): is a file, not a folder (an execution store is a folder)")
    }

    public func create(_ start: JournalStart) throws(ExecutionStoreError) -> any ExecutionJournalWriter {
        let folder = try folder(start.name)
        do {
            try FileManager.default.createDirectory(at: executions, withIntermediateDirectories: true)
        } catch {
            throw .io("cannot create the execution store \(executions.path): \(error.localizedDescription)")
        }
        if FileManager.default.fileExists(atPath: folder.path) { throw .alreadyExists(start.name) }
        // The execution appears whole or not at all: its folder is filled under a temporary name, locked,
        // and renamed into place.
        // '#' cannot be part of an execution name, so this never clashes with one.
        let temporary = executions.appendingPathComponent("#new-\(getpid())-\(UUID().uuidString)", isDirectory: true)
        guard mkdir(temporary.path, 0o755) == 0 else {
            throw .io("cannot create \(temporary.path): \(String(cString: strerror(errno)))")
        }
        let lock = try FileLock(path: temporary.appendingPathComponent("lock").path)
        _ = lock.tryLock()
        let writer: FileJournalWriter
        do {
            writer = try FileJournalWriter(folder: temporary, store: self, truncating: nil, lock: lock)
            try writer.write(records: [.started(start)], events: [], durability: .synced)
        } catch {
            lock.unlock()
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
        guard rename(temporary.path, folder.path) == 0 else {
            let code = errno
            writer.close()
            try? FileManager.default.removeItem(at: temporary)
            if code == EEXIST || code == ENOTEMPTY { throw .alreadyExists(start.name) }
            throw .io("cannot create \(folder.path): \(String(cString: strerror(code)))")
        }
        FileJournalWriter.syncDirectory(executions.path)
        return writer
    }

    public func reopen(_ name: String) throws(ExecutionStoreError) -> (
        execution: StoredExecution, writer: any ExecutionJournalWriter
    ) {
        let folder = try existingFolder(name)
        let lock = try FileLock(path: folder.appendingPathComponent("lock").path)
        guard lock.tryLock() else { throw .locked(name) }
        do {
            let (execution, journalLength, historyLength) = try load(name, folder: folder, isActive: true)
            // A stop request left from before applies to the process it was meant for only.
            try? FileManager.default.removeItem(at: folder.appendingPathComponent("stop.json"))
            let writer = try FileJournalWriter(
                folder: folder, store: self, truncating: (journalLength, historyLength), lock: lock)
            return (execution, writer)
        } catch {
            lock.unlock()
            throw error
        }
    }

    public func read(_ name: String) throws(ExecutionStoreError) -> StoredExecution {
        let folder = try existingFolder(name)
        let active = !FileLock.isFree(folder.appendingPathComponent("lock").path)
        return try load(name, folder: folder, isActive: active).0
    }

    public func names() throws(ExecutionStoreError) -> [String] {
        try requireFolder()
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: executions.path)) ?? []
        // Folders being created (`#new-…`, left behind by a process killed while creating one) are not executions.
        return entries.filter {
            !$0.contains("#") && FileManager.default.fileExists(atPath: "\(executions.path)/\($0)/journal.jsonl")
        }.sorted()
    }

    public func requestStop(_ name: String, error: String?, cause: String?) throws(ExecutionStoreError) {
        let folder = try existingFolder(name)
        var request = JSONObject()
        if let error { request["error"] = .string(error) }
        if let cause { request["cause"] = .string(cause) }
        let temporary = folder.appendingPathComponent(".stop.\(getpid()).tmp")
        do {
            try Data(JSONValue.object(request).jsonBytes()).write(to: temporary)
            if rename(temporary.path, folder.appendingPathComponent("stop.json").path) != 0 {
                throw ExecutionStoreError.io(String(cString: strerror(errno)))
            }
        } catch {
            throw .io("cannot ask the execution '\(name)' to stop: \(error)")
        }
    }

    public func takeStopRequest(_ name: String) -> (error: String?, cause: String?)? {
        guard let folder = try? folder(name) else { return nil }
        let file = folder.appendingPathComponent("stop.json")
        guard let data = try? Data(contentsOf: file) else { return nil }
        try? FileManager.default.removeItem(at: file)
        let value = (try? JSONValue(parsing: data)) ?? .object(JSONObject())
        return (value["error"]?.stringValue, value["cause"]?.stringValue)
    }

    private func existingFolder(_ name: String) throws(ExecutionStoreError) -> URL {
        let folder = try folder(name)
        guard FileManager.default.fileExists(atPath: folder.appendingPathComponent("journal.jsonl").path) else {
            throw .notFound(name, candidates: (try? names()) ?? [])
        }
        return folder
    }

    private func load(_ name: String, folder: URL, isActive: Bool) throws(ExecutionStoreError) -> (
        StoredExecution, Int, Int
    ) {
        let journalPath = folder.appendingPathComponent("journal.jsonl").path
        // The journal is read on another thread while this one reads the history: for a long
        // execution they are two large files, and a resume waits for both.
        let journal = Mutex<Result<JournalFile.Lines<JournalRecord>, ExecutionStoreError>?>(nil)
        let reading = DispatchGroup()
        DispatchQueue.global().async(group: reading) {
            let result = Result { () throws(ExecutionStoreError) in
                try JournalFile.read(journalPath) { (value) throws(JournalLineError) in
                    try JournalRecord(jsonValue: value)
                }
            }
            journal.withLock { $0 = result }
        }
        var previousState: (id: Int, payload: JSONValue)?
        let historyRead = Result { () throws(ExecutionStoreError) in
            try JournalFile.read(
                folder.appendingPathComponent("history.jsonl").path,
                scan: { line in
                    var scanner = FlatStateLineScanner(line)
                    return scanner.event(previousState: &previousState)
                },
                parse: { (value) throws(JournalLineError) in
                    try ExecutionEvent.parseLine(value, previousState: &previousState)
                })
        }
        reading.wait()
        guard let journalRead = journal.withLock({ $0 }) else { preconditionFailure("the journal's reader did not finish") }
        // A damaged journal is reported before a damaged history, as when they were read in turn.
        let records = try journalRead.get()
        let history = try historyRead.get()
        var events = history.items
        // Events are appended as they are recorded; concurrent branches may interleave their ids.
        events.sort { $0.id < $1.id }
        let execution = try StoredExecution(
            records: records.items, history: events, isActive: isActive, file: journalPath)
        return (execution, records.validLength, history.validLength)
    }
}
