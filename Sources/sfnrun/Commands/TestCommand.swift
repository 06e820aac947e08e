import Foundation
import StatesLanguage
import StatesLanguageLayout
import StatesLanguageProcess
import StatesLanguageRendering
import StatesLanguageTesting

/// `sfnrun test`: runs the test cases of a Step Functions Local mock configuration and reports pass or fail.
struct TestCommand: Command {
    static let help = CommandHelp(
        name: "test",
        summary: "Run a mock configuration's test cases against a definition and report pass or fail.",
        usage: ["test <definition> --mock-config <file> [--test-case <name> | --all] [options]"],
        operands: [("<definition>", "The definition (.json, .asl.json, .yaml, .asl.yaml); - reads it from standard input.")],
        options: [
            .value("mock-config", "<file>", help: "The Step Functions Local mock configuration (required)."),
            .value("test-case", "<name>", help: "Run only this test case."),
            .flag("all", help: "Run every test case of the state machine (the default)."),
            .value("state-machine", "<name>", help: "The state machine's key in the mock file (default: the file name)."),
            .flag("allow-unmocked", help: "Let Task states a test case does not mock call real handlers."),
            FieldValidation.option,
            TaskOptions.commandOption,
            .value("input", "<json>", help: "Run every case with this input instead of its Expectations Input."),
            .value("input-file", "<file>", help: "Read that input from a file."),
            .value("start-time", "<timestamp>", help: "When the virtual clock starts (default 2026-01-01T00:00:00Z)."),
            .value("output", "<format>", allowed: ["text", "json"], help: "How to print the report (default text)."),
            .flag("verbose", short: "v", help: "Also show the states entered and the result of passing cases."),
            .value("report", "<dir>", help: "Write an HTML report of each test case to <dir>/<case>.html."),
            .value(
                "store", "<dir>",
                help: "Keep each case's execution in this execution store (named <case>-<id>); nothing is kept without it."),
        ] + SubstitutionOptions.specs,
        discussion: """
            Test cases run on a simulated clock. A case passes when the execution matches its entry under
            the mock file's top-level "Expectations" object (an sfnrun extension: Input, Status, Error, Cause,
            CauseContains, Output, OutputContains, StatesEntered, StatesNotEntered), or SUCCEEDS when it has none.
            A --task-command serves the Task states a test case does not mock (simulated time stands still
            while it runs); with --verbose its standard error is shown.
            Before running, every mocked Return of an aws-sdk or optimized integration is checked against
            the operation's response shape, as AWS's TestState checks mocks (--field-validation, default
            STRICT); a result that does not fit refuses the mock file.
            Exit status 0 when every case passes, 1 when one fails, 2 for unusable files.
            """,
        examples: [
            "sfnrun test StateMachines/rolling-restart.json --mock-config StateMachines/mocks/rolling-restart.mock.json",
            "sfnrun test machine.asl.json --mock-config MockConfigFile.json --state-machine Orders --test-case HappyPath",
        ])

    var definitionPath: String
    var mockConfigPath: String
    var testCaseName: String?
    var stateMachineName: String?
    var allowsUnmocked: Bool
    /// `--field-validation`: how mocked results are checked against the AWS APIs' response shapes.
    var fieldValidation: FieldValidation
    var commands: [TaskCommand]
    var inputSource: InputSource
    var format: String
    var isVerbose: Bool
    var clockStart: Date?
    var reportDirectory: String?
    /// `--store`: test cases are kept only when it is given.
    var storage: StoreOptions
    var substitutionOptions: SubstitutionOptions

