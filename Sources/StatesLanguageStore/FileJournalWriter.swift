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
/// encoded by the caller and written on a queue of their own: buffered ones without the run loop
/// waiting for them; written and synced ones wait for the queue, and synced ones end with `fsync`
/// of the journal.
final class FileJournalWriter: ExecutionJournalWriter {
    private let journal: Int32
    private let history: Int32
    private let lock: FileLock
    private let store: FileExecutionStore
    private let paths: (journal: String, history: String)
    private let isClosed = Mutex(false)
    private let queue = DispatchQueue(label: "sfnrun.journal-writer")
    /// Encodes history lines; the parts it keeps outlive a batch.
    private let encoder = Mutex(HistoryLineEncoder())
    /// The first failure of a background write, reported by the next call.
    private let failure = Mutex<ExecutionStoreError?>(nil)
    /// History bytes written since the disk was last asked to start on them (used on the queue only).
    private let historyNotStarted = Mutex(0)
    /// How many history bytes are written before their writeback is started.
    private static let writebackStep = 1 << 20

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
        // Encoded here, where the events are (no copy of them crosses to the queue); only the bytes do.
        var journalBytes: [UInt8] = []
        for record in records { journalBytes.append(contentsOf: record.line) }
        var historyBytes: [UInt8] = []
        if !events.isEmpty {
            historyBytes.reserveCapacity(events.count * 160)
            encoder.withLock { encoder in
                for event in events { encoder.append(event, to: &historyBytes) }
            }
        }
        if durability == .buffered {
            guard !journalBytes.isEmpty || !historyBytes.isEmpty else { return }
            queue.async { [self, journalBytes, historyBytes] in
                if case .failure(let error) = attempt(journalBytes, historyBytes, syncing: false) {
                    failure.withLock { $0 = $0 ?? error }
                }
            }
            return
        }
        let outcome = queue.sync { [self, journalBytes, historyBytes] in
            attempt(journalBytes, historyBytes, syncing: durability == .synced)
        }
        if case .failure(let error) = outcome { throw error }
    }

    private func attempt(_ journalBytes: [UInt8], _ historyBytes: [UInt8], syncing: Bool)
        -> Result<Void, ExecutionStoreError>
    {
        do throws(ExecutionStoreError) {
            try append(journalBytes, historyBytes, syncing: syncing)
            return .success(())
        } catch {
            return .failure(error)
        }
    }

    /// Writes an encoded batch (on the queue): the records first, then the events.
    private func append(_ journalBytes: [UInt8], _ historyBytes: [UInt8], syncing: Bool) throws(ExecutionStoreError) {
        if !journalBytes.isEmpty { try Self.writeAll(journal, journalBytes, path: paths.journal) }
        if !historyBytes.isEmpty {
            try Self.writeAll(history, historyBytes, path: paths.history)
            // The history is synced only at the end; starting its writeback as it grows keeps that
            // sync short.
            let started = historyNotStarted.withLock { count in
                count += historyBytes.count
                guard count >= Self.writebackStep else { return false }
                count = 0
                return true
            }
            if started { DiskSync.startWriteback(history) }
        }
        if syncing {
            guard DiskSync.data(journal) else { throw .io("cannot sync \(paths.journal): \(String(cString: strerror(errno)))") }
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
        _ = DiskSync.data(history)
        systemClose(journal)
        systemClose(history)
        lock.unlock()
    }

    private static func writeAll(_ descriptor: Int32, _ bytes: [UInt8], path: String) throws(ExecutionStoreError) {
        var offset = 0
        while offset < bytes.count {
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
