import Foundation
import StatesLanguage

/// `sfnrun list`: the stored executions, like `aws stepfunctions list-executions`.
struct ListCommand: Command {
    static let help = CommandHelp(
        name: "list",
        summary: "List the stored executions, newest first (as aws stepfunctions list-executions).",
        usage: ["list [--status <status>] [--output text|json] [--store <dir>]"],
        operands: [],
        options: [
            .value(
                "status", "<status>", allowed: ["RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"],
                help: "Only executions with this status."),
            .value("output", "<format>", allowed: ["text", "json"], help: "text (default) or json."),
            StoreOptions.directoryOption,
        ],
        discussion: """
            An execution marked RUNNING whose process is gone (killed, crashed) shows as 'RUNNING (process
            gone)'; continue it with 'sfnrun resume NAME'.
            """,
        examples: ["sfnrun list --status FAILED", "sfnrun list --output json"])

    var status: String?
    var format: String
    var storage: StoreOptions

    init(arguments: [String]) throws(UsageError) {
        let parsed = try ArgumentParser.parse(arguments, for: Self.help)
        if let stray = parsed.operands.first { throw UsageError("unexpected argument '\(stray)'") }
        status = parsed.value("status")
        format = parsed.value("output") ?? "text"
        storage = try StoreOptions(parsed, storesByDefault: true)
    }

    func run(io: any TerminalIO) async -> ExitCode {
        let reader = StoreReader(storage, io: io)
        let executions: [StoredExecution]
        do {
            executions = try reader.executor.storedExecutions().filter { status == nil || $0.status == status }
        } catch {
            for line in error.failure.lines { io.error(line) }
            return .usage
        }
        if format == "json" {
            let document: JSONValue = ["executions": .array(executions.map(\.listJSON))]
            io.output(document.jsonString(options: .pretty))
            return .success
        }
        if executions.isEmpty {
            io.error(status.map { "No \($0) executions in the store." } ?? "No executions in the store.")
            return .success
        }
        let width = min(60, executions.map(\.name.count).max() ?? 4)
        for execution in executions {
            let name = execution.name.padding(toLength: max(width, execution.name.count), withPad: " ", startingAt: 0)
            var line = "\(name)  \(execution.statusText.padding(toLength: 22, withPad: " ", startingAt: 0))"
            line += "  \(Timestamp.format(execution.start.startDate))  \(execution.start.stateMachineName)"
            if execution.redriveCount > 0 { line += "  (redriven \(execution.redriveCount)x)" }
            io.output(line)
        }
        return .success
    }
}
