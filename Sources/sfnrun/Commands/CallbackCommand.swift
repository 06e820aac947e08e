import StatesLanguage

/// `sfnrun callback`: completes a `.waitForTaskToken` task of an execution that
/// `sfnrun start --callback-dir` is running (SendTaskSuccess/Failure/Heartbeat for local runs).
struct CallbackCommand: Command {
    static let help = CommandHelp(
        name: "callback",
        summary: "Send a task token's success, failure or heartbeat to a running 'sfnrun start'.",
        usage: [
            "callback --callback-dir <dir> --task-token <token> (--output <json> | --error <name> [--cause <text>] | --heartbeat)"
        ],
        operands: [],
        options: [
            .value("callback-dir", "<dir>", help: "The folder given to 'sfnrun start --callback-dir'."),
            .value("task-token", "<token>", help: "The task token ($$.Task.Token) of the waiting task."),
            .value("output", "<json>", help: "Complete the task successfully with this output (SendTaskSuccess)."),
            .value("error", "<name>", help: "Fail the task with this error name (SendTaskFailure)."),
            .value("cause", "<text>", help: "With --error: the failure's cause."),
            .flag("heartbeat", help: "Tell the task it is still alive (SendTaskHeartbeat)."),
        ],
        discussion: """
            The running 'sfnrun start' picks the callback up within a tenth of a second. A token that no
            task waits for is reported by 'sfnrun start' as TaskDoesNotExist.
            """,
        examples: [
            "sfnrun start approval.json --callback-dir /tmp/sfn-callbacks &",
            "sfnrun callback --callback-dir /tmp/sfn-callbacks --task-token \"$TOKEN\" --output '{\"approved\": true}'",
        ])

    var mailbox: CallbackMailbox
    var token: String
    var message: CallbackMailbox.Message

    init(arguments: [String]) throws(UsageError) {
        let parsed = try ArgumentParser.parse(arguments, for: Self.help)
        if let stray = parsed.operands.first { throw UsageError("unexpected argument '\(stray)'") }
        guard let directory = parsed.value("callback-dir") else { throw UsageError("missing --callback-dir <dir>") }
        guard let token = parsed.value("task-token"), !token.isEmpty else {
            throw UsageError("missing --task-token <token>")
        }
        mailbox = CallbackMailbox(path: directory)
        self.token = token
        let chosen = [parsed.value("output") != nil, parsed.value("error") != nil, parsed.flag("heartbeat")]
        guard chosen.filter({ $0 }).count == 1 else {
            throw UsageError("give exactly one of --output <json>, --error <name> or --heartbeat")
        }
        if parsed.value("cause") != nil, parsed.value("error") == nil { throw UsageError("--cause needs --error <name>") }
        if let text = parsed.value("output") {
            do {
                message = .success(try JSONValue(parsing: text))
            } catch {
                throw UsageError("invalid JSON for '--output': \(error)")
            }
        } else if let error = parsed.value("error") {
            message = .failure(error: error, cause: parsed.value("cause"))
        } else {
            message = .heartbeat
        }
    }

    func run(io: any TerminalIO) async -> ExitCode {
        do {
            try mailbox.post(message, token: token)
            return .success
        } catch let missing as CallbackMailbox.MissingFolder {
            io.error("error: \(missing)")
            return .failure
        } catch {
            io.error("error: cannot write to \(mailbox.directory.path): \(error.localizedDescription)")
            return .usage
        }
    }
}
