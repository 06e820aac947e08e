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
    /// `text` or `json`.
    var format: String
    /// `--history`.
    var showsHistory: Bool
    /// `--quiet`.
    var isQuiet: Bool
    /// `--callback-dir`, if given.
    var callbackDirectory: String?
    /// The `--output json` document: describe-execution, or StartSyncExecution's response for Express runs.
    var resultShape: ExecutionReport.Shape = .describe
    /// The store keeping the execution, if any: `sfnrun stop` from another shell reaches it there.
    var store: (any ExecutionStore)? = nil

    /// Waits for `execution` to end and prints its result.
    ///
    /// - Parameter machineName: the state machine's name, for the status line.
    /// - Returns: 0 succeeded, 1 failed, timed out or aborted, or 128 + n when signal n stopped it.
    func follow(_ execution: Execution, machineName: String, supervisor: CommandSupervisor, io: any TerminalIO) async
        -> ExitCode
    {
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

        async let progress: Void = showsProgress(io) ? report(execution.events, io: io) : ()
        let callbacks = callbackDirectory.map { path in
            let mailbox = CallbackMailbox(path: path)
            do {
                try mailbox.prepare()
            } catch {
                io.error("error: cannot create the callback folder '\(path)': \(error.localizedDescription)")
            }
            return Task { await mailbox.serve(execution, io: io) }
        }
        // Without --callback-dir nothing can answer a .waitForTaskToken task: say so instead of waiting in silence.
        let unanswered = callbackDirectory == nil ? Task { await noteTasksAwaitingCallback(execution, io: io) } : nil
        let stops = store.map { store in
            Task {
                // `sfnrun stop` from another shell leaves a request in the store.
                while !Task.isCancelled {
                    if let request = store.takeStopRequest(execution.name) {
                        execution.stop(error: request.error, cause: request.cause)
                        return
                    }
                    try? await Task.sleep(nanoseconds: 200_000_000)
                }
            }
        }
        let result = await execution.result
        callbacks?.cancel()
        unanswered?.cancel()
        stops?.cancel()
        await progress
        // A cancelled task's command may still be in its grace period; nothing outlives sfnrun.
        await supervisor.shutDown()

        show(ExecutionReport(result: result, machineName: machineName), io: io)
        if case .aborted = result.status, let signal = received.withLock({ $0 }) { return signal.exitCode }
        return result.succeeded ? .success : .failure
    }

    /// Whether progress lines are printed: on a terminal, without `--quiet`.
    func showsProgress(_ io: any TerminalIO) -> Bool { !isQuiet && io.isErrorTerminal }

    /// Prints a finished execution as `--output` and `--history` ask.
    func show(_ report: ExecutionReport, io: any TerminalIO) {
        if format == "json" {
            io.output(report.json(history: showsHistory, shape: resultShape).jsonString(options: .pretty))
        } else {
            if showsHistory { for line in report.historyLines { io.output(line) } }
            if !isQuiet { io.error(report.statusLine(style: io.errorStyle)) }
            for line in report.errorLines { io.error(line) }
            if let output = report.result.output { io.output(output.jsonString(options: .pretty)) }
        }
    }

    /// Prints one progress line per state entered and left, until `events` ends.
    func report(_ events: AsyncStream<ExecutionEvent>, io: any TerminalIO) async {
        var reporter = ProgressReporter(style: io.errorStyle) { io.writeError($0) }
        for await event in events { reporter.handle(event) }
    }
}
