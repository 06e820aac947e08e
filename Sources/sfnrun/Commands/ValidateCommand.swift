import StatesLanguage

/// `sfnrun validate`: checks definitions as AWS's `ValidateStateMachineDefinition` does and prints
/// every problem compiler-style, or the API's response document.
struct ValidateCommand: Command {
    static let help = CommandHelp(
        name: "validate",
        summary: "Check state machine definitions and report every problem.",
        usage: ["validate <definition>... [options]", "validate <definition> --output json [options]"],
        operands: [
            ("<definition>", "One or more definitions (.json, .asl.json, .yaml, .asl.yaml); - reads one from standard input.")
        ],
        options: [
            .value(
                "type", "<type>", allowed: ["STANDARD", "EXPRESS"],
                help: "The state machine type (default STANDARD); EXPRESS refuses .sync, .waitForTaskToken, activities."),
            .value(
                "severity", "<level>", allowed: ["ERROR", "WARNING"],
                help: "The least severe problems to report (default WARNING: errors and warnings)."),
            .value("max-results", "<n>", help: "Report at most n problems per definition, 1 to 100 (default 100)."),
            .value("output", "<format>", allowed: ["text", "json"], help: "How to print the result (default text)."),
            .flag("quiet", short: "q", help: "Print only problems, no 'OK' lines."),
        ] + SubstitutionOptions.specs,
        discussion: """
            Problems are printed to standard error as 'file:line:column: error: States.X.Field: message [CODE]',
            with AWS's diagnostic code (SCHEMA_VALIDATION_FAILED, MISSING_TRANSITION_TARGET, ...) and the
            lines and columns of the file as written (also for YAML, and after substitutions).
            With --output json, one definition's result is printed to standard output in the shape of
            ValidateStateMachineDefinition's response: result (OK or FAIL), diagnostics (severity, code,
            message and location, a JSON Pointer such as /States/Reboot/Retry/0/BackoffRate) and truncated.
            A ${Name} placeholder left in a Resource is an error; with substitutions given, one left
            elsewhere is a warning. Exit status 0 when every definition is valid (warnings allowed), 2 otherwise.
            """,
        examples: [
            "sfnrun validate StateMachines/*.json",
            "sfnrun validate machine.asl.json --type EXPRESS --output json",
            "sfnrun validate StateMachines/sam/patch-report.asl.yaml --substitutions StateMachines/sam/substitutions.yaml",
        ])

    var paths: [String]
    var type: StateMachineType
    var severity: Diagnostic.Severity
    var maxResults: Int
    var format: String
    var isQuiet: Bool
    var substitutionOptions: SubstitutionOptions

    init(arguments: [String]) throws(UsageError) {
        let parsed = try ArgumentParser.parse(arguments, for: Self.help)
        guard !parsed.operands.isEmpty else { throw UsageError("missing the definition file") }
        if parsed.operands.filter({ $0 == "-" }).count > 1 {
            throw UsageError("standard input ('-') can be given only once")
        }
        paths = parsed.operands
        type = parsed.value("type").flatMap(StateMachineType.init(rawValue:)) ?? .standard
        severity = parsed.value("severity") == "ERROR" ? .error : .warning
        maxResults = DefinitionValidation.maximumResults
        if let text = parsed.value("max-results") {
            guard let count = Int(text), (1...DefinitionValidation.maximumResults).contains(count) else {
                throw UsageError("invalid value '\(text)' for '--max-results' (expected a number from 1 to 100)")
            }
            maxResults = count
        }
        format = parsed.value("output") ?? "text"
        if format == "json", paths.count > 1 {
            throw UsageError("--output json validates one definition at a time (got \(paths.count))")
        }
        isQuiet = parsed.flag("quiet")
        substitutionOptions = try SubstitutionOptions(parsed)
        if substitutionOptions.usesStandardInput, paths.contains("-") {
            throw UsageError("only one file can come from standard input")
        }
    }

    func run(io: any TerminalIO) async -> ExitCode {
        var status = ExitCode.success
        let style = io.errorStyle
        let substitutions: DefinitionSubstitutions?
        do {
            substitutions = try substitutionOptions.load(io: io)
        } catch {
            for line in error.lines { io.error(colour(line, style)) }
            return error.exitCode
        }
        for path in paths {
            let source: SourceText
            do {
                source = try SourceText.read(path, io: io)
            } catch {
                for line in error.lines { io.error(colour(line, style)) }
                status = .usage
                continue
            }
            let validation = StateMachine.validate(
                source.text, format: DocumentFormat(fileName: source.fileName, text: source.text), type: type,
                severity: severity, maxResults: maxResults, substitutions: substitutions)
            if validation.result == .fail { status = .usage }
            if format == "json" {
                io.output(validation.jsonValue.jsonString(options: .pretty))
                continue
            }
            for diagnostic in validation.diagnostics {
                io.error(colour(diagnostic.formatted(file: source.displayName), style))
            }
            if validation.diagnostics.contains(where: { $0.message.contains("no substitution value") }) {
                io.error("note: give placeholder values with --substitute NAME=VALUE or --substitutions FILE")
            }
            if validation.truncated {
                io.error("\(source.displayName): more problems were found; showing the first \(maxResults)")
            }
            if validation.result == .ok, !isQuiet {
                let count = validation.diagnostics.count
                io.output("\(source.displayName): OK" + (count == 0 ? "" : " (\(count) warning\(count == 1 ? "" : "s"))"))
            }
        }
        return status
    }

    private func colour(_ line: String, _ style: TerminalStyle) -> String {
        guard style.isEnabled else { return line }
        if let range = line.range(of: ": error: ") {
            return line.replacingCharacters(in: range, with: ": " + style.failure("error") + ": ")
        }
        if let range = line.range(of: ": warning: ") {
            return line.replacingCharacters(in: range, with: ": " + style.warning("warning") + ": ")
        }
        return line
    }
}
