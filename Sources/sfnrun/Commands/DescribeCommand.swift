import Foundation
import StatesLanguage

/// `sfnrun describe`: one stored execution, like `aws stepfunctions describe-execution`.
struct DescribeCommand: Command {
    static let help = CommandHelp(
        name: "describe",
        summary: "Show a stored execution's status, input, output or error, redrive state and Map Runs (describe-execution, describe-map-run).",
        usage: ["describe <name> [--output text|json] [--store <dir>]"],
        operands: [("<name>", "The execution's name (see 'sfnrun list').")],
        options: [
            .value("output", "<format>", allowed: ["text", "json"], help: "text (default) or json."),
            StoreOptions.directoryOption,
        ],
        discussion: nil,
        examples: ["sfnrun describe restart-web --output json"])

    var name: String
    var format: String
    var storage: StoreOptions

    init(arguments: [String]) throws(UsageError) {
        let parsed = try ArgumentParser.parse(arguments, for: Self.help)
        guard let name = parsed.operands.first else { throw UsageError("missing the execution name") }
        if parsed.operands.count > 1 { throw UsageError("unexpected argument '\(parsed.operands[1])'") }
        self.name = name
        format = parsed.value("output") ?? "text"
        storage = try StoreOptions(parsed, storesByDefault: true)
    }

    func run(io: any TerminalIO) async -> ExitCode {
        let execution: StoredExecution
        do {
            execution = try StoreReader(storage, io: io).execution(name)
        } catch {
            for line in error.lines { io.error(line) }
            return error.exitCode
        }
        var document = execution.describeJSON(now: Date())
        let mapRuns = execution.mapRuns.map { run -> JSONValue in
            guard case .object(var fields) = run else { return run }
            fields["executionArns"] = nil
            return .object(fields)
        }
        if !mapRuns.isEmpty, case .object(var fields) = document {
            fields["mapRuns"] = .array(mapRuns)
            document = .object(fields)
        }
        if format == "json" {
            io.output(document.jsonString(options: .pretty))
            return .success
        }
        let fields = [
            "name", "status", "executionArn", "stateMachineArn", "startDate", "stopDate", "input", "output", "error",
            "cause", "redriveCount", "redriveDate", "redriveStatus", "redriveStatusReason",
        ]
        for field in fields {
            guard let value = document[field] else { continue }
            var text = value.stringValue ?? value.jsonString()
            if field == "status" { text = execution.statusText }
            io.output("\(field):".padding(toLength: 21, withPad: " ", startingAt: 0) + text)
        }
        for run in mapRuns {
            let counts = run["itemCounts"]
            let items = ["succeeded", "failed", "timedOut", "aborted", "pending", "running"].compactMap { key in
                counts?[key]?.intValue.flatMap { $0 > 0 ? "\($0) \(key)" : nil }
            }
            io.output(
                "mapRun:".padding(toLength: 21, withPad: " ", startingAt: 0)
                    + "\(run["mapRunArn"]?.stringValue ?? "")  \(run["status"]?.stringValue ?? "")  items: "
                    + (items.isEmpty ? "none" : items.joined(separator: ", ")))
        }
        if let note = execution.orphanNote { io.error("note: \(note)") }
        return .success
    }
}
