import StatesLanguage
import StatesLanguageProcess

/// `--task-command TARGET=COMMAND`: a local command serving the Task states named TARGET or whose
/// resource matches TARGET as an ARN pattern.
enum TaskCommandArgument {
    /// Splits the argument at its first `=`.
    ///
    /// - Throws: ``UsageError`` when either side is empty.
    static func parse(_ text: String) throws(UsageError) -> TaskCommand {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex,
            !text[text.index(after: equals)...].allSatisfy(\.isWhitespace)
        else {
            throw UsageError(
                "invalid value '\(text)' for '--task-command' (expected STATE=COMMAND or RESOURCE-ARN-PATTERN=COMMAND)")
        }
        return TaskCommand(String(text[..<equals]), command: String(text[text.index(after: equals)...]))
    }

    /// Checks that every command serves at least one Task state of `machine`, so a typo is not silently ignored.
    ///
    /// - Throws: ``CommandFailure`` (exit 2) naming the command and suggesting the closest state name.
    static func check(_ commands: [TaskCommand], against machine: StateMachine) throws(CommandFailure) {
        let tasks = machine.allStates.compactMap { state -> TaskState? in
            if case .task(let task) = state { return task }
            return nil
        }
        for command in commands {
            if tasks.contains(where: { $0.name == command.target }) { continue }
            var probe = TaskRegistry()
            probe.register(for: command.target) { _ in .null }
            if tasks.contains(where: { probe.handler(for: $0.resource) != nil }) { continue }
            var message =
                "error: --task-command '\(command.target)': no Task state is named '\(command.target)' and no Task state's Resource matches it"
            if let guess = Suggestion.closest(to: command.target, among: tasks.map(\.name)) {
                message += " (did you mean '\(guess)'?)"
            }
            throw CommandFailure(message)
        }
    }
}
