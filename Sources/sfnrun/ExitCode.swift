/// The process exit status of a command.
///
/// 0 succeeded; 1 the execution (or a test case) failed, timed out or was aborted;
/// 2 usage error, unreadable file, invalid JSON or invalid definition, or an AWS request that failed
/// (`deploy`, `start --remote`); 130 interrupted by Ctrl-C.
struct ExitCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    var rawValue: Int32

    init(rawValue: Int32) { self.rawValue = rawValue }

    /// Everything succeeded.
    static let success = ExitCode(rawValue: 0)
    /// The execution failed, timed out or was aborted; or a test case failed.
    static let failure = ExitCode(rawValue: 1)
    /// A usage error, an unreadable file, invalid JSON, an invalid definition or a failed AWS request.
    static let usage = ExitCode(rawValue: 2)
    /// Interrupted by SIGINT (128 + 2, as shells report it).
    static let interrupted = ExitCode(rawValue: 130)

    var description: String { String(rawValue) }
}
