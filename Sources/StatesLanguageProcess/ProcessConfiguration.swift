/// What a ``ChildProcess`` runs and how: program, arguments, environment, standard input and limits.
struct ProcessConfiguration: Sendable {
    /// The program's path (`/bin/sh`).
    var executable: String
    /// The argument vector, the program's name first (`["sh", "-c", command]`).
    var arguments: [String]
    /// The complete environment of the process.
    var environment: [String: String]
    /// Written to the process's standard input, which is then closed.
    var input: [UInt8] = []
    /// Seconds after which the process is stopped as timed out, if any.
    var timeout: Double?
    /// Seconds between SIGTERM and SIGKILL when the process is stopped.
    var gracePeriod: Double = 2
    /// Standard output beyond this many bytes is read and dropped (``ProcessOutcome/isOutputTruncated``).
    var maximumOutputBytes = 64 << 20
    /// How many bytes of the end of standard error are kept for error messages.
    var keptErrorBytes = 4096
    /// Called whenever the process writes to descriptor 3 (its heartbeat pipe).
    var onHeartbeat: @Sendable () -> Void = {}
    /// Called with each line the process writes to standard error, if set.
    var onErrorLine: (@Sendable (String) -> Void)?
}

/// How a process ended.
enum ProcessTermination: Sendable, Hashable {
    /// It exited with this status.
    case exited(Int32)
    /// A signal ended it.
    case signalled(Int32)
    /// Its status was collected by someone else (a `waitpid(-1)` elsewhere in the program).
    case unknown
}

/// Why a process was stopped before it ended on its own.
enum ProcessStopReason: Sendable, Hashable {
    /// Its ``ProcessConfiguration/timeout`` passed.
    case timedOut
    /// ``ChildProcess/terminate()`` was called (the task was cancelled).
    case terminated
}

/// A finished process: how it ended and what it wrote.
struct ProcessOutcome: Sendable {
    /// How it ended.
    var termination: ProcessTermination
    /// Why it was stopped, when it did not end on its own.
    var stopReason: ProcessStopReason?
    /// Its standard output, up to ``ProcessConfiguration/maximumOutputBytes``.
    var output: [UInt8]
    /// Whether it wrote more than that.
    var isOutputTruncated: Bool
    /// The end of its standard error, at most ``ProcessConfiguration/keptErrorBytes``.
    var errorTail: [UInt8]
    /// How many bytes of standard error came before ``errorTail``.
    var droppedErrorBytes: Int
}
