import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Keeps track of the processes that command tasks start, so a program can stop them all and wait
/// until they are gone before it exits.
///
/// Each command runs in its own process group, so neither Ctrl-C at a terminal nor the end of
/// the program reaches it by itself. A cancelled task stops its process (SIGTERM to the group,
/// SIGKILL after the grace period), but the engine does not wait for a cancelled handler to
/// return; call ``shutDown()`` before exiting to be sure nothing is left running.
///
/// ```swift
/// let supervisor = CommandSupervisor()
/// var options = CommandTaskOptions(supervisor: supervisor)
/// registry.register(CommandTaskHandler(command: "./reboot.sh", options: options), for: "arn:aws:states:::aws-sdk:ec2:*")
/// let result = await executor.run(machine, input: input)
/// await supervisor.shutDown()
/// ```
public final class CommandSupervisor: Sendable {
    private struct State {
        var running: [pid_t: ChildProcess] = [:]
        var isShutDown = false
    }

    private let state = Mutex(State())

    /// Creates a supervisor with no processes.
    public init() {}

    /// How many command processes are running now.
    public var runningCount: Int { state.withLock { $0.running.count } }

    /// The process ids of the running commands (each is also the id of the command's process group).
    public var runningProcessIDs: [Int32] { state.withLock { $0.running.keys.sorted() } }

    /// Stops every running command and returns once all have exited and been reaped; commands
    /// that tasks try to start afterwards fail instead.
    public func shutDown() async {
        let processes = state.withLock { state in
            state.isShutDown = true
            return Array(state.running.values)
        }
        for process in processes { process.terminate() }
        for process in processes { _ = await process.outcome }
    }

    /// Starts a process unless the supervisor has shut down.
    func launch(_ configuration: ProcessConfiguration) throws(LaunchError) -> ChildProcess {
        let result: Result<ChildProcess, LaunchError> = state.withLock { state in
            guard !state.isShutDown else { return .failure(.shutDown) }
            do throws(SystemCallError) {
                let process = try ChildProcess.launch(configuration) { [weak self] process in self?.remove(process) }
                state.running[process.pid] = process
                return .success(process)
            } catch {
                return .failure(.system(error))
            }
        }
        return try result.get()
    }

    /// Forgets a process that has been reaped.
    private func remove(_ process: ChildProcess) {
        state.withLock { state in
            if state.running[process.pid] === process { state.running[process.pid] = nil }
        }
    }

    /// Why a process was not started.
    enum LaunchError: Error, CustomStringConvertible {
        case shutDown
        case system(SystemCallError)

        var description: String {
            switch self {
            case .shutDown: return "the program is shutting down"
            case .system(let error): return error.description
            }
        }
    }
}
