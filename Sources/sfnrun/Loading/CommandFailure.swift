/// A command that cannot go on: the lines to print on standard error and the exit status.
struct CommandFailure: Error, Sendable {
    /// The diagnostics, one per line.
    var lines: [String]
    /// The exit status (2 for unreadable or invalid input).
    var exitCode: ExitCode

    init(_ lines: [String], exitCode: ExitCode = .usage) {
        self.lines = lines
        self.exitCode = exitCode
    }

    init(_ line: String, exitCode: ExitCode = .usage) { self.init([line], exitCode: exitCode) }
}
