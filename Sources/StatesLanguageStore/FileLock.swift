import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An advisory lock on a file (`flock`), which the system releases when the holding process ends.
final class FileLock: Sendable {
    let descriptor: Int32

    /// Opens (creating) the lock file.
    init(path: String) throws(ExecutionStoreError) {
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .io("cannot open \(path): \(String(cString: strerror(errno)))") }
    }

    /// Takes the lock if no other process holds it.
    func tryLock() -> Bool { flock(descriptor, LOCK_EX | LOCK_NB) == 0 }

    /// Releases the lock and closes the file.
    func unlock() {
        _ = flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    /// Whether no process holds the lock of `path` now.
    static func isFree(_ path: String) -> Bool {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return true }
        defer { close(descriptor) }
        guard flock(descriptor, LOCK_SH | LOCK_NB) == 0 else { return false }
        _ = flock(descriptor, LOCK_UN)
        return true
    }
}
