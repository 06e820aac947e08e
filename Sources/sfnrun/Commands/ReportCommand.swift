import StatesLanguage
import StatesLanguageTesting
import StatesLanguageLayout
import StatesLanguageRendering

/// `sfnrun report`: writes a self-contained HTML page about one execution.
struct ReportCommand: Command {
    static let help = CommandHelp(
        name: "report",
        summary: "Write a self-contained HTML report of an execution: graph, timeline, each state's data.",
        usage: [
            "report --definition <file> --history-file <file> --html <file> [--title <text>]",
            "report <name> --html <file> [--store <dir>] [--title <text>]",
        ],
        operands: [("<name>", "A stored execution (see 'sfnrun list'), instead of --definition and --history-file.")],
        options: [
            .value("definition", "<file>", help: "The state machine definition that ran (- for standard input)."),
            .value(
                "history-file", "<file>",
                help: "The execution history (get-execution-history JSON, or 'sfnrun start --output json --history')."),
            .value("html", "<file>", help: "Where to write the page (- for standard output)."),
            .value("title", "<text>", help: "The page's heading (default: the history file's name)."),
            StoreOptions.directoryOption,
        ] + SubstitutionOptions.specs,
        discussion: """
            The page needs nothing but a browser: no network, scripts or fonts. It shows the graph coloured by
            what happened, a timeline of the states (Map iterations, retries and waits included), and, when a
            state is clicked, its input, output, error, cause and attempts.
            """,
        examples: [
            "sfnrun start machine.asl.json --output json --history > run.json",
            "sfnrun report --definition machine.asl.json --history-file run.json --html run.html",
            "sfnrun report restart-web --html restart-web.html",
        ])

    var definitionPath: String?
    var historyPath: String?
    var htmlPath: String
    var title: String?
    /// A stored execution to report on, instead of the two files.
    var executionName: String?
    var storage: StoreOptions
    var substitutionOptions: SubstitutionOptions

    init(arguments: [String]) throws(UsageError) {
        let parsed = try ArgumentParser.parse(arguments, for: Self.help)
        if parsed.operands.count > 1 { throw UsageError("unexpected argument '\(parsed.operands[1])'") }
        executionName = parsed.operands.first
        storage = try StoreOptions(parsed, storesByDefault: true)
        definitionPath = parsed.value("definition")
        historyPath = parsed.value("history-file")
        if let executionName {
            if definitionPath != nil || historyPath != nil {
                throw UsageError(
                    "give a stored execution's name or --definition and --history-file, not both (got '\(executionName)')")
            }
        } else {
            guard definitionPath != nil else { throw UsageError("missing --definition <file> (or a stored execution's name)") }
            guard historyPath != nil else { throw UsageError("missing --history-file <file>") }
        }
        guard let html = parsed.value("html") else { throw UsageError("missing --html <file>") }
        substitutionOptions = try SubstitutionOptions(parsed)
        if [definitionPath == "-", historyPath == "-", substitutionOptions.usesStandardInput].filter({ $0 }).count > 1 {
            throw UsageError("only one file can come from standard input")
        }
        htmlPath = html
        title = parsed.value("title")
    }

    func run(io: any TerminalIO) async -> ExitCode {
        do {
            let machine: StateMachine
            let events: [ExecutionEvent]
            let name: String
            if let executionName {
                let (execution, stored) = try StoreReader(storage, io: io).executionAndMachine(executionName)
                (machine, events, name) = (stored, execution.history, title ?? executionName)
            } else {
                let historyPath = historyPath ?? "-"
                let substitutions = try substitutionOptions.load(io: io)
                machine = try SourceText.read(definitionPath ?? "-", io: io).stateMachine(substitutions: substitutions)
                let history = try HistoryFile.read(historyPath, io: io)
                history.warn(io: io, file: historyPath)
                events = history.events
                name = title ?? (historyPath == "-" ? "Execution" : WorkflowHarness.machineName(forFile: historyPath))
            }
            let page = ExecutionPage(machine: machine, trace: ExecutionTrace(events: events), title: name)
            try OutputFile.write(page.html(), to: htmlPath, io: io)
            return .success
        } catch {
            for line in error.lines { io.error(line) }
            return error.exitCode
        }
    }
}
