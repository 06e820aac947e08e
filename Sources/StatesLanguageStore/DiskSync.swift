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
    /// - Returns: whether it succeeded (`errno` says why not).
    static func data(_ descriptor: Int32) -> Bool {
        #if canImport(Glibc)
            return fdatasync(descriptor) == 0
        #else
            return fsync(descriptor) == 0
        #endif
    }
}
