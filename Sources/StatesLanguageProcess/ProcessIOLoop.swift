#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The `poll` loop serving one child process, run on its own thread by ``ChildProcess``.
///
/// It writes standard input while reading standard output, standard error and the heartbeat pipe,
/// so neither side can fill a pipe and wait on the other. It checks for the process's exit between
/// events (a process may exit while something it started keeps the pipes open), enforces the
/// timeout and termination requests (SIGTERM to the group, SIGKILL after the grace period), and
/// once the process has exited, kills whatever it left in its group and reaps it.
///
/// Time here is the monotonic system clock: a process runs in real time whatever the execution's
/// clock says.
struct ProcessIOLoop {
    let pid: pid_t
    let configuration: ProcessConfiguration
    var inputFD: Int32
    var outputFD: Int32
    var errorFD: Int32
    var heartbeatFD: Int32
    var wakeFD: Int32
    let isTerminationRequested: @Sendable () -> Bool

    private var inputOffset = 0
    private var output: [UInt8] = []
    private var isOutputTruncated = false
    private var errorTail: [UInt8] = []
    private var droppedErrorBytes = 0
    private var errorLine: [UInt8] = []
    private var stopReason: ProcessStopReason?
    private var hasExited = false
    private var killDeadline: ContinuousClock.Instant?
    private var drainDeadline: ContinuousClock.Instant?
    private var timeoutDeadline: ContinuousClock.Instant?
    private var exitCheckInterval = 1
    private var scratch = [UInt8](repeating: 0, count: 64 * 1024)
    private let clock = ContinuousClock()

    init(
        pid: pid_t, configuration: ProcessConfiguration, inputFD: Int32, outputFD: Int32, errorFD: Int32,
        heartbeatFD: Int32, wakeFD: Int32, isTerminationRequested: @escaping @Sendable () -> Bool
    ) {
        self.pid = pid
        self.configuration = configuration
        self.inputFD = inputFD
        self.outputFD = outputFD
        self.errorFD = errorFD
        self.heartbeatFD = heartbeatFD
        self.wakeFD = wakeFD
        self.isTerminationRequested = isTerminationRequested
    }

    private var hasOpenOutput: Bool { outputFD >= 0 || errorFD >= 0 || heartbeatFD >= 0 }

    mutating func run() -> ProcessOutcome {
        timeoutDeadline = configuration.timeout.map { clock.now.advanced(by: .seconds($0)) }
        if configuration.input.isEmpty { SystemCall.close(&inputFD) }
        while true {
            let now = clock.now
            if stopReason == nil, isTerminationRequested() { stop(.terminated, at: now) }
            if stopReason == nil, let timeoutDeadline, now >= timeoutDeadline { stop(.timedOut, at: now) }
            if let killDeadline, now >= killDeadline {
                kill(-pid, SIGKILL)
                self.killDeadline = nil
            }
            if hasExited, !hasOpenOutput || drainDeadline.map({ now >= $0 }) == true { break }
            waitForEvents(now: now)
            if !hasExited, checkExited() {
                hasExited = true
                SystemCall.close(&inputFD)
                // Whatever the command left running in its group is asked to stop; the pipes it
                // still holds are drained for at most the grace period.
                kill(-pid, SIGTERM)
                drainDeadline = clock.now.advanced(by: .seconds(configuration.gracePeriod))
            }
        }
        kill(-pid, SIGKILL)
        let termination = reap()
        flushErrorLine()
        for fd in [\ProcessIOLoop.inputFD, \.outputFD, \.errorFD, \.heartbeatFD, \.wakeFD] {
            SystemCall.close(&self[keyPath: fd])
        }
        return ProcessOutcome(
            termination: termination, stopReason: stopReason, output: output, isOutputTruncated: isOutputTruncated,
            errorTail: errorTail, droppedErrorBytes: droppedErrorBytes)
    }

    /// Starts stopping the process: SIGTERM to its group now, SIGKILL when the grace period ends.
    private mutating func stop(_ reason: ProcessStopReason, at now: ContinuousClock.Instant) {
        stopReason = reason
        SystemCall.close(&inputFD)
        if hasExited {
            drainDeadline = now
        } else {
            kill(-pid, SIGTERM)
            killDeadline = now.advanced(by: .seconds(configuration.gracePeriod))
        }
    }