    init(arguments: [String]) throws(UsageError) {
        let parsed = try ArgumentParser.parse(arguments, for: Self.help)
        guard let definition = parsed.operands.first else { throw UsageError("missing the definition file") }
        if parsed.operands.count > 1 { throw UsageError("unexpected argument '\(parsed.operands[1])'") }
        definitionPath = definition
        guard let mockConfig = parsed.value("mock-config") else { throw UsageError("missing --mock-config <file>") }
        mockConfigPath = mockConfig
        storage = try StoreOptions(parsed, storesByDefault: false)
        testCaseName = parsed.value("test-case")
        if testCaseName != nil, parsed.flag("all") { throw UsageError("give either --test-case or --all, not both") }
        stateMachineName = parsed.value("state-machine")
        allowsUnmocked = parsed.flag("allow-unmocked")
        fieldValidation = FieldValidation(parsed)
        commands = []
        for text in parsed.values("task-command") { commands.append(try TaskCommandArgument.parse(text)) }
        inputSource = try InputSource(parsed, stdinOperand: false)
        substitutionOptions = try SubstitutionOptions(parsed)
        let fromStandardInput = [definition == "-", inputSource.usesStandardInput, mockConfig == "-", substitutionOptions.usesStandardInput]
        if fromStandardInput.filter({ $0 }).count > 1 {
            throw UsageError("only one file can come from standard input")
        }
        format = parsed.value("output") ?? "text"
        isVerbose = parsed.flag("verbose")
        reportDirectory = parsed.value("report")
        if let text = parsed.value("start-time") {
            guard let date = TimestampArgument.parse(text) else {
                throw UsageError("invalid value '\(text)' for '--start-time' (expected a timestamp like 2026-01-31T12:00:00Z)")
            }
            clockStart = date
        }
    }

    func run(io: any TerminalIO) async -> ExitCode {
        do {
            return try await execute(io: io)
        } catch {
            for line in error.lines { io.error(line) }
            return error.exitCode
        }
    }

    private struct Outcome {
        var testCase: MockTestCase
        var result: ExecutionResult
        var problems: [String]
    }

    private func execute(io: any TerminalIO) async throws(CommandFailure) -> ExitCode {
        let substitutions = try substitutionOptions.load(io: io)
        let source = try SourceText.read(definitionPath, io: io)
        let machineName = stateMachineName ?? WorkflowHarness.machineName(forFile: source.displayName)
        let machine = try source.stateMachine(name: machineName, substitutions: substitutions)
        for warning in machine.warnings { io.error(warning.formatted(file: source.displayName)) }
        try TaskCommandArgument.check(commands, against: machine)
        let configuration = try SourceText.read(mockConfigPath, io: io).mockConfiguration()
        let overrideInput = try inputSource.value(io: io)
        guard let entry = configuration.stateMachine(named: machineName) else {
            let known = configuration.stateMachines.map(\.name).joined(separator: ", ")
            throw CommandFailure(
                "\(mockConfigPath): error: StateMachines: no entry for state machine '\(machineName)' (it has: \(known.isEmpty ? "none" : known)); use --state-machine to choose one")
        }
        var cases = entry.testCases
        if let testCaseName {
            cases = cases.filter { $0.name == testCaseName }
            if cases.isEmpty {
                let known = entry.testCases.map(\.name).joined(separator: ", ")
                var message =
                    "\(mockConfigPath): error: StateMachines.\(machineName).TestCases: no test case '\(testCaseName)' (it has: \(known))"
                if let guess = Suggestion.closest(to: testCaseName, among: entry.testCases.map(\.name)) {
                    message += "; did you mean '\(guess)'?"
                }
                throw CommandFailure(message)
            }
        }

        for testCase in cases {
            do {
                try testCase.check(against: machine)
            } catch {
                throw CommandFailure(error.formatted(file: mockConfigPath))
            }
        }
        try fieldValidation.check(
            cases, of: configuration, in: machine, file: mockConfigPath, io: io, notesRequiredFields: isVerbose)
        var outcomes: [Outcome] = []
        for testCase in cases {
            let harness = WorkflowHarness(machine: machine)
            harness.use(testCase)
            if let clockStart { harness.startDate = clockStart }
            let supervisor = CommandSupervisor()
            if allowsUnmocked || !commands.isEmpty {
                harness.allowsUnmocked = true
                let live = allowsUnmocked ? SFNRun.liveHandlers() : TaskRegistry()
                harness.register(
                    commands.isEmpty
                        ? live
                        : live.routingCommands(
                            commands, options: TaskOptions.commandOptions(io, supervisor, isVerbose)))
            }
            let input = overrideInput ?? testCase.input ?? .object(JSONObject())
            let result: ExecutionResult
            if let store = storage.store(io: io) {
                var executor = harness.makeExecutor()
                executor.store = store
                let name = Self.executionName(for: testCase.name)
                do {
                    result = try await executor.start(machine, input: input, name: name).result
                } catch {
                    throw CommandFailure("error: cannot store the test case '\(testCase.name)': \(error.cause ?? error.name.rawValue)")
                }
            } else {
                result = await harness.run(input: input)
            }
            await supervisor.shutDown()
            let problems = (testCase.expectation ?? TestExpectation()).mismatches(in: result)
            outcomes.append(Outcome(testCase: testCase, result: result, problems: problems))
        }
        if let reportDirectory {
            try OutputFile.makeDirectory(reportDirectory)
            for outcome in outcomes {
                let page = ExecutionPage(
                    machine: machine, trace: ExecutionTrace(events: outcome.result.history),
                    title: "\(machineName) · \(outcome.testCase.name)")
                let path = (reportDirectory as NSString).appendingPathComponent(Self.fileName(outcome.testCase.name))
                try OutputFile.write(page.html(), to: path, io: io)
            }
        }
        let failed = outcomes.filter { !$0.problems.isEmpty }.count
        if format == "json" {
            io.output(jsonReport(outcomes, machineName: machineName).jsonString(options: .pretty))
        } else {
            printText(outcomes, machineName: machineName, io: io)
        }
        return failed == 0 ? .success : .failure
    }

