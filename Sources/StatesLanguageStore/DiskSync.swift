#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Getting a file's appended bytes to stable storage.
enum DiskSync {
    /// Makes the data of `descriptor` and its length durable: `fdatasync` where there is one (a file
    /// that is only appended to needs nothing else of its inode; `fsync` would add its times).
    ///
    /// - Throws: ``ExecutionStoreError/io(_:)`` naming `path`, with the system's reason.
    static func data(_ descriptor: Int32, path: String) throws(ExecutionStoreError) {
        #if canImport(Glibc)
            let synced = fdatasync(descriptor) == 0
        #else
            let synced = fsync(descriptor) == 0
        #endif
        guard synced else { throw .io("cannot sync \(path): \(String(cString: strerror(errno)))") }
    }
}