    /// Polls the pipes until one is ready or the next deadline or exit check is due, and serves them.
    private mutating func waitForEvents(now: ContinuousClock.Instant) {
        var descriptors: [pollfd] = []
        func watch(_ fd: Int32, _ events: Int32) {
            if fd >= 0 { descriptors.append(pollfd(fd: fd, events: Int16(events), revents: 0)) }
        }
        watch(wakeFD, Int32(POLLIN))
        watch(inputFD, Int32(POLLOUT))
        watch(outputFD, Int32(POLLIN))
        watch(errorFD, Int32(POLLIN))
        watch(heartbeatFD, Int32(POLLIN))

        // While output is open, its end (EOF) usually announces the exit; once all is closed, the exit
        // is checked every 1, 2, 4… up to 50 ms.
        var milliseconds = hasExited ? 1000 : hasOpenOutput ? 50 : exitCheckInterval
        if !hasOpenOutput { exitCheckInterval = min(exitCheckInterval * 2, 50) }
        for deadline in [stopReason == nil ? timeoutDeadline : nil, killDeadline, drainDeadline] {
            guard let deadline else { continue }
            let (seconds, attoseconds) = (deadline - now).components
            milliseconds = min(milliseconds, max(0, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000) + 1))
        }
        guard poll(&descriptors, nfds_t(descriptors.count), Int32(milliseconds)) > 0 else { return }
        let ready = Int16(POLLIN | POLLOUT | POLLHUP | POLLERR | POLLNVAL)
        for descriptor in descriptors where descriptor.revents & ready != 0 {
            switch descriptor.fd {
            case inputFD: writeInput(hangUp: descriptor.revents & Int16(POLLOUT) == 0)
            case outputFD:
                switch readAvailable(outputFD) {
                case .bytes(let bytes): appendOutput(bytes)
                case .end: SystemCall.close(&outputFD)
                case .none: break
                }
            case errorFD:
                switch readAvailable(errorFD) {
                case .bytes(let bytes): appendError(bytes)
                case .end: SystemCall.close(&errorFD)
                case .none: break
                }
            case heartbeatFD:
                switch readAvailable(heartbeatFD) {
                case .bytes: configuration.onHeartbeat()
                case .end: SystemCall.close(&heartbeatFD)
                case .none: break
                }
            case wakeFD:
                if case .end = readAvailable(wakeFD) { SystemCall.close(&wakeFD) }
            default: break
            }
        }
    }

    private mutating func writeInput(hangUp: Bool) {
        guard !hangUp else { return SystemCall.close(&inputFD) }
        let input = configuration.input
        let written = input.withUnsafeBytes { bytes in
            write(inputFD, bytes.baseAddress! + inputOffset, min(bytes.count - inputOffset, 64 * 1024))
        }
        if written > 0 {
            inputOffset += written
            if inputOffset == input.count { SystemCall.close(&inputFD) }
        } else if written < 0, errno != EAGAIN, errno != EINTR {
            // EPIPE: the command exited or closed its standard input without reading it all.
            SystemCall.close(&inputFD)
        }
    }

    private enum Read {
        case bytes(ArraySlice<UInt8>)
        /// End of file, or an error that ends the stream.
        case end
        /// Nothing to read after all.
        case none
    }

    /// Reads what is available from the non-blocking descriptor `fd`.
    private mutating func readAvailable(_ fd: Int32) -> Read {
        let count = scratch.withUnsafeMutableBytes { buffer in
            #if canImport(Glibc)
                Glibc.read(fd, buffer.baseAddress, buffer.count)
            #else
                Darwin.read(fd, buffer.baseAddress, buffer.count)
            #endif
        }
        if count > 0 { return .bytes(scratch[..<count]) }
        return count < 0 && (errno == EAGAIN || errno == EINTR) ? .none : .end
    }

    private mutating func appendOutput(_ bytes: ArraySlice<UInt8>) {
        guard output.count + bytes.count <= configuration.maximumOutputBytes else {
            isOutputTruncated = true
            return
        }
        output += bytes
    }

    private mutating func appendError(_ bytes: ArraySlice<UInt8>) {
        errorTail += bytes
        let limit = configuration.keptErrorBytes
        if errorTail.count > 2 * limit {
            droppedErrorBytes += errorTail.count - limit
            errorTail.removeFirst(errorTail.count - limit)
        }
        guard let onErrorLine = configuration.onErrorLine else { return }
        for byte in bytes {
            if byte == UInt8(ascii: "\n") || errorLine.count >= 16 * 1024 {
                onErrorLine(String(decoding: errorLine, as: UTF8.self))
                errorLine.removeAll(keepingCapacity: true)
                if byte == UInt8(ascii: "\n") { continue }
            }
            errorLine.append(byte)
        }
    }

    private mutating func flushErrorLine() {
        if errorTail.count > configuration.keptErrorBytes {
            droppedErrorBytes += errorTail.count - configuration.keptErrorBytes
            errorTail.removeFirst(errorTail.count - configuration.keptErrorBytes)
        }
        guard !errorLine.isEmpty, let onErrorLine = configuration.onErrorLine else { return }
        onErrorLine(String(decoding: errorLine, as: UTF8.self))
        errorLine = []
    }

    /// Whether the process has exited, without reaping it: while it is a zombie its id (and so its
    /// process group id) cannot be reused, which keeps `kill(-pid, …)` aimed at the right group.
    private func checkExited() -> Bool {
        var info = siginfo_t()
        guard waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 else {
            return errno == ECHILD
        }
        #if canImport(Glibc)
            return info._sifields._sigchld.si_pid == pid
        #else
            return info.si_pid == pid
        #endif
    }

    private func reap() -> ProcessTermination {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return .unknown }
        }
        // WIFEXITED / WEXITSTATUS / WTERMSIG, which are macros C modules do not import.
        let signal = status & 0x7F
        return signal == 0 ? .exited((status >> 8) & 0xFF) : .signalled(signal)
    }
}
