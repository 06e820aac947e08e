import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A running `/bin/sh -c` process in its own process group, with its standard streams on pipes.
///
/// One thread per process runs a `poll` loop (``ProcessIOLoop``) that writes standard input, reads
/// standard output, standard error and the heartbeat pipe concurrently (so no amount of data on
/// any of them can deadlock), notices when the process exits, enforces the timeout and reaps it.
/// Blocking system calls stay on that thread, never on the cooperative pool.
final class ChildProcess: Sendable {
    /// The process id, which is also its process group id.
    let pid: pid_t

    private struct Control {
        /// The write end of the loop's wake-up pipe; -1 once the loop has finished.
        var wakeFD: Int32
        var isTerminationRequested = false
        var outcome: ProcessOutcome?
        var waiters: [CheckedContinuation<ProcessOutcome, Never>] = []
    }

    private let control: Mutex<Control>
    private let onFinish: @Sendable (ChildProcess) -> Void

    private init(pid: pid_t, wakeFD: Int32, onFinish: @escaping @Sendable (ChildProcess) -> Void) {
        self.pid = pid
        self.onFinish = onFinish
        control = Mutex(Control(wakeFD: wakeFD))
    }

    /// Starts a process and the thread that serves its pipes.
    ///
    /// - Parameter onFinish: called once the process has been reaped, before anyone awaiting
    ///   ``outcome`` resumes.
    /// - Throws: ``SystemCallError`` when pipes cannot be made or the program cannot be spawned.
    static func launch(
        _ configuration: ProcessConfiguration, onFinish: @escaping @Sendable (ChildProcess) -> Void = { _ in }
    ) throws(SystemCallError) -> ChildProcess {
        var opened: [Int32] = []
        func pipe() throws(SystemCallError) -> (read: Int32, write: Int32) {
            let ends = try SystemCall.makePipe()
            opened += [ends.read, ends.write]
            return ends
        }
        do {
            let input = try pipe()
            let output = try pipe()
            let error = try pipe()
            let heartbeat = try pipe()
            let wake = try pipe()
            let pid = try spawn(
                configuration, input: input.read, output: output.write, error: error.write, heartbeat: heartbeat.write)
            var childEnds = [input.read, output.write, error.write, heartbeat.write]
            for index in childEnds.indices { SystemCall.close(&childEnds[index]) }
            for fd in [input.write, output.read, error.read, heartbeat.read, wake.read, wake.write] {
                SystemCall.setNonBlocking(fd)
            }
            #if canImport(Darwin)
                _ = fcntl(input.write, F_SETNOSIGPIPE, 1)
            #endif
            let process = ChildProcess(pid: pid, wakeFD: wake.write, onFinish: onFinish)
            let loop = ProcessIOLoop(
                pid: pid, configuration: configuration, inputFD: input.write, outputFD: output.read,
                errorFD: error.read, heartbeatFD: heartbeat.read, wakeFD: wake.read,
                isTerminationRequested: { process.control.withLock { $0.isTerminationRequested } })
            let thread = Thread {
                ChildProcess.ignoreBrokenPipes()
                var loop = loop
                process.finish(loop.run())
            }
            thread.name = "sfnrun-process-\(pid)"
            thread.start()
            return process
        } catch {
            for index in opened.indices { SystemCall.close(&opened[index]) }
            throw error
        }
    }

    /// Stops the process: SIGTERM to its group, SIGKILL after the grace period. Safe to call at any time.
    func terminate() {
        control.withLock { control in
            guard !control.isTerminationRequested, control.outcome == nil else { return }
            control.isTerminationRequested = true
            var byte: UInt8 = 1
            _ = write(control.wakeFD, &byte, 1)
        }
    }

    /// Whether the process has ended and been reaped.
    var isFinished: Bool { control.withLock { $0.outcome != nil } }

    /// How the process ended, once it has ended and its pipes are drained.
    var outcome: ProcessOutcome {
        get async {
            await withCheckedContinuation { continuation in
                let done: ProcessOutcome? = control.withLock { control in
                    if let outcome = control.outcome { return outcome }
                    control.waiters.append(continuation)
                    return nil
                }
                if let done { continuation.resume(returning: done) }
            }
        }
    }

    private func finish(_ outcome: ProcessOutcome) {
        onFinish(self)
        let waiters = control.withLock { control in
            control.outcome = outcome
            // Closed under the lock, so terminate() never writes to a descriptor number reused since.
            SystemCall.close(&control.wakeFD)
            defer { control.waiters = [] }
            return control.waiters
        }
        for waiter in waiters { waiter.resume(returning: outcome) }
    }

    /// Writing to a pipe whose reader is gone raises SIGPIPE in the writing thread; blocked there,
    /// the write fails with EPIPE instead and the program lives on.
    private static func ignoreBrokenPipes() {
        #if canImport(Glibc)
            var set = sigset_t()
            sigemptyset(&set)
            sigaddset(&set, SIGPIPE)
            pthread_sigmask(SIG_BLOCK, &set, nil)
        #endif
    }
}
