import StatesLanguage
import StatesLanguageLayout
import StatesLanguageRendering

/// `sfnrun graph`: draws a definition as SVG, DOT, Mermaid or a text outline.
struct GraphCommand: Command {
    static let help = CommandHelp(
        name: "graph",
        summary: "Draw a state machine (SVG, DOT, Mermaid or a text outline), coloured by an execution if given.",
        usage: [
            "graph <definition> [--format svg|dot|mermaid|text] [--history-file <file>] [-o <file>]",
            "graph --execution <name> [--store <dir>] [--format svg|dot|mermaid|text] [-o <file>]",
        ],
        operands: [("<definition>", "The definition (.json, .asl.json, .yaml, .asl.yaml); - reads it from standard input.")],
        options: [
            .value(
                "format", "<format>", allowed: ["svg", "dot", "mermaid", "text"],
                help: "What to write (default: from the -o file's extension, else svg)."),
            .value(
                "history-file", "<file>",
                help: "Colour the states by this execution history (get-execution-history JSON)."),
            .value(
                "execution", "<name>",
                help: "Colour the states by this stored execution (its definition is used when none is given)."),
            StoreOptions.directoryOption,
            .value("output-file", "<file>", short: "o", help: "Write to this file instead of standard output."),
        ] + SubstitutionOptions.specs,
        discussion: """
            The SVG layout is sfnrun's own (layered, top to bottom); no Graphviz is needed. Nodes show each
            state's name, type, resource, Retry policy and a Map's MaxConcurrency; Choice edges carry their
            rule, the Default edge is marked, Catch edges are dashed with their error names. Parallel branches
            and Map item processors are drawn nested. With --history-file (the JSON of 'sfnrun start --output
            json --history' or of 'aws stepfunctions get-execution-history'), states are coloured succeeded,
            failed, caught, cancelled, in progress or not reached, and Map states show their iterations.
            """,
        examples: [
            "sfnrun graph StateMachines/rolling-restart.json -o rolling-restart.svg",
            "sfnrun graph StateMachines/patch-report.json --format text",
            "sfnrun graph machine.asl.json --history-file history.json --format svg -o run.svg",
            "sfnrun graph --execution restart-web -o restart-web.svg",
        ])

    var definitionPath: String?
    var format: String
    var historyPath: String?
    /// `--execution`: a stored execution to colour by.
    var executionName: String?
    var storage: StoreOptions
    var outputPath: String?
    var substitutionOptions: SubstitutionOptions

    init(arguments: [String]) throws(UsageError) {
        let parsed = try ArgumentParser.parse(arguments, for: Self.help)
        executionName = parsed.value("execution")
        storage = try StoreOptions(parsed, storesByDefault: true)
        let definition = parsed.operands.first
        guard definition != nil || executionName != nil else { throw UsageError("missing the definition file") }
        if parsed.operands.count > 1 { throw UsageError("unexpected argument '\(parsed.operands[1])'") }
        definitionPath = definition
        historyPath = parsed.value("history-file")
        if historyPath != nil, executionName != nil {
            throw UsageError("--history-file and --execution cannot be used together")
        }
        outputPath = parsed.value("output-file")
        substitutionOptions = try SubstitutionOptions(parsed)
        if [definition == "-", historyPath == "-", substitutionOptions.usesStandardInput].filter({ $0 }).count > 1 {
            throw UsageError("only one file can come from standard input")
        }
        format = parsed.value("format") ?? Self.format(forFile: outputPath) ?? "svg"
    }

    /// The format a file name asks for: `.svg`, `.dot` or `.gv`, `.mmd` or `.mermaid`, `.txt`.
    static func format(forFile path: String?) -> String? {
        guard let path, let dot = path.lastIndex(of: ".") else { return nil }
        switch path[path.index(after: dot)...].lowercased() {
        case "svg": return "svg"
        case "dot", "gv": return "dot"
        case "mmd", "mermaid": return "mermaid"
        case "txt": return "text"
        default: return nil
        }
    }

    func run(io: any TerminalIO) async -> ExitCode {
        do {
            let substitutions = try substitutionOptions.load(io: io)
            var machine: StateMachine
            var trace: ExecutionTrace?
            if let executionName {
                let (execution, stored) = try StoreReader(storage, io: io).executionAndMachine(executionName)
                machine = stored
                trace = ExecutionTrace(events: execution.history, keepsPayloads: false)
            } else {
                machine = try SourceText.read(definitionPath ?? "-", io: io).stateMachine(substitutions: substitutions)
            }
            if let definitionPath, executionName != nil {
                machine = try SourceText.read(definitionPath, io: io).stateMachine(substitutions: substitutions)
            }
            if let historyPath {
                let history = try HistoryFile.read(historyPath, io: io)
                history.warn(io: io, file: historyPath)
                trace = ExecutionTrace(events: history.events, keepsPayloads: false)
            }
            let diagram = WorkflowDiagram(machine, trace: trace)
            let text: String
            switch format {
            case "dot": text = diagram.dot()
            case "mermaid": text = diagram.mermaid()
            case "text": text = diagram.outline()
            default: text = DiagramLayout(diagram).svg()
            }
            try OutputFile.write(text, to: outputPath, io: io)
            return .success
        } catch {
            for line in error.lines { io.error(line) }
            return error.exitCode
        }
    }
}