    /// A file name for a test case's report: unsafe characters become `_`.
    /// A stored test case's execution name: the case's name with characters AWS refuses replaced, and a
    /// short unique suffix.
    static func executionName(for testCase: String) -> String {
        let allowed = testCase.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "-" }
        return String(String(allowed).prefix(70)) + "-" + UUID().uuidString.prefix(8).lowercased()
    }

    static func fileName(_ testCase: String) -> String {
        let safe = testCase.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "_" }
        let name = String(safe).trimmingCharacters(in: CharacterSet(charactersIn: "."))
        return (name.isEmpty ? "case" : name) + ".html"
    }

    private func printText(_ outcomes: [Outcome], machineName: String, io: any TerminalIO) {
        for outcome in outcomes {
            let result = outcome.result
            if outcome.problems.isEmpty {
                io.output("PASS  \(outcome.testCase.name) (\(result.status.name), \(statesText(result)))")
                if isVerbose {
                    io.output("      states entered: \(result.statesEntered.joined(separator: " → "))")
                    if let output = result.output { io.output("      output: \(output.jsonString())") }
                    if let error = result.error { io.output("      error: \(error)") }
                }
                continue
            }
            io.output("FAIL  \(outcome.testCase.name) (\(result.status.name), \(statesText(result)))")
            for problem in outcome.problems { io.output("      \(problem)") }
            io.output("      states entered: \(result.statesEntered.joined(separator: " → "))")
        }
        let failed = outcomes.filter { !$0.problems.isEmpty }.count
        io.output(
            "\(machineName): \(outcomes.count - failed) passed, \(failed) failed (\(outcomes.count) test case\(outcomes.count == 1 ? "" : "s"))")
    }

    private func statesText(_ result: ExecutionResult) -> String {
        let count = result.statesEntered.count
        return count == 1 ? "1 state" : "\(count) states"
    }

    private func jsonReport(_ outcomes: [Outcome], machineName: String) -> JSONValue {
        let cases: [JSONValue] = outcomes.map { outcome in
            var object: JSONObject = [
                "name": .string(outcome.testCase.name), "passed": .bool(outcome.problems.isEmpty),
                "status": .string(outcome.result.status.name),
            ]
            if let error = outcome.result.error {
                object["error"] = .string(error.name.rawValue)
                if let cause = error.cause { object["cause"] = .string(cause) }
            }
            if let output = outcome.result.output { object["output"] = output }
            object["statesEntered"] = .array(outcome.result.statesEntered.map { .string($0) })
            object["problems"] = .array(outcome.problems.map { .string($0) })
            return .object(object)
        }
        let failed = outcomes.filter { !$0.problems.isEmpty }.count
        return [
            "stateMachine": .string(machineName), "passed": .integer(outcomes.count - failed), "failed": .integer(failed),
            "testCases": .array(cases),
        ]
    }
}
