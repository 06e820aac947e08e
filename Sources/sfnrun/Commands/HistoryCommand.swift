import Foundation
import StatesLanguage

/// `sfnrun history`: a stored execution's events, like `aws stepfunctions get-execution-history`.
struct HistoryCommand: Command {
    static let help = CommandHelp(
        name: "history",
        summary: "Print a stored execution's history events (get-execution-history); --follow streams them.",
        usage: ["history <name> [--follow] [--output text|json] [--store <dir>]"],
        operands: [("<name>", "The execution's name (see 'sfnrun list').")],
        options: [
            .flag("follow", short: "f", help: "Keep printing new events until the execution ends."),
            .value("output", "<format>", allowed: ["text", "json"], help: "text (default) or json."),
            StoreOptions.directoryOption,
        ],
        discussion: """
            With --output json the history prints as get-execution-history's {"events": […]}; with --follow
            too, one event per line (JSON Lines), as they happen. Events reach the store in batches: a
            running execution's newest events show when it next waits, runs a task or ends.
            """,
        examples: ["sfnrun history restart-web --follow", "sfnrun history restart-web --output json > run.json"])

    var name: String
    var format: String
    var follows: Bool
    var storage: StoreOptions
    /// How often --follow reads the store.
    var pollInterval: Double = 0.2

    init(arguments: [String]) throws(UsageError) {
        let parsed = try ArgumentParser.parse(arguments, for: Self.help)
        guard let name = parsed.operands.first else { throw UsageError("missing the execution name") }
        if parsed.operands.count > 1 { throw UsageError("unexpected argument '\(parsed.operands[1])'") }
        self.name = name
        format = parsed.value("output") ?? "text"
        follows = parsed.flag("follow")
        storage = try StoreOptions(parsed, storesByDefault: true)
    }

    func run(io: any TerminalIO) async -> ExitCode {
        let reader = StoreReader(storage, io: io)
        var execution: StoredExecution
        do {
            execution = try reader.execution(name)
        } catch {
            for line in error.lines { io.error(line) }
            return error.exitCode
        }
        guard follows else {
            let report = ExecutionReport(result: execution.result, machineName: execution.start.stateMachineName)
            if format == "json" {
                let document: JSONValue = ["events": .array(report.events)]
                io.output(document.jsonString(options: .pretty))
            } else {
                for line in report.historyLines { io.output(line) }
            }
            return .success
        }
        var printed = 0
        var warnedOrphan = false
        while true {
            let fresh = execution.history.filter { $0.id > printed }
            print(fresh, io: io)
            printed = max(printed, fresh.map(\.id).max() ?? 0)
            if execution.closing != nil, !execution.isActive { return .success }
            if execution.isOrphaned, !warnedOrphan, let note = execution.orphanNote {
                io.error("note: \(note)")
                warnedOrphan = true
            }
            try? await Task.sleep(nanoseconds: UInt64(pollInterval * 1e9))
            do {
                execution = try reader.execution(name)
            } catch {
                for line in error.lines { io.error(line) }
                return error.exitCode
            }
        }
    }

    private func print(_ events: [ExecutionEvent], io: any TerminalIO) {
        guard !events.isEmpty else { return }
        let values = events.map(\.jsonValue)
        if format == "json" {
            for value in values { io.output(value.jsonString()) }
        } else {
            let report = ExecutionReport(
                result: ExecutionResult(
                    status: .aborted(nil), history: events, executionARN: "", name: name, input: .null,
                    startDate: Date(), stopDate: Date()), machineName: "", events: values)
            for line in report.historyLines { io.output(line) }
        }
    }
}
