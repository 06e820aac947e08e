#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Getting a file's appended bytes to stable storage: `fdatasync`, and on Linux
/// `sync_file_range` to start the disk on them early.
///
/// A history of 200,000 events is about 15 MB; synced all at once when the execution ends, it kept
/// the run waiting 50 to 150 ms on this machine's disk. Starting the writeback of each megabyte as
/// it is written (without waiting for it) leaves the final sync only the last part to wait for.
enum DiskSync {
    /// Makes the data of `descriptor` and its length durable (`fdatasync`: an append needs nothing
    /// else of the inode, so `fsync` would only add the time stamps).
    ///
    /// - Returns: whether it succeeded (`errno` says why not).
    static func data(_ descriptor: Int32) -> Bool {
        #if canImport(Glibc)
            return fdatasync(descriptor) == 0
        #else
            return fsync(descriptor) == 0
        #endif
    }

    /// Asks the system to start writing the dirty pages of `descriptor` to disk without waiting for
    /// them; nothing is promised until ``data(_:)``. A no-op where `sync_file_range` is missing.
    static func startWriteback(_ descriptor: Int32) {
        #if os(Linux)
            _ = syncFileRange?(descriptor, 0, 0, writeFlag)
        #endif
    }

    #if os(Linux)
        /// `SYNC_FILE_RANGE_WRITE` from <fcntl.h>.
        private static let writeFlag: UInt32 = 2
        /// `sync_file_range(2)`: glibc has it, but only under `_GNU_SOURCE`, which the Glibc module
        /// does not define, so it is looked up by name once.
        private static let syncFileRange: (@convention(c) (Int32, Int64, Int64, UInt32) -> Int32)? = {
            guard let symbol = dlsym(nil, "sync_file_range") else { return nil }
            return unsafeBitCast(symbol, to: (@convention(c) (Int32, Int64, Int64, UInt32) -> Int32).self)
        }()
    #endif
}
