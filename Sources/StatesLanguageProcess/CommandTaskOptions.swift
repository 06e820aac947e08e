import Foundation

/// How ``CommandTaskHandler`` runs its commands: the shell, the environment, limits and where
/// standard error goes.
///
/// ```swift
/// var options = CommandTaskOptions()
/// options.terminationGracePeriod = 5
/// options.onStandardErrorLine = { state, line in print("[\(state)] \(line)") }
/// ```
public struct CommandTaskOptions: Sendable {
    /// The shell that runs each command as `shell -c COMMAND` (default `/bin/sh`).
    public var shell: String
    /// The environment commands start with; the task's `SFNRUN_*` variables are added to it
    /// (default: this process's environment).
    public var environment: [String: String]
    /// Seconds between SIGTERM and SIGKILL when a command is stopped by a timeout or cancellation
    /// (default 2).
    public var terminationGracePeriod: Double
    /// The most standard output a command may write (default 64 MiB); more fails the task with
    /// `States.DataLimitExceeded`. The execution's own payload quota applies to the result too.
    public var maximumOutputBytes: Int
    /// How many bytes from the end of standard error a failure's cause quotes (default 4096).
    public var maximumCauseBytes: Int
    /// Called with the state name and each line a command writes to standard error; `nil` drops them
    /// (the end of standard error is still quoted in a failure's cause).
    public var onStandardErrorLine: (@Sendable (_ stateName: String, _ line: String) -> Void)?
    /// Tracks the running processes, so they can all be stopped before the program exits.
    public var supervisor: CommandSupervisor

    /// Creates options with the defaults.
    ///
    /// - Parameters:
    ///   - environment: the environment commands start with (default: this process's).
    ///   - supervisor: the supervisor to register processes with (default: a new one).
    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        supervisor: CommandSupervisor = CommandSupervisor()
    ) {
        shell = "/bin/sh"
        self.environment = environment
        terminationGracePeriod = 2
        maximumOutputBytes = 64 << 20
        maximumCauseBytes = 4096
        onStandardErrorLine = nil
        self.supervisor = supervisor
    }
}
