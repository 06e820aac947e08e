/// A local command that serves Task states: those named `target`, or whose resource matches it.
///
/// `target` is compared with both: a Task state whose name equals it uses the command, and so does
/// a Task state whose `Resource` matches it as an ARN pattern (`*` matches any run of characters,
/// as in ``TaskRegistry``). This is what `sfnrun start --task-command TARGET=COMMAND` builds.
///
/// ```swift
/// TaskCommand("RebootInstance", command: "./reboot.sh")
/// TaskCommand("arn:aws:states:::aws-sdk:elasticloadbalancingv2:*", command: "cat >/dev/null; echo '{}'")
/// ```
public struct TaskCommand: Sendable, Hashable {
    /// A state name, or a resource ARN pattern.
    public var target: String
    /// The shell command line.
    public var command: String

    /// Creates a command for the states `target` names or matches.
    public init(_ target: String, command: String) {
        self.target = target
        self.command = command
    }
}
