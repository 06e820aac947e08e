#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The few POSIX calls the process code needs beyond what the C modules import, plus small wrappers.
///
/// glibc declares `pipe2` and `posix_spawn_file_actions_addclosefrom_np` only under `_GNU_SOURCE`,
/// which Swift's Glibc module does not define; they are looked up at run time instead, and the code
/// falls back to plain POSIX where they are missing (macOS, older glibc).
enum SystemCall {
    private typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32
    private typealias CloseFrom = @convention(c) (UnsafeMutableRawPointer, Int32) -> Int32

    private static let pipe2: Pipe2? = symbol("pipe2").map { unsafeBitCast($0, to: Pipe2.self) }
    private static let closeFrom: CloseFrom? = symbol("posix_spawn_file_actions_addclosefrom_np").map {
        unsafeBitCast($0, to: CloseFrom.self)
    }

    /// The address of a C library function, if this platform has it.
    private static func symbol(_ name: String) -> UnsafeMutableRawPointer? {
        guard let program = dlopen(nil, RTLD_NOW) else { return nil }
        return dlsym(program, name)
    }

    /// The current `errno` as a readable message.
    static func describe(_ code: Int32) -> String { String(cString: strerror(code)) }

    /// A pipe whose ends are close-on-exec (atomically where `pipe2` exists).
    ///
    /// - Returns: the read and write ends.
    /// - Throws: ``SystemCallError`` when no descriptor is available.
    static func makePipe() throws(SystemCallError) -> (read: Int32, write: Int32) {
        var fds: [Int32] = [-1, -1]
        if let pipe2 {
            guard pipe2(&fds, O_CLOEXEC) == 0 else { throw SystemCallError("pipe2", errno) }
        } else {
            guard pipe(&fds) == 0 else { throw SystemCallError("pipe", errno) }
            _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        }
        return (fds[0], fds[1])
    }

    /// Makes reads and writes on `fd` return `EAGAIN` instead of blocking.
    static func setNonBlocking(_ fd: Int32) {
        let flags = fcntl(fd, F_GETFL)
        _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
    }

    /// Asks the child to close every descriptor from `lowest` up, so it inherits only its standard
    /// streams and the heartbeat pipe.
    ///
    /// - Returns: whether the platform could do it (glibc 2.34 and later).
    static func closeDescriptors(from lowest: Int32, in actions: inout posix_spawn_file_actions_t) -> Bool {
        guard let closeFrom else { return false }
        return withUnsafeMutablePointer(to: &actions) { closeFrom(UnsafeMutableRawPointer($0), lowest) } == 0
    }

    /// Closes `fd` if it is open and marks it closed.
    static func close(_ fd: inout Int32) {
        guard fd >= 0 else { return }
        #if canImport(Glibc)
            _ = Glibc.close(fd)
        #else
            _ = Darwin.close(fd)
        #endif
        fd = -1
    }
}

/// A failed system call: its name and `errno`.
struct SystemCallError: Error, CustomStringConvertible {
    var call: String
    var code: Int32

    init(_ call: String, _ code: Int32) {
        self.call = call
        self.code = code
    }

    var description: String { "\(call): \(SystemCall.describe(code))" }
}
