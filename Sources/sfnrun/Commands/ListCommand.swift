import Foundation
import StatesLanguage

/// `sfnrun list`: the stored executions, like `aws stepfunctions list-executions`.
struct ListCommand: Command {
    static let help = CommandHelp(
        name: "list",
        summary: "List the stored executions, newest first (as aws stepfunctions list-executions).",
        usage: [
            "list [--status <status>] [--output text|json] [--store <dir>]",
            "list --map-run <map-run-arn> [--output text|json] [--store <dir>]",
        ],
        operands: [],
        options: [
            .value(
                "status", "<status>", allowed: ["RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"],
                help: "Only executions with this status."),
            .value(
                "map-run", "<arn>",
                help: "List the child executions of this Map Run (of a stored execution's distributed Map)."),
            .value("output", "<format>", allowed: ["text", "json"], help: "text (default) or json."),
            StoreOptions.directoryOption,
        ],
        discussion: """
            An execution marked RUNNING whose process is gone (killed, crashed) shows as 'RUNNING (process
            gone)'; continue it with 'sfnrun resume NAME'.
            """,
        examples: ["sfnrun list --status FAILED", "sfnrun list --output json"])

    var status: String?
    var mapRun: String?
    var format: String
    var storage: StoreOptions

    init(arguments: [String]) throws(UsageError) {
        let parsed = try ArgumentParser.parse(arguments, for: Self.help)
        if let stray = parsed.operands.first { throw UsageError("unexpected argument '\(stray)'") }
        status = parsed.value("status")
        mapRun = parsed.value("map-run")
        if mapRun != nil, status != nil { throw UsageError("--map-run cannot be combined with --status") }
        format = parsed.value("output") ?? "text"
        storage = try StoreOptions(parsed, storesByDefault: true)
    }

    func run(io: any TerminalIO) async -> ExitCode {
        let reader = StoreReader(storage, io: io)
        let stored: [StoredExecution]
        do {
            stored = try reader.executor.storedExecutions().filter { status == nil || $0.status == status }
        } catch {
            for line in error.failure.lines { io.error(line) }
            return .usage
        }
        if let mapRun { return listChildren(of: mapRun, in: stored, io: io) }
        // A distributed Map's child executions (machine `PARENT/LABEL`) are listed with --map-run only.
        let executions = stored.filter { !$0.start.stateMachineName.contains("/") }
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

    /// The child executions of a Map Run, as `list-executions --map-run-arn` lists them (their ARNs).
    private func listChildren(of arn: String, in executions: [StoredExecution], io: any TerminalIO) -> ExitCode {
        guard let run = executions.lazy.flatMap(\.mapRuns).first(where: { $0["mapRunArn"]?.stringValue == arn }) else {
            io.error("error: no stored execution has the Map Run '\(arn)' (see 'sfnrun describe NAME')")
            return .usage
        }
        let children = run["executionArns"]?.arrayValue ?? []
        let stored = Dictionary(executions.map { ($0.start.executionARN, $0) }, uniquingKeysWith: { first, _ in first })
        if format == "json" {
            let entries = children.map { arn -> JSONValue in
                // A child kept in the store is listed with its status and dates.
                if let execution = stored[arn.stringValue ?? ""], case .object(var entry) = execution.listJSON {
                    entry["mapRunArn"] = .string(self.mapRun ?? "")
                    return .object(entry)
                }
                let text = arn.stringValue ?? ""
                return ["executionArn": arn, "name": .string(String(text.split(separator: ":").last ?? "")), "mapRunArn": .string(self.mapRun ?? "")]
            }
            io.output(JSONValue.object(["executions": .array(entries)]).jsonString(options: .pretty))
            return .success
        }
        for child in children { io.output(child.stringValue ?? "") }
        return .success
    }
}
