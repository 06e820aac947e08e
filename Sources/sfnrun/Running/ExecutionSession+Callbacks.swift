import StatesLanguage

extension ExecutionSession {
    /// Prints, once per token, how to answer a `.waitForTaskToken` task that waits for its callback
    /// while this process takes none (no `--callback-dir`): such a task would otherwise wait in
    /// silence until its timeout, or for ever.
    func noteTasksAwaitingCallback(_ execution: Execution, io: any TerminalIO) async {
        var noted = Set<String>()
        while !Task.isCancelled {
            for (token, state) in execution.tasksAwaitingCallback where noted.insert(token).inserted {
                for line in Self.callbackNote(token: token, state: state, execution: execution.name, isStored: store != nil) {
                    io.error(line)
                }
            }
            try? await Task.sleep(nanoseconds: 250_000_000)
        }
    }

    /// The note for a task waiting on `token` in a process that takes no callbacks.
    static func callbackNote(token: String, state: String, execution: String, isStored: Bool) -> [String] {
        let answer = "sfnrun callback --callback-dir DIR --task-token \(token) --output '{…}'"
        var lines = ["note: '\(state)' waits for a callback on its task token, and this process takes none (no --callback-dir)."]
        if isStored {
            // kill -9 leaves the execution RUNNING; a stop signal would abort it.
            lines.append(
                "note: end this process with kill -9, continue with: sfnrun resume \(execution) --callback-dir DIR [task options]; then answer with: \(answer)")
        } else {
            lines.append("note: run it again with --callback-dir DIR and answer with: \(answer)")
        }
        return lines
    }
}
