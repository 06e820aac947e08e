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
            gone)', with a note on standard error: continue it with 'sfnrun resume NAME'. An execution whose
            files are damaged shows as DAMAGED, with a warning on standard error naming the file and line;
            the others are listed as usual and the exit status is 0.
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
        let unreadable: [(name: String, error: ExecutionStoreError)]
        do {
            let readable = try reader.executor.readableStoredExecutions()
            stored = readable.executions.filter { status == nil || $0.status == status }
            unreadable = readable.unreadable
        } catch {
            for line in error.failure.lines { io.error(line) }
            return .usage
        }
        // One damaged execution hides none of the others: it is named on standard error, where it cannot
        // spoil the JSON document.
        for (name, error) in unreadable {
            io.error("warning: the execution '\(name)' cannot be read: \(error.message)")
        }
        if let mapRun { return listChildren(of: mapRun, in: stored, io: io) }
        // A distributed Map's child executions (machine `PARENT/LABEL`) are listed with --map-run only.
        let executions = stored.filter { !$0.start.stateMachineName.contains("/") }
        if format == "json" {
            let document: JSONValue = ["executions": .array(executions.map(\.listJSON))]
            io.output(document.jsonString(options: .pretty))
            return .success
        }
        let damaged = status == nil ? unreadable.map(\.name) : []
        if executions.isEmpty, damaged.isEmpty {
            if let directory = storage.directory(io: io), !FileManager.default.fileExists(atPath: directory) {
                // Most likely a mistyped --store or SFNRUN_STORE, or another current directory.
                io.error("There is no execution store at \(directory) (nothing was ever stored there).")
            } else {
                io.error(status.map { "No \($0) executions in the store." } ?? "No executions in the store.")
            }
            return .success
        }
        let width = min(60, (executions.map(\.name.count) + damaged.map(\.count)).max() ?? 4)
        func padded(_ name: String) -> String { name.padding(toLength: max(width, name.count), withPad: " ", startingAt: 0) }
        for execution in executions {
            var line = "\(padded(execution.name))  \(execution.statusText.padding(toLength: 22, withPad: " ", startingAt: 0))"
            line += "  \(Timestamp.format(execution.start.startDate))  \(execution.start.stateMachineName)"
            if execution.redriveCount > 0 { line += "  (redriven \(execution.redriveCount)x)" }
            io.output(line)
        }
        for name in damaged { io.output("\(padded(name))  DAMAGED") }
        printOrphanNotes(executions, io: io)
        return .success
    }

    /// Says on standard error how to continue each execution whose process is gone, as `describe` does.
    private func printOrphanNotes(_ executions: [StoredExecution], io: any TerminalIO) {
        for execution in executions {
            if let note = execution.orphanNote { io.error("note: '\(execution.name)': \(note)") }
        }
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
