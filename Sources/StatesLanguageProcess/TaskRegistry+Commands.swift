extension TaskRegistry {
    /// A registry that runs local commands for the Task states they target (by name or resource
    /// pattern) and gives every other Task state to this registry's handlers.
    ///
    /// The commands take precedence over every handler of this registry, however specific its
    /// patterns; see ``TaskCommandRouter`` for how a command is chosen.
    ///
    /// ```swift
    /// let registry = awsRegistry.routingCommands([
    ///     TaskCommand("CheckInstanceHealth", command: "./health.sh"),
    ///     TaskCommand("arn:aws:states:::aws-sdk:*", command: "cat >/dev/null; echo '{}'"),
    /// ])
    /// ```
    /// - Parameters:
    ///   - commands: the commands; a later one replaces an earlier one with the same target.
    ///   - options: how the commands run.
    /// - Returns: a registry with one handler, a ``TaskCommandRouter``, for every resource.
    public func routingCommands(_ commands: [TaskCommand], options: CommandTaskOptions = CommandTaskOptions())
        -> TaskRegistry
    {
        var registry = TaskRegistry()
        registry.register(TaskCommandRouter(commands: commands, options: options, fallback: self), for: "*")
        return registry
    }
}
