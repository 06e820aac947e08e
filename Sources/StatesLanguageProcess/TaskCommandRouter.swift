/// Serves Task states from local commands chosen by state name or resource pattern, and every
/// other Task state from a fallback registry.
///
/// Which command runs a state: a command whose target is the state's name; else the command whose
/// target, read as an ARN pattern, matches the state's `Resource` (an exact ARN first, then the
/// pattern with the longest text before its first `*`, as ``TaskRegistry`` chooses); else the
/// fallback's handler for the resource. Build one with ``StatesLanguage/TaskRegistry/routingCommands(_:options:)``.
public struct TaskCommandRouter: TaskHandler {
    private let byState: [String: CommandTaskHandler]
    private let byResource: TaskRegistry
    private let fallback: TaskRegistry

    /// Creates a router.
    ///
    /// - Parameters:
    ///   - commands: the commands; a later one replaces an earlier one with the same target.
    ///   - options: how the commands run.
    ///   - fallback: the handlers for Task states no command serves.
    public init(commands: [TaskCommand], options: CommandTaskOptions = CommandTaskOptions(), fallback: TaskRegistry) {
        var byState: [String: CommandTaskHandler] = [:]
        var byResource = TaskRegistry()
        for entry in commands {
            let handler = CommandTaskHandler(command: entry.command, options: options)
            byState[entry.target] = handler
            byResource.register(handler, for: entry.target)
        }
        self.byState = byState
        self.byResource = byResource
        self.fallback = fallback
    }

    /// The command that serves the Task state `stateName` with `resource`, if any.
    public func command(forState stateName: String, resource: ResourceARN) -> CommandTaskHandler? {
        byState[stateName] ?? byResource.handler(for: resource) as? CommandTaskHandler
    }

    /// Runs the state's command, or passes the task to the fallback's handler.
    ///
    /// - Throws: what the handler throws; `States.Runtime` when no command serves the state and the
    ///   fallback has no handler for its resource.
    public func invoke(_ request: TaskRequest) async throws -> JSONValue {
        if let command = command(forState: request.stateName, resource: request.resource) {
            return try await command.invoke(request)
        }
        guard let handler = fallback.handler(for: request.resource) else {
            throw StatesError.runtime(
                "No task command serves the state '\(request.stateName)' and no task handler is registered for its resource '\(request.resource)'."
            )
        }
        return try await handler.invoke(request)
    }
}
