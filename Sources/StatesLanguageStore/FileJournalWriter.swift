import Foundation
import StatesLanguage
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Appends to an execution's `journal.jsonl` and `history.jsonl`, holding its lock.
///
/// Records go first, then events, each batch in one `write` per file, so a killed process leaves
/// whole lines up to some point (and perhaps a cut last line, which readers skip). Batches are
/// encoded and written on a queue of their own (a thread beside the run loop's): buffered ones
/// without the run loop waiting for them; written and synced ones wait for the queue, and synced
/// ones end with `fdatasync` of the journal.
final class FileJournalWriter: ExecutionJournalWriter {
    /// What only the queue touches: the encoder, whose parts outlive a batch, and the buffer lines are
    /// encoded into, reused from batch to batch.
    private struct QueueState {
        var encoder = HistoryLineEncoder()
        var bytes: [UInt8] = []
        /// History bytes written since the history was last synced.
        var historyNotSynced = 0
    }

    private let journal: Int32
    private let history: Int32
    private let lock: FileLock
    private let store: FileExecutionStore
    private let paths: (journal: String, history: String)
    private let isClosed = Mutex(false)
    private let queue = DispatchQueue(label: "sfnrun.journal-writer")
    /// Locked only on the queue, so never contended.
    private let queueState = Mutex(QueueState())
    /// The first failure of a background write, reported by the next call.
    private let failure = Mutex<ExecutionStoreError?>(nil)
    /// How many history bytes are written before the history is synced (on the queue, which the run
    /// loop does not wait for).
    private static let syncStep = 1 << 20

    /// Opens the files for appending; a cut last line (from a crash) is cut off first.
    ///
    /// - Parameters:
    ///   - truncating: the lengths of the whole lines of the journal and history, when reopening.
    ///   - lock: the execution's lock, already taken; a new execution's is taken here.
    init(folder: URL, store: FileExecutionStore, truncating: (Int, Int)?, lock: FileLock? = nil)
        throws(ExecutionStoreError)
    {
        self.store = store
        paths = (folder.appendingPathComponent("journal.jsonl").path, folder.appendingPathComponent("history.jsonl").path)
        if let lock {
            self.lock = lock
        } else {
            let created = try FileLock(path: folder.appendingPathComponent("lock").path)
            guard created.tryLock() else { throw .locked(folder.lastPathComponent) }
            self.lock = created
        }
        journal = open(paths.journal, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        history = open(paths.history, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard journal >= 0, history >= 0 else {
            throw .io("cannot open the journal in \(folder.path): \(String(cString: strerror(errno)))")
        }
        if let (journalLength, historyLength) = truncating {
            // Only a cut last line goes: the reader refused any damage before it.
            _ = ftruncate(journal, off_t(journalLength))
            _ = ftruncate(history, off_t(historyLength))
        }
    }

    func write(records: [JournalRecord], events: ArraySlice<ExecutionEvent>, durability: JournalDurability)
        throws(ExecutionStoreError)
    {
        if let failure = failure.withLock({ $0 }) { throw failure }
        var journalBytes: [UInt8] = []
        for record in records { journalBytes.append(contentsOf: record.line) }
        if durability == .buffered {
            guard !journalBytes.isEmpty || !events.isEmpty else { return }
            // The events cross to the queue as they are (a slice of a full chunk of the history costs
            // a retain) and are encoded there, off the run loop's thread.
            queue.async { [self, journalBytes, events] in
                if case .failure(let error) = attempt(journalBytes, events, syncing: false) {
                    failure.withLock { $0 = $0 ?? error }
                }
            }
            return
        }
        let outcome = queue.sync { attempt(journalBytes, events, syncing: durability == .synced) }
        if case .failure(let error) = outcome { throw error }
    }

    private func attempt(_ journalBytes: [UInt8], _ events: ArraySlice<ExecutionEvent>, syncing: Bool)
        -> Result<Void, ExecutionStoreError>
    {
        do throws(ExecutionStoreError) {
            try append(journalBytes, events, syncing: syncing)
            return .success(())
        } catch {
            return .failure(error)
        }
    }

    /// Encodes and writes a batch (on the queue): the records first, then the events.
    private func append(_ journalBytes: [UInt8], _ events: ArraySlice<ExecutionEvent>, syncing: Bool)
        throws(ExecutionStoreError)
    {
        if !journalBytes.isEmpty { try Self.writeAll(journal, journalBytes[...], path: paths.journal) }
        if !events.isEmpty {
            try queueState.withLock { (state) throws(ExecutionStoreError) in
                state.bytes.removeAll(keepingCapacity: true)
                for event in events { state.encoder.append(event, to: &state.bytes) }
                try Self.writeAll(history, state.bytes[...], path: paths.history)
                // Synced only when the execution ends, a history of 400,000 events (50 MB) kept the run
                // waiting 20 ms or more at its end, for the file system to commit where it had put them
                // (not for the data: starting its writeback early with sync_file_range did not shorten
                // the wait).
                // Synced here every megabyte, on the queue, it leaves that sync only the tail.
                state.historyNotSynced += state.bytes.count
                if state.historyNotSynced >= Self.syncStep {
                    state.historyNotSynced = 0
                    try DiskSync.data(history, path: paths.history)
                }
            }
        }
        if syncing {
            try DiskSync.data(journal, path: paths.journal)
            store.fsyncs.add(1, ordering: .relaxed)
        }
    }

    func close() {
        let wasClosed = isClosed.withLock { closed in
            defer { closed = true }
            return closed
        }
        guard !wasClosed else { return }
        queue.sync {}
        try? DiskSync.data(history, path: paths.history)
        systemClose(journal)
        systemClose(history)
        lock.unlock()
    }

    private static func writeAll(_ descriptor: Int32, _ bytes: ArraySlice<UInt8>, path: String)
        throws(ExecutionStoreError)
    {
        var offset = bytes.startIndex
        while offset < bytes.endIndex {
            let written = bytes[offset...].withUnsafeBytes { systemWrite(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw .io("cannot write \(path): \(String(cString: strerror(errno)))")
            }
            offset += written
        }
    }

    /// Makes a new entry of `path` durable.
    static func syncDirectory(_ path: String) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        // A folder's entries are metadata: fdatasync would not cover them.
        _ = fsync(descriptor)
        systemClose(descriptor)
    }
}

/// `write(2)`, which the writer's own `write` hides.
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
        return Glibc.write(descriptor, buffer, count)
    #else
        return Darwin.write(descriptor, buffer, count)
    #endif
}

/// `close(2)`, which the writer's own `close()` hides.
private func systemClose(_ descriptor: Int32) {
    #if canImport(Glibc)
        _ = Glibc.close(descriptor)
    #else
        _ = Darwin.close(descriptor)
    #endif
}
