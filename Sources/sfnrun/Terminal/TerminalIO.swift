/// Everything a command needs from the process: output streams, standard input, the environment, signals.
///
/// Commands never touch `FileHandle`, `getenv` or signals directly, so tests run them
/// in-process with a capturing implementation.
protocol TerminalIO: Sendable {
    /// Writes text to standard output (results only).
    func writeOutput(_ text: String)
    /// Writes text to standard error (diagnostics, progress, status).
    func writeError(_ text: String)
    /// Whether standard error is a terminal (progress lines are printed only then).
    var isErrorTerminal: Bool { get }
    /// The environment variables (`NO_COLOR`).
    var environment: [String: String] { get }
    /// Reads all of standard input.
    ///
    /// - Throws: when standard input cannot be read.
    func readInput() throws -> [UInt8]
    /// Calls `handler` on SIGINT, SIGTERM or SIGHUP until the returned watch is cancelled; the process
    /// is not killed by them meanwhile.
    func watchStopSignals(_ handler: @escaping @Sendable (StopSignal) -> Void) -> SignalWatch
}

/// A registration for the stop signals; cancel it to restore their previous handling.
struct SignalWatch: Sendable {
    /// Stops watching.
    let cancel: @Sendable () -> Void
}

extension TerminalIO {
    /// Writes one line to standard error.
    func error(_ line: String) { writeError(line + "\n") }

    /// Writes one line to standard output.
    func output(_ line: String) { writeOutput(line + "\n") }

    /// Colours for standard error: on only when it is a terminal and `NO_COLOR` is unset or empty.
    var errorStyle: TerminalStyle {
        TerminalStyle(isEnabled: isErrorTerminal && (environment["NO_COLOR"] ?? "").isEmpty)
    }
}
