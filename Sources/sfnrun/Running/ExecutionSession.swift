import StatesLanguage
import StatesLanguageProcess
import Synchronization

/// Follows a started execution in the terminal until it ends, then prints its result: the part of
/// `start` that commands continuing an execution (`resume`, `redrive`) share.
///
/// While the execution runs: SIGINT, SIGTERM and SIGHUP stop it (ABORTED, the cause naming the
/// signal), progress lines go to standard error when it is a terminal, and `--callback-dir`
/// callbacks are served. When it has ended, every command process still running is stopped and
/// reaped before the result is printed.
struct ExecutionSession {
    /// The state machine's name, for the status line.
    var machineName: String
    /// `text` or `json`.
    var format: String
    /// `--history`.
    var showsHistory: Bool
    /// `--quiet`.
    var isQuiet: Bool
    /// `--callback-dir`, if given.
    var callbackDirectory: String?

    /// Waits for `execution` to end and prints its result.
    ///
    /// - Returns: 0 succeeded, 1 failed, timed out or aborted, or 128 + n when signal n stopped it.
    func follow(_ execution: Execution, supervisor: CommandSupervisor, io: any TerminalIO) async -> ExitCode {
        let received = Mutex<StopSignal?>(nil)
        let watch = io.watchStopSignals { signal in
            let isFirst = received.withLock { received -> Bool in
                guard received == nil else { return false }
                received = signal
                return true
            }
            if isFirst { execution.stop(cause: signal.abortCause) }
        }
        defer { watch.cancel() }

        let style = io.errorStyle
        let showsProgress = !isQuiet && io.isErrorTerminal
        async let progress: Void = showsProgress ? report(execution.events, style: style, io: io) : ()
        let callbacks = callbackDirectory.map { path in
            Task { await CallbackMailbox(path: path).serve(execution, io: io) }
        }
        let result = await execution.result
        callbacks?.cancel()
        await progress
        // A cancelled task's command may still be in its grace period; nothing outlives sfnrun.
        await supervisor.shutDown()

        let report = ExecutionReport(result: result, machineName: machineName)
        if format == "json" {
            io.output(report.json(history: showsHistory).jsonString(options: .pretty))
        } else {
            if showsHistory { for line in report.historyLines { io.output(line) } }
            if !isQuiet { io.error(report.statusLine(style: style)) }
            for line in report.errorLines { io.error(line) }
            if let output = result.output { io.output(output.jsonString(options: .pretty)) }
        }
        if case .aborted = result.status, let signal = received.withLock({ $0 }) { return signal.exitCode }
        return result.succeeded ? .success : .failure
    }

    private func report(_ events: AsyncStream<ExecutionEvent>, style: TerminalStyle, io: any TerminalIO) async {
        var reporter = ProgressReporter(style: style) { io.writeError($0) }
        for await event in events { reporter.handle(event) }
    }
}
