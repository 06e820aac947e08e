/// A signal that stops a running execution: Ctrl-C, `kill`, a closed terminal.
///
/// Each stops the execution as `StopExecution` does (status ABORTED, the cause naming the signal)
/// and gives its own exit status, 128 + the signal number, as shells report a process the
/// signal killed.
enum StopSignal: Sendable, Hashable, CaseIterable {
    /// SIGINT: Ctrl-C at the terminal.
    case interrupt
    /// SIGTERM: `kill PID`, `docker stop`, a CI job's timeout.
    case terminate
    /// SIGHUP: the terminal was closed (not watched when sfnrun started with SIGHUP ignored, as under `nohup`).
    case hangUp

    /// The signal number (the same on Linux and macOS).
    var number: Int32 {
        switch self {
        case .interrupt: return 2
        case .terminate: return 15
        case .hangUp: return 1
        }
    }

    /// The signal's name (`SIGTERM`).
    var name: String {
        switch self {
        case .interrupt: return "SIGINT"
        case .terminate: return "SIGTERM"
        case .hangUp: return "SIGHUP"
        }
    }

    /// The exit status after the signal stopped an execution: 130, 143 or 129.
    var exitCode: ExitCode { ExitCode(rawValue: 128 + number) }

    /// The cause recorded in the `ExecutionAborted` event.
    var abortCause: String {
        switch self {
        case .interrupt: return "Interrupted by SIGINT (Ctrl-C)."
        case .terminate: return "Stopped by SIGTERM."
        case .hangUp: return "Stopped by SIGHUP (the terminal was closed)."
        }
    }
}
